import { scaledClock } from '../../src/clock';
import { ResourceNotFoundException, TooManyRequestsException } from '../../src/lambda';
import { functionDefinitionFactory } from './function-fixtures';
import { ISO_TIME, lambdaServiceFixture, REQUEST_ID } from './lambda-service-fixture';

// How the service runs a handler: its context, environment and log lines, warm and concurrent instances,
// timeouts at any time scale, throttling and finding a function.
describe('LambdaService', () => {
  const { root, start, logLines, lambda } = lambdaServiceFixture();

  test('runs the handler with the payload and a Lambda context, and returns its result', async () => {
    start([functionDefinitionFactory(root, 'echo')]);

    const result = await lambda.invoke('OrderPipeline-echo', { orders: 3 });

    expect(result.functionError).toBeUndefined();
    expect(result.payload).toMatchObject({
      event: { orders: 3 },
      requestId: result.requestId,
      functionName: 'OrderPipeline-echo',
    });
    const { remainingMs } = result.payload as { remainingMs: number };
    expect(remainingMs).toBeGreaterThan(2_000);
    expect(remainingMs).toBeLessThanOrEqual(3_000);
  });

  test("gives the instance the template's variables, Lambda's own and the local endpoints, and nothing of the host's", async () => {
    process.env.HOST_ONLY_SECRET = 'must not leak';
    try {
      start([functionDefinitionFactory(root, 'echo')]);

      const result = await lambda.invoke('OrderPipeline-echo', {});

      const { environment } = result.payload as { environment: Record<string, string> };
      expect(environment).toMatchObject({
        ORDERS_TABLE_NAME: 'OrderPipeline-OrdersTable',
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_LAMBDA_FUNCTION_NAME: 'OrderPipeline-echo',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/OrderPipeline-echo',
        AWS_LAMBDA_LOG_STREAM_NAME: result.logStreamName,
        AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      });
      expect(environment.AWS_ACCESS_KEY_ID).toEqual(expect.any(String));
      expect(environment.AWS_SECRET_ACCESS_KEY).toEqual(expect.any(String));
      expect(environment.HOST_ONLY_SECRET).toBeUndefined();
    } finally {
      delete process.env.HOST_ONLY_SECRET;
    }
  });

  test("writes INIT_START, START, the handler's lines, END and REPORT to the instance's log stream", async () => {
    start([functionDefinitionFactory(root, 'echo')]);

    const result = await lambda.invoke('OrderPipeline-echo', {});

    const lines = logLines(result);
    const id = result.requestId;
    expect(lines[0]).toMatch(
      /^INIT_START Runtime Version: nodejs:\d+\.\d+\.\d+\tRuntime Version ARN: local:nodejs24\.x$/,
    );
    expect(lines.slice(1, 4)).toStrictEqual([
      `START RequestId: ${id} Version: $LATEST`,
      expect.stringMatching(new RegExp(`^${ISO_TIME}\\t${id}\\tINFO\\thello \\{ from: 'echo' \\}$`)),
      '{"level":"INFO","message":"structured","service":"echo"}',
    ]);
    expect(lines[4]).toBe(`END RequestId: ${id}`);
    expect(lines[5]).toMatch(
      new RegExp(
        `^REPORT RequestId: ${REQUEST_ID}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms$`,
      ),
    );
    expect(lines).toHaveLength(6);
  });

  test('reuses a warm instance, with its module state, and reports Init Duration only on the cold start', async () => {
    start([functionDefinitionFactory(root, 'counter')]);

    const results = [];
    for (let round = 0; round < 3; round++) results.push(await lambda.invoke('OrderPipeline-counter', {}));

    expect(results.map((result) => (result.payload as { invocations: number }).invocations)).toStrictEqual([
      1, 2, 3,
    ]);
    expect(results.map((result) => result.coldStart)).toStrictEqual([true, false, false]);
    expect(new Set(results.map((result) => result.logStreamName)).size).toBe(1);
    const reports = logLines(results[0]).filter((line) => line.startsWith('REPORT'));
    expect(reports.map((line) => line.includes('Init Duration'))).toStrictEqual([true, false, false]);
    expect(lambda.statistics().Counter0A1B2C3D).toMatchObject({
      instances: 1,
      invocations: 3,
      alive: 1,
      peakConcurrency: 1,
      peakInstances: 1,
    });
  });

  test('runs concurrent invocations in separate instances with their own module state and environment', async () => {
    start([functionDefinitionFactory(root, 'counter')]);

    const [first, second] = await Promise.all([
      lambda.invoke('OrderPipeline-counter', { ms: 200, setVariable: true }),
      lambda.invoke('OrderPipeline-counter', { ms: 200 }),
    ]);

    const [a, b] = [first.payload, second.payload] as {
      invocations: number;
      instanceTag: string;
      setByHandler: string | null;
    }[];
    expect(a.invocations).toBe(1);
    expect(b.invocations).toBe(1);
    expect(a.instanceTag).not.toBe(b.instanceTag);
    expect(a.setByHandler).toBe(a.instanceTag);
    expect(b.setByHandler).toBeNull();
    expect(first.logStreamName).not.toBe(second.logStreamName);
    expect(lambda.statistics().Counter0A1B2C3D).toMatchObject({
      instances: 2,
      invocations: 2,
      peakConcurrency: 2,
    });
  });

  test.each([1, 10])(
    'stops an invocation at its timeout in real time at time scale %d, and replaces its instance',
    async (scale) => {
      // At a time scale of 10 the cloud's 1 s passes in 100 real ms; the handler still gets a real second.
      start([functionDefinitionFactory(root, 'sleep', { timeoutSeconds: 1 })], { clock: scaledClock(scale) });
      const started = Date.now();

      const result = await lambda.invoke('OrderPipeline-sleep', { ms: 30_000 });

      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1_000);
      // Far below the handler's 30 s, with room for a cold start on a busy machine.
      expect(elapsed).toBeLessThan(10_000);
      expect(result.timedOut).toBe(true);
      expect(result.durationMs).toBeGreaterThanOrEqual(1_000);
      expect(result.functionError).toBe('Unhandled');
      expect(result.payload).toStrictEqual({
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds`,
        stack: [],
      });
      const lines = logLines(result);
      expect(lines).toContainEqual(
        expect.stringMatching(
          new RegExp(`^${ISO_TIME} ${result.requestId} Task timed out after 1\\.00 seconds$`),
        ),
      );
      expect(lines.at(-1)).toMatch(/\tStatus: timeout$/);
      const next = await lambda.invoke('OrderPipeline-sleep', { ms: 1 });
      expect(next.coldStart).toBe(true);
      expect(next.payload).toBe('woke');
      expect(lambda.statistics().Sleep0A1B2C3D).toMatchObject({
        instances: 2,
        timeouts: 1,
        errors: 1,
        alive: 1,
      });
    },
  );

  test.each([1, 10])(
    'lets a handler that runs 600 real ms finish within its 1 s timeout at time scale %d',
    async (scale) => {
      start([functionDefinitionFactory(root, 'sleep', { timeoutSeconds: 1 })], { clock: scaledClock(scale) });

      const result = await lambda.invoke('OrderPipeline-sleep', { ms: 600 });

      expect(result.timedOut).toBe(false);
      expect(result.payload).toBe('woke');
      expect(result.durationMs).toBeGreaterThanOrEqual(599);
    },
  );

  test('tells the handler its remaining time in real milliseconds, whatever the time scale', async () => {
    start([functionDefinitionFactory(root, 'echo')], { clock: scaledClock(10) });

    const result = await lambda.invoke('OrderPipeline-echo', {});

    const { remainingMs } = result.payload as { remainingMs: number };
    expect(remainingMs).toBeGreaterThan(2_000);
    expect(remainingMs).toBeLessThanOrEqual(3_000);
  });

  test('throttles an invocation beyond the concurrency limit', async () => {
    start([functionDefinitionFactory(root, 'sleep')], { concurrency: 1 });

    const running = lambda.invoke('OrderPipeline-sleep', { ms: 200 });
    await expect(lambda.invoke('OrderPipeline-sleep', { ms: 1 })).rejects.toThrow(TooManyRequestsException);
    await running;

    expect(lambda.statistics().Sleep0A1B2C3D).toMatchObject({ throttles: 1, invocations: 1 });
  });

  test("throttles beyond the function's reserved concurrency when it is below the limit", async () => {
    start([functionDefinitionFactory(root, 'sleep', { reservedConcurrentExecutions: 1 })], {
      concurrency: 5,
    });

    const running = lambda.invoke('OrderPipeline-sleep', { ms: 200 });
    await expect(lambda.invoke('OrderPipeline-sleep', { ms: 1 })).rejects.toThrow(
      /OrderPipeline-sleep already runs 1 invocations, its concurrency limit/,
    );
    await running;
  });

  test('finds a function by name, ARN or logical id, and fails naming the known ones otherwise', async () => {
    const definition = functionDefinitionFactory(root, 'counter');
    start([definition]);

    for (const name of [definition.functionName, definition.functionArn, definition.logicalId]) {
      expect(lambda.getFunction(name)).toBe(definition);
    }
    await expect(lambda.invoke('Missing', {})).rejects.toThrow(ResourceNotFoundException);
    await expect(lambda.invoke('Missing', {})).rejects.toThrow(
      /Function not found: Missing \(functions: OrderPipeline-counter\)/,
    );
  });

  test('fails if the concurrency is out of range', () => {
    expect(() => start([], { concurrency: 0 })).toThrow(
      /concurrency must be an integer between 1 and 1000 \(given 0\)/,
    );
  });
});
