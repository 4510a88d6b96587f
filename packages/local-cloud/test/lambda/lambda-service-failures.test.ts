import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { scaledClock } from '../../src/clock';
import { functionDefinitionFactory } from './function-fixtures';
import { ISO_TIME, lambdaServiceFixture } from './lambda-service-fixture';

// What a failing handler does to its invocation and its instance: errors thrown at run or init time, a
// missing handler, running out of memory, exiting, a slow init, a response too large, a late crash.
describe('LambdaService', () => {
  const { root, start, logLines, lambda } = lambdaServiceFixture();

  test("returns a thrown error in Lambda's shape, logs it as Invoke Error, and keeps the instance warm", async () => {
    start([functionDefinitionFactory(root, 'throws')]);

    const result = await lambda.invoke('OrderPipeline-throws', {});

    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toStrictEqual({
      errorType: 'OrderRejectedError',
      errorMessage: 'customerAddress is missing',
      stack: expect.arrayContaining(['OrderRejectedError: customerAddress is missing']),
    });
    expect(logLines(result)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${ISO_TIME}\\t${result.requestId}\\tERROR\\tInvoke Error \\t\\{"errorType":"OrderRejectedError"`,
        ),
      ),
    );
    expect((await lambda.invoke('OrderPipeline-throws', {})).coldStart).toBe(false);
  });

  test('fails the invocation with the error thrown at init, and starts afresh next time', async () => {
    start([functionDefinitionFactory(root, 'failsAtInit')]);

    const result = await lambda.invoke('OrderPipeline-failsAtInit', {});
    const next = await lambda.invoke('OrderPipeline-failsAtInit', {});

    expect(result.payload).toMatchObject({
      errorType: 'Error',
      errorMessage: 'ORDERS_TABLE_NAME is not set',
    });
    expect(logLines(result).at(-1)).toMatch(/\tStatus: error$/);
    expect(next.coldStart).toBe(true);
    expect(next.logStreamName).not.toBe(result.logStreamName);
  });

  test('fails with Runtime.HandlerNotFound when the module does not export the handler', async () => {
    start([functionDefinitionFactory(root, 'exportsNothing')]);

    const result = await lambda.invoke('OrderPipeline-exportsNothing', {});

    expect(result.payload).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
  });

  test('ends an instance that outgrows its memory size with Runtime.OutOfMemory', async () => {
    start([functionDefinitionFactory(root, 'allocates', { memorySizeMb: 32, timeoutSeconds: 20 })]);

    const result = await lambda.invoke('OrderPipeline-allocates', {});

    expect(result.payload).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
    expect(lambda.statistics().Allocates0A1B2C3D.alive).toBe(0);
  });

  test('fails the invocation with Runtime.ExitError when the handler ends its process, and replaces the instance', async () => {
    start([functionDefinitionFactory(root, 'exits')]);

    const result = await lambda.invoke('OrderPipeline-exits', {});
    const next = await lambda.invoke('OrderPipeline-exits', {});

    expect(result.payload).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: 'Runtime exited with code 3',
    });
    expect(logLines(result).slice(-3)).toStrictEqual([
      `START RequestId: ${result.requestId} Version: $LATEST`,
      `END RequestId: ${result.requestId}`,
      expect.stringMatching(/\tStatus: error$/),
    ]);
    expect(next.coldStart).toBe(true);
  });

  test("stops an init phase that outlasts Lambda's 10 s init limit, by the execution clock", async () => {
    // An execution clock 100 times faster makes the limit 100 real ms; the module takes a real second to load.
    start([functionDefinitionFactory(root, 'slowInit')], { executionClock: scaledClock(100) });

    const result = await lambda.invoke('OrderPipeline-slowInit', {});

    expect(result.timedOut).toBe(true);
    expect(result.payload).toMatchObject({
      errorMessage: expect.stringMatching(/Task timed out after 10\.00 seconds$/),
    });
  });

  test("maps a handler error's stack to its sources when NODE_OPTIONS has --enable-source-maps, as Lambda does", async () => {
    mkdirSync(join(root, 'mapped', 'src'), { recursive: true });
    const source = join(root, 'mapped', 'src', 'handler.ts');
    writeFileSync(
      source,
      "export const handler = async (): Promise<never> => {\n  throw new Error('mapped');\n};\n",
    );
    buildSync({
      entryPoints: [source],
      outfile: join(root, 'mapped', 'index.js'),
      bundle: true,
      minify: true,
      sourcemap: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'silent',
    });
    start([
      functionDefinitionFactory(root, 'echo', {
        codeDirectory: join(root, 'mapped'),
        environment: { NODE_OPTIONS: '--enable-source-maps' },
      }),
    ]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    expect(result.error?.stack.join('\n')).toMatch(/src\/handler\.ts:2:\d+/);
  });

  test('fails an invocation whose response is over 6 MB, as Lambda does', async () => {
    start([functionDefinitionFactory(root, 'respondsTooMuch')]);

    const result = await lambda.invoke('OrderPipeline-respondsTooMuch', {});

    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
  });

  test('logs an uncaught exception of an idle instance to its stream and replaces the instance', async () => {
    start([functionDefinitionFactory(root, 'crashesLater')]);

    const first = await lambda.invoke('OrderPipeline-crashesLater', {});
    for (let attempt = 0; attempt < 150 && lambda.statistics().CrashesLater0A1B2C3D.alive > 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await lambda.invoke('OrderPipeline-crashesLater', {});

    expect(first.payload).toBe('answered');
    expect(logLines(first)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${ISO_TIME}\\tundefined\\tERROR\\tUncaught Exception \\t.*after the response`),
      ),
    );
    expect(second.coldStart).toBe(true);
  });
});
