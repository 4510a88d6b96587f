import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LambdaService } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { functionDefinitionFactory, writeHandlerAssets } from './function-fixtures';

describe('an instance that has just finished its init', () => {
  const root = writeHandlerAssets();
  const logs = new LogsService();
  const definition = functionDefinitionFactory(root, 'counter');
  const lambda = new LambdaService({ functions: [definition], environment: TEST_ENVIRONMENT, logs });

  afterAll(async () => {
    await lambda.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  test('is busy with the invocation that started it, so a second invocation gets another instance', async () => {
    const first = lambda.invoke(definition.functionName, { ms: 400 });
    // Wait until the first invocation's handler runs: its instance has passed its init.
    const deadline = Date.now() + 10_000;
    const started = () =>
      logs
        .describeLogStreams(definition.logGroupName)
        .some((stream) =>
          logs
            .getLogEvents(definition.logGroupName, stream.logStreamName)
            .some((event) => event.message.startsWith('START')),
        );
    while (!started() && Date.now() < deadline) await sleep(10);

    const second = await lambda.invoke(definition.functionName, {});
    const firstResult = await first;

    expect(firstResult.functionError).toBeUndefined();
    expect(second.functionError).toBeUndefined();
    expect(second.logStreamName).not.toBe(firstResult.logStreamName);
    expect((firstResult.payload as { invocations: number }).invocations).toBe(1);
    expect((second.payload as { invocations: number }).invocations).toBe(1);
  });
});
