import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaService, lambdaInvokeApi } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { functionDefinitionFactory, writeHandlerAssets } from './function-fixtures';

describe('lambdaInvokeApi', () => {
  const root = writeHandlerAssets(['echo', 'throws', 'counter']);
  let server: Server;
  let endpoint: string;
  let lambda: LambdaService;

  beforeAll(async () => {
    const logs = new LogsService();
    lambda = new LambdaService({
      functions: [
        functionDefinitionFactory(root, 'echo'),
        functionDefinitionFactory(root, 'throws'),
        functionDefinitionFactory(root, 'counter'),
      ],
      environment: TEST_ENVIRONMENT,
      logs,
    });
    const invokeApi = lambdaInvokeApi(lambda, logs);
    server = createServer(async (request, response) => {
      if (!(await invokeApi(request, response))) response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await lambda.shutdown();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  const invoke = (functionName: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${endpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`, {
      method: 'POST',
      body,
      headers,
    });

  test("answers with the function's result and the request id", async () => {
    const response = await invoke('OrderPipeline-echo', '{"orders":2}');

    expect(response.status).toBe(200);
    const result = (await response.json()) as { event: unknown; requestId: string };
    expect(result.event).toStrictEqual({ orders: 2 });
    expect(response.headers.get('x-amzn-requestid')).toBe(result.requestId);
    expect(response.headers.get('x-amz-function-error')).toBeNull();
  });

  test('flags a function error with X-Amz-Function-Error and returns the error payload', async () => {
    const response = await invoke('OrderPipeline-throws', '{}');

    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({ errorType: 'OrderRejectedError' });
  });

  test("returns the invocation's log, START to REPORT, base64-encoded, when asked for the tail", async () => {
    const response = await invoke('OrderPipeline-echo', '{}', { 'x-amz-log-type': 'Tail' });

    const log = Buffer.from(response.headers.get('x-amz-log-result') ?? '', 'base64').toString('utf8');
    const { requestId } = (await response.json()) as { requestId: string };
    expect(log.startsWith(`START RequestId: ${requestId} Version: $LATEST\n`)).toBe(true);
    expect(log).toMatch(new RegExp(`\\nREPORT RequestId: ${requestId}\\t.*\\n$`));
  });

  test('accepts an Event invocation with 202 and runs it in the background', async () => {
    const before = lambda.statistics().Counter0A1B2C3D.invocations;

    const response = await invoke('OrderPipeline-counter', '{}', { 'x-amz-invocation-type': 'Event' });

    expect(response.status).toBe(202);
    for (
      let attempt = 0;
      attempt < 100 && lambda.statistics().Counter0A1B2C3D.invocations === before;
      attempt++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(lambda.statistics().Counter0A1B2C3D.invocations).toBe(before + 1);
  });

  test("answers Lambda's errors with their type: a missing function and a body that is not JSON", async () => {
    const missing = await invoke('Missing', '{}');
    const malformed = await invoke('OrderPipeline-echo', '{not json');

    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-amzn-errortype')).toBe('InvalidRequestContentException');
  });

  test('leaves any other request to the server', async () => {
    const response = await fetch(`${endpoint}/2015-03-31/functions`, { method: 'GET' });

    expect(response.status).toBe(418);
  });
});
