import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import {
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { ManualClock, scaledClock } from '../../src/clock';
import { type AsyncAttempt, type AsyncInvocationOutcome, LambdaService, lambdaApi } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { eventually } from '../sqs/support';
import { functionDefinitionFactory, writeHandlerAssets } from './function-fixtures';
import { awsLambda, cliTest } from './lambda-cli';
import { FIXTURE_IDS, type LocalLambdaStack, startLocalLambdaStack } from './local-lambda-stack';

/** A LambdaClient for a local endpoint, with dummy credentials. */
function lambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
}

/** Polls `done` for up to 20 real seconds. */
const waitFor = (done: () => boolean) => eventually(done, 20_000);

describe('lambdaApi: the functions of the template', () => {
  let local: LocalLambdaStack;
  let client: LambdaClient;
  const functionOf = (logicalId: string) => {
    const definition = local.stack.functions.find((candidate) => candidate.logicalId === logicalId);
    if (definition === undefined) throw new Error(`no function ${logicalId}`);
    return definition;
  };

  beforeAll(async () => {
    local = await startLocalLambdaStack(scaledClock(10));
    client = lambdaClient(local.endpoint);
  });

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  test("ListFunctions lists every function with Lambda's configuration fields, read from the template", async () => {
    const consumer = functionOf(FIXTURE_IDS.consumer);

    const { Functions = [], NextMarker, $metadata } = await client.send(new ListFunctionsCommand({}));

    expect(Functions.map((fn) => fn.FunctionName).sort()).toStrictEqual(
      local.stack.functions.map((fn) => fn.functionName).sort(),
    );
    expect(NextMarker).toBeUndefined();
    expect($metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const listed = Functions.find((fn) => fn.FunctionName === consumer.functionName);
    expect(listed).toMatchObject({
      FunctionArn: consumer.functionArn,
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 30,
      Architectures: ['arm64'],
      Description: 'reads the orders queue',
      Role: expect.stringMatching(/^arn:aws:iam::000000000000:role\/LambdaApi-ConsumerRole/),
      Environment: { Variables: { ORDERS_QUEUE_URL: local.stack.queues[0].queueUrl } },
      LoggingConfig: { LogFormat: 'Text', LogGroup: consumer.logGroupName },
      PackageType: 'Zip',
      Version: '$LATEST',
      CodeSize: expect.any(Number),
      CodeSha256: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
      LastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
    });
    expect(listed?.CodeSize).toBeGreaterThan(0);
    // As in Lambda, ListFunctions leaves the state fields to GetFunction.
    expect(listed?.State).toBeUndefined();
  });

  test('ListFunctions pages with MaxItems and Marker', async () => {
    const first = await client.send(new ListFunctionsCommand({ MaxItems: 1 }));
    const second = await client.send(new ListFunctionsCommand({ MaxItems: 1, Marker: first.NextMarker }));

    expect(first.Functions).toHaveLength(1);
    expect(first.NextMarker).toBeDefined();
    expect(second.Functions).toHaveLength(1);
    expect(second.NextMarker).toBeUndefined();
    expect(second.Functions?.[0].FunctionName).not.toBe(first.Functions?.[0].FunctionName);
  });

  test('GetFunction answers by name, ARN or qualified ARN with the configuration, state, code location and tags', async () => {
    const consumer = functionOf(FIXTURE_IDS.consumer);

    const answers = await Promise.all(
      [consumer.functionName, consumer.functionArn, `${consumer.functionArn}:$LATEST`].map((name) =>
        client.send(new GetFunctionCommand({ FunctionName: name })),
      ),
    );

    for (const answer of answers) {
      expect(answer.Configuration).toMatchObject({
        FunctionName: consumer.functionName,
        FunctionArn: consumer.functionArn,
        State: 'Active',
        LastUpdateStatus: 'Successful',
      });
      expect(answer.Code).toStrictEqual({
        RepositoryType: 'S3',
        Location: pathToFileURL(consumer.codeDirectory).href,
      });
      expect(answer.Tags).toStrictEqual({
        team: 'orders',
        'aws:cloudformation:stack-name': 'LambdaApi',
        'aws:cloudformation:logical-id': FIXTURE_IDS.consumer,
      });
    }
  });

  test('GetFunctionConfiguration answers the configuration alone', async () => {
    const consumer = functionOf(FIXTURE_IDS.consumer);

    const configuration = await client.send(
      new GetFunctionConfigurationCommand({ FunctionName: consumer.functionName }),
    );

    expect(configuration).toMatchObject({
      FunctionName: consumer.functionName,
      State: 'Active',
      MemorySize: 256,
    });
  });

  test("an unknown function, or a version other than $LATEST, is a 404 ResourceNotFoundException in Lambda's error shape", async () => {
    const missing = client.send(new GetFunctionCommand({ FunctionName: 'Missing' }));
    await expect(missing).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
      message: expect.stringMatching(/^Function not found: Missing/),
    });
    const versioned = client.send(
      new GetFunctionCommand({ FunctionName: functionOf(FIXTURE_IDS.consumer).functionName, Qualifier: '3' }),
    );
    await expect(versioned).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    const raw = await fetch(`${local.endpoint}/2015-03-31/functions/Missing`);

    expect(raw.status).toBe(404);
    expect(raw.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await raw.json()).toStrictEqual({
      Type: 'User',
      message: expect.stringMatching(/^Function not found: Missing/),
    });
  });

  test('a function error answers X-Amz-Function-Error (FunctionError) with the error payload', async () => {
    const answer = await client.send(
      new InvokeCommand({ FunctionName: functionOf(FIXTURE_IDS.throws).functionName, Payload: '{}' }),
    );

    expect(answer.StatusCode).toBe(200);
    expect(answer.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8'))).toMatchObject({
      errorType: 'OrderRejectedError',
      errorMessage: 'customerAddress is missing',
    });
  });

  test('an operation the local cloud does not have is an UnknownOperationException naming the ones it has', async () => {
    const deleting = client.send(
      new DeleteFunctionCommand({ FunctionName: functionOf(FIXTURE_IDS.consumer).functionName }),
    );

    await expect(deleting).rejects.toMatchObject({
      name: 'UnknownOperationException',
      message: expect.stringMatching(
        /does not answer DELETE .* it answers Invoke, ListFunctions, GetFunction/,
      ),
    });
  });

  test('leaves requests for the other services to the server', async () => {
    const response = await fetch(`${local.endpoint}/`, {
      method: 'POST',
      headers: { 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
      body: '{}',
    });

    expect(response.status).toBe(418);
  });

  cliTest(
    'aws lambda list-functions and get-function answer as against AWS',
    async () => {
      const consumer = functionOf(FIXTURE_IDS.consumer);

      const list = await awsLambda(local.endpoint, ['list-functions']);
      const get = await awsLambda(local.endpoint, ['get-function', '--function-name', consumer.functionName]);
      const missing = await awsLambda(local.endpoint, ['get-function', '--function-name', 'Missing']);

      expect(list.code).toBe(0);
      expect(
        (JSON.parse(list.stdout) as { Functions: { FunctionName: string }[] }).Functions.map(
          (fn) => fn.FunctionName,
        ).sort(),
      ).toStrictEqual(local.stack.functions.map((fn) => fn.functionName).sort());
      expect(get.code).toBe(0);
      expect(JSON.parse(get.stdout)).toMatchObject({
        Configuration: { FunctionName: consumer.functionName, State: 'Active', Architectures: ['arm64'] },
        Code: { RepositoryType: 'S3' },
      });
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toMatch(/ResourceNotFoundException.*Function not found: Missing/);
    },
    60_000,
  );
});

describe('lambdaApi: Event invocations, retried as Lambda retries them (on a manual clock)', () => {
  const root = writeHandlerAssets(['throws', 'counter']);
  const clock = new ManualClock();
  const attempts: AsyncAttempt[] = [];
  const outcomes: AsyncInvocationOutcome[] = [];
  const logs = new LogsService({ clock });
  const throws = functionDefinitionFactory(root, 'throws');
  let lambda: LambdaService;
  let server: Server;
  let endpoint: string;
  let client: LambdaClient;

  beforeAll(async () => {
    lambda = new LambdaService({
      functions: [throws, functionDefinitionFactory(root, 'counter')],
      environment: TEST_ENVIRONMENT,
      logs,
      clock,
      asyncInvocations: {
        onAttempt: (_requestId, attempt) => attempts.push(attempt),
        onSettled: (outcome) => outcomes.push(outcome),
      },
    });
    const api = lambdaApi({ lambda, logs });
    server = createServer(async (request, response) => {
      if (!(await api(request, response))) response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = lambdaClient(endpoint);
  });

  afterAll(async () => {
    client?.destroy();
    await lambda?.shutdown();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  test('a failing function is attempted 3 times, 1 then 2 cloud minutes apart, each attempt and the discard logged', async () => {
    const start = clock.now();

    const accepted = await client.send(
      new InvokeCommand({
        FunctionName: throws.functionName,
        InvocationType: 'Event',
        Payload: '{"orders":1}',
      }),
    );
    await waitFor(() => attempts.length === 1);
    clock.advance(59_999);
    await sleep(50);
    const attemptsBeforeAMinute = attempts.length;
    clock.advance(1);
    await waitFor(() => attempts.length === 2);
    clock.advance(120_000);
    await waitFor(() => outcomes.length === 1);

    const requestId = accepted.$metadata.requestId;
    expect(accepted.StatusCode).toBe(202);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(attemptsBeforeAMinute).toBe(1);
    expect(attempts.map((attempt) => attempt.startedAt - start)).toStrictEqual([0, 60_000, 180_000]);
    expect(outcomes).toStrictEqual([
      { requestId, functionName: throws.functionName, status: 'failed', attempts },
    ]);
    const messages = logs
      .describeLogStreams(throws.logGroupName)
      .flatMap((stream) => logs.getLogEvents(throws.logGroupName, stream.logStreamName))
      .map((event) => event.message);
    // Every attempt carries the invocation's request id, as in Lambda.
    expect(
      messages.filter((message) => message === `START RequestId: ${requestId} Version: $LATEST`),
    ).toHaveLength(3);
    expect(messages.filter((message) => message.startsWith(`ASYNC RequestId: ${requestId}`))).toStrictEqual([
      `ASYNC RequestId: ${requestId}\tAttempt 1 of 3 failed: OrderRejectedError: customerAddress is missing\tNext attempt in 60 s`,
      `ASYNC RequestId: ${requestId}\tAttempt 2 of 3 failed: OrderRejectedError: customerAddress is missing\tNext attempt in 120 s`,
      `ASYNC RequestId: ${requestId}\tAttempt 3 of 3 failed: OrderRejectedError: customerAddress is missing\tEvent discarded: no retries left (MaximumRetryAttempts 2)`,
    ]);
  }, 60_000);

  cliTest(
    'aws lambda invoke: an Event invocation is accepted with 202, a function error is FunctionError Unhandled',
    async () => {
      const counter = lambda.getFunction('Counter0A1B2C3D');
      const folder = mkdtempSync(join(tmpdir(), 'lambda-invoke-'));
      const settledBefore = outcomes.length;
      const invoke = (functionName: string, ...options: string[]) =>
        awsLambda(endpoint, [
          'invoke',
          '--function-name',
          functionName,
          '--cli-binary-format',
          'raw-in-base64-out',
          '--payload',
          '{"orders":2}',
          ...options,
          join(folder, `${functionName}.json`),
        ]);

      const event = await invoke(counter.functionName, '--invocation-type', 'Event');
      await waitFor(() => outcomes.length > settledBefore);
      const failed = await invoke(throws.functionName);
      const errorPayload = readFileSync(join(folder, `${throws.functionName}.json`), 'utf8');
      rmSync(folder, { recursive: true, force: true });

      expect(event.code).toBe(0);
      expect(JSON.parse(event.stdout)).toStrictEqual({ StatusCode: 202 });
      expect(outcomes.slice(settledBefore)).toStrictEqual([
        expect.objectContaining({ functionName: counter.functionName, status: 'succeeded' }),
      ]);
      expect(failed.code).toBe(0);
      expect(JSON.parse(failed.stdout)).toMatchObject({ StatusCode: 200, FunctionError: 'Unhandled' });
      expect(JSON.parse(errorPayload)).toMatchObject({ errorType: 'OrderRejectedError' });
    },
    60_000,
  );

  test('an Event payload over 1 MB is refused with RequestTooLargeException', async () => {
    const payload = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });

    const invoking = client.send(
      new InvokeCommand({ FunctionName: throws.functionName, InvocationType: 'Event', Payload: payload }),
    );

    await expect(invoking).rejects.toMatchObject({
      name: 'RequestTooLargeException',
      $metadata: { httpStatusCode: 413 },
    });
  });
});
