import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import type { LogsService } from '../logs/logs-service';
import { sendThrownLambdaError } from './api-errors';
import { RequestTooLargeException } from './errors';
import { LambdaOperations } from './lambda-operations';
import type { InvokeResult } from './lambda-operations-invoke';
import { type LambdaService, MAXIMUM_PAYLOAD_BYTES } from './lambda-service';

export { invocationLog } from './lambda-operations-invoke';

/** `POST /2015-03-31/functions/{FunctionName}/invocations`, Lambda's Invoke route. */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** Writes Invoke's answer in REST-JSON: the status, the members Lambda carries as headers, the payload. */
function writeInvokeResult(response: ServerResponse, result: InvokeResult): void {
  const headers: Record<string, string> = {};
  if (result.StatusCode === 200) headers['content-type'] = 'application/json';
  if (result.ExecutedVersion !== undefined) headers['x-amz-executed-version'] = result.ExecutedVersion;
  if (result.RequestId !== undefined) headers['x-amzn-requestid'] = result.RequestId;
  if (result.FunctionError !== undefined) headers['x-amz-function-error'] = result.FunctionError;
  if (result.LogResult !== undefined) headers['x-amz-log-result'] = result.LogResult;
  response.writeHead(result.StatusCode, headers);
  response.end(result.Payload);
}

/**
 * Lambda's Invoke API over HTTP, so `aws lambda invoke --endpoint-url` and the SDK's LambdaClient
 * reach the local functions: `RequestResponse` (the default) answers with the function's result,
 * `X-Amz-Function-Error: Unhandled` on a function error, and with `X-Amz-Log-Type: Tail` the last
 * 4 KB of the invocation's log in `X-Amz-Log-Result`; `Event` (at most 1 MB) answers 202 with the
 * request id at once and queues the invocation, retried as Lambda retries asynchronous invocations
 * (see {@link AsyncInvocationQueue}); `DryRun` answers 204. Mount it on any `http.Server` on
 * 127.0.0.1, or use {@link lambdaApi}, which answers every route of the local Lambda API.
 *
 * @returns a request handler that answers the Invoke route and returns false for any other request.
 * @example
 * const invokeApi = lambdaInvokeApi(lambda, logs);
 * http.createServer(async (request, response) => {
 *   if (!(await invokeApi(request, response))) response.writeHead(404).end();
 * }).listen(0, '127.0.0.1');
 */
export function lambdaInvokeApi(
  lambda: LambdaService,
  logs: LogsService,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const operations = new LambdaOperations({ lambda, logs });
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = INVOKE_PATH.exec(url.pathname);
    if (request.method !== 'POST' || !match) return false;
    try {
      const body = await readTextBody(request, MAXIMUM_PAYLOAD_BYTES);
      if (body === undefined)
        throw new RequestTooLargeException(MAXIMUM_PAYLOAD_BYTES + 1, MAXIMUM_PAYLOAD_BYTES);
      const result = await operations.invoke({
        FunctionName: decodeURIComponent(match[1]),
        Qualifier: url.searchParams.get('Qualifier') ?? undefined,
        InvocationType: request.headers['x-amz-invocation-type'],
        LogType: request.headers['x-amz-log-type'],
        Payload: body,
      });
      writeInvokeResult(response, result);
    } catch (error) {
      sendThrownLambdaError(response, error);
    }
    return true;
  };
}
