import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LambdaService, ResourceNotFoundException } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { functionDefinitionFactory, writeAssetFiles } from './function-fixtures';

/** A handler that says which code it is and what its environment holds, after `event.ms` of work. */
const versioned = (version: string) => `
  exports.handler = async (event) => {
    if (event && event.ms) await new Promise((resolve) => setTimeout(resolve, event.ms));
    return { version: '${version}', stage: process.env.STAGE ?? null };
  };`;

describe('swapping the code of a function that runs (a watched app saved)', () => {
  const root = mkdtempSync(join(tmpdir(), 'code-swap-'));
  const v1 = writeAssetFiles(root, 'v1', { 'index.js': versioned('v1') });
  const v2 = writeAssetFiles(root, 'v2', { 'main.js': versioned('v2') });
  const before = functionDefinitionFactory(root, 'counter', { codeDirectory: v1 });
  const after = functionDefinitionFactory(root, 'counter', {
    codeDirectory: v2,
    handler: 'main.handler',
    environment: { STAGE: 'dev' },
    timeoutSeconds: 5,
  });
  let lambda: LambdaService;

  beforeEach(() => {
    lambda = new LambdaService({
      functions: [before],
      environment: TEST_ENVIRONMENT,
      logs: new LogsService(),
    });
  });

  afterEach(() => lambda.shutdown());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('an invocation in flight finishes on the old code; the next is a cold start on the new code and settings', async () => {
    const name = before.functionName;
    const warm = lambda.invoke(name, { ms: 100 });
    const inFlight = lambda.invoke(name, { ms: 1500 });
    const idle = await warm;

    const retired = lambda.updateFunctions([after]);
    const next = await lambda.invoke(name, {});
    const inUseWhileOldRuns = lambda.foldersInUse();
    const finished = await inFlight;
    await retired;

    expect(finished.payload).toEqual({ version: 'v1', stage: null });
    expect(next.payload).toEqual({ version: 'v2', stage: 'dev' });
    expect(next.coldStart).toBe(true);
    expect(next.logStreamName).not.toBe(idle.logStreamName);
    expect(next.logStreamName).not.toBe(finished.logStreamName);
    expect(lambda.getFunction(name)).toBe(after);
    expect([...inUseWhileOldRuns].sort()).toEqual([v1, v2]);
    expect([...lambda.foldersInUse()]).toEqual([v2]);
    // The idle instance and the one that finished are gone; the counts carry on across the swap.
    expect(lambda.liveLogStreams(name)).toEqual([next.logStreamName]);
    expect(lambda.statistics()[before.logicalId]).toMatchObject({ instances: 3, invocations: 3, alive: 1 });
  });

  test('an idle instance of the old code is retired at once, so the next invocation starts on the new code', async () => {
    const name = before.functionName;
    const old = await lambda.invoke(name, {});

    await lambda.updateFunctions([after]);
    const next = await lambda.invoke(name, {});
    const again = await lambda.invoke(name, {});

    expect(old.payload).toEqual({ version: 'v1', stage: null });
    expect(next).toMatchObject({ payload: { version: 'v2', stage: 'dev' }, coldStart: true });
    expect(again).toMatchObject({ coldStart: false, logStreamName: next.logStreamName });
  });

  test('a function that does not run is refused before anything is swapped', async () => {
    const stranger = functionDefinitionFactory(root, 'echo', { codeDirectory: v2 });

    expect(() => lambda.updateFunctions([after, stranger])).toThrow(ResourceNotFoundException);
    expect(lambda.getFunction(before.functionName)).toBe(before);
  });

  test('shutting down stops an instance still finishing the old code, and its retirement resolves', async () => {
    const inFlight = lambda.invoke(before.functionName, { ms: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const retired = lambda.updateFunctions([after]);

    await lambda.shutdown();
    await retired;

    expect((await inFlight).functionError).toBe('Unhandled');
  });
});
