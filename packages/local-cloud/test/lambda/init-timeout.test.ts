import { rmSync } from 'node:fs';
import { scaledClock } from '../../src/clock';
import { isInitFailure } from '../../src/event-source-mapping/init-backoff';
import { functionErrorSummary, type InvocationResult, LambdaService } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { functionDefinitionFactory, writeHandlerAssets } from './function-fixtures';

describe("an init that runs past Lambda's 10 s init limit", () => {
  const root = writeHandlerAssets(['slowInit', 'sleep']);
  const logs = new LogsService();
  // 20 times faster: the limit is 500 real ms, which a worker starts well within even on a loaded
  // machine; the slow module takes a real second to load.
  const lambda = new LambdaService({
    functions: [
      functionDefinitionFactory(root, 'slowInit'),
      functionDefinitionFactory(root, 'sleep', { timeoutSeconds: 10 }),
    ],
    environment: TEST_ENVIRONMENT,
    logs,
    executionClock: scaledClock(20),
  });
  let initTimeout: InvocationResult;
  let handlerTimeout: InvocationResult;

  beforeAll(async () => {
    initTimeout = await lambda.invoke('OrderPipeline-slowInit', {});
    handlerTimeout = await lambda.invoke('OrderPipeline-sleep', { ms: 2000 });
  });

  afterAll(async () => {
    await lambda.shutdown();
    rmSync(root, { recursive: true, force: true });
  });

  test('fails as an init failure, told from a handler that runs out of its own 10 s', () => {
    expect(initTimeout).toMatchObject({
      functionError: 'Unhandled',
      timedOut: true,
      initFailed: true,
      payload: {
        errorType: 'Runtime.InitTimeout',
        errorMessage: `RequestId: ${initTimeout.requestId} Error: Task timed out after 10.00 seconds`,
      },
    });
    expect(handlerTimeout).toMatchObject({ timedOut: true, payload: { errorType: 'Sandbox.Timedout' } });
    expect(handlerTimeout.initFailed).toBeUndefined();
    // What an SQS event source mapping reads of a failed invocation, and backs off on.
    expect(isInitFailure(functionErrorSummary(initTimeout))).toBe(true);
    expect(isInitFailure(functionErrorSummary(handlerTimeout))).toBe(false);
  });

  test("writes Lambda's INIT_REPORT with Status: timeout, then the invocation's lines", () => {
    const lines = logs
      .getLogEvents('/aws/lambda/OrderPipeline-slowInit', initTimeout.logStreamName)
      .map((event) => event.message);

    expect(lines).toStrictEqual([
      expect.stringMatching(/^INIT_START /),
      'INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout',
      `START RequestId: ${initTimeout.requestId} Version: $LATEST`,
      expect.stringMatching(new RegExp(`${initTimeout.requestId} Task timed out after 10\\.00 seconds$`)),
      `END RequestId: ${initTimeout.requestId}`,
      expect.stringMatching(/^REPORT RequestId: .*\tStatus: timeout$/),
    ]);
  });
});
