import { functionDefinitionFactory, writeHandlerAssets } from './function-fixtures';
import { LambdaHarness } from './lambda-harness';

const ISO_TIME = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

describe('handler styles, as each Node.js runtime of Lambda accepts them', () => {
  const harness = new LambdaHarness();
  const root = harness.track(writeHandlerAssets());

  afterEach(() => harness.stop());
  afterAll(() => harness.removeFolders());

  test("waits for a callback handler's callback on nodejs22.x and answers with its result", async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'callbackLater', { runtime: 'nodejs22.x' }),
    ]);

    const result = await lambda.invoke('OrderPipeline-callbackLater', {});

    expect(result.functionError).toBeUndefined();
    expect(result.payload).toStrictEqual({ answered: 'later' });
    expect(result.durationMs).toBeGreaterThanOrEqual(45);
  });

  test('fails the invocation with the error a callback handler passes, logged as Invoke Error', async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'callbackError', { runtime: 'nodejs20.x' }),
    ]);

    const result = await lambda.invoke('OrderPipeline-callbackError', {});

    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toStrictEqual({
      errorType: 'Error',
      errorMessage: 'order rejected through the callback',
      stack: expect.arrayContaining(['Error: order rejected through the callback']),
    });
    expect(harness.logLines(result)).toContainEqual(
      expect.stringMatching(new RegExp(`^${ISO_TIME}\\t${result.requestId}\\tERROR\\tInvoke Error \\t`)),
    );
  });

  test('answers callback(null, result) once the event loop is empty, at once when callbackWaitsForEmptyEventLoop is false', async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'callbackWithTimer', { runtime: 'nodejs22.x' }),
    ]);

    const waiting = await lambda.invoke('OrderPipeline-callbackWithTimer', { waits: true, timerMs: 400 });
    const notWaiting = await lambda.invoke('OrderPipeline-callbackWithTimer', { waits: false, timerMs: 400 });

    expect([waiting.payload, notWaiting.payload]).toStrictEqual(['answered', 'answered']);
    expect(waiting.durationMs).toBeGreaterThanOrEqual(390);
    expect(notWaiting.durationMs).toBeLessThan(390);
  });

  test('answers with context.succeed and fails with context.fail on nodejs18.x', async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'contextSucceed', { runtime: 'nodejs18.x' }),
      functionDefinitionFactory(root, 'contextFail', { runtime: 'nodejs18.x' }),
    ]);

    const succeeded = await lambda.invoke('OrderPipeline-contextSucceed', {});
    const failed = await lambda.invoke('OrderPipeline-contextFail', {});

    expect(succeeded.payload).toStrictEqual({ via: 'succeed' });
    expect(failed.functionError).toBe('Unhandled');
    expect(failed.payload).toMatchObject({ errorType: 'Error', errorMessage: 'failed through the context' });
  });

  test("answers null for a plain returned value on nodejs22.x and the value itself on nodejs24.x, as Lambda's runtimes do", async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'returnsValue', { runtime: 'nodejs22.x' }),
      functionDefinitionFactory(root, 'returnsValue', {
        runtime: 'nodejs24.x',
        functionName: 'OrderPipeline-returnsValue24',
      }),
    ]);

    const onNode22 = await lambda.invoke('OrderPipeline-returnsValue', {});
    const onNode24 = await lambda.invoke('OrderPipeline-returnsValue24', {});

    expect([onNode22.payload, onNode24.payload]).toStrictEqual([null, 42]);
    expect([onNode22.functionError, onNode24.functionError]).toStrictEqual([undefined, undefined]);
  });

  test('refuses a callback handler on nodejs24.x at init with Runtime.CallbackHandlerDeprecated, and logs why', async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'callbackLater', { runtime: 'nodejs24.x' }),
    ]);

    const result = await lambda.invoke('OrderPipeline-callbackLater', {});

    expect(result.functionError).toBe('Unhandled');
    expect(result.payload).toStrictEqual({
      errorType: 'Runtime.CallbackHandlerDeprecated',
      errorMessage: expect.stringMatching(
        /^ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node\.js 24\./,
      ),
      stack: expect.any(Array),
    });
    const lines = harness.logLines(result);
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^${ISO_TIME}\\tundefined\\tERROR\\tUncaught Exception \\t\\{"errorType":"Runtime\\.CallbackHandlerDeprecated"`,
        ),
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Runtime\.CallbackHandlerDeprecated$/,
      ),
    );
  });

  test('runs async handlers on nodejs24.x and on nodejs16.x alike', async () => {
    const lambda = harness.start([
      functionDefinitionFactory(root, 'counter', { runtime: 'nodejs24.x' }),
      functionDefinitionFactory(root, 'sleep', { runtime: 'nodejs16.x' }),
    ]);

    const counted = await lambda.invoke('OrderPipeline-counter', {});
    const slept = await lambda.invoke('OrderPipeline-sleep', { ms: 10 });

    expect(counted.payload).toMatchObject({ invocations: 1 });
    expect(slept.payload).toBe('woke');
  });
});

describe('an init failure, in the log group as Lambda writes it', () => {
  const harness = new LambdaHarness();
  const root = harness.track(writeHandlerAssets(['failsAtInit', 'exitsAtInit']));

  afterEach(() => harness.stop());
  afterAll(() => harness.removeFolders());

  test('logs the error and an INIT_REPORT line between INIT_START and START', async () => {
    const lambda = harness.start([functionDefinitionFactory(root, 'failsAtInit')]);

    const result = await lambda.invoke('OrderPipeline-failsAtInit', {});

    const lines = harness.logLines(result);
    expect(lines.slice(0, 4)).toStrictEqual([
      expect.stringMatching(/^INIT_START /),
      expect.stringMatching(
        new RegExp(
          `^${ISO_TIME}\\tundefined\\tERROR\\tUncaught Exception \\t\\{"errorType":"Error","errorMessage":"ORDERS_TABLE_NAME is not set","stack":\\[`,
        ),
      ),
      expect.stringMatching(
        /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Error$/,
      ),
      `START RequestId: ${result.requestId} Version: $LATEST`,
    ]);
  });

  test('writes INIT_REPORT with Runtime.ExitError when the module ends the process while loading', async () => {
    const lambda = harness.start([functionDefinitionFactory(root, 'exitsAtInit')]);

    const result = await lambda.invoke('OrderPipeline-exitsAtInit', {});

    expect(result.payload).toMatchObject({
      errorType: 'Runtime.ExitError',
      errorMessage: 'Runtime exited with code 2',
    });
    expect(harness.logLines(result).filter((line) => line.startsWith('INIT_REPORT'))).toStrictEqual([
      expect.stringMatching(
        /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Runtime\.ExitError$/,
      ),
    ]);
  });
});
