import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import type { LogsService } from '../logs/logs-service';
import { sendLambdaError, sendThrownLambdaError } from './api-errors';
import { RequestTooLargeException } from './errors';
import { functionNameOf } from './function-name';
import type { InvocationResult } from './invocation-result';
import { type LambdaService, MAXIMUM_PAYLOAD_BYTES } from './lambda-service';

/** `POST /2015-03-31/functions/{FunctionName}/invocations`, Lambda's Invoke route. */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** Lambda returns at most the last 4 KB of an invocation's log with `X-Amz-Log-Type: Tail`. */
const LOG_TAIL_BYTES = 4096;

/** The lines of one invocation, START to REPORT, from its instance's log stream. */
export function invocationLog(logs: LogsService, logGroupName: string, result: InvocationResult): string[] {
  const messages = logs.getLogEvents(logGroupName, result.logStreamName).map((event) => event.message);
  const start = messages.lastIndexOf(`START RequestId: ${result.requestId} Version: $LATEST`);
  const report = messages.findIndex((message) => message.startsWith(`REPORT RequestId: ${result.requestId}`));
  return start < 0 || report < start ? [] : messages.slice(start, report + 1);
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
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = INVOKE_PATH.exec(url.pathname);
    if (request.method !== 'POST' || !match) return false;
    try {
      const definition = lambda.getFunction(
        functionNameOf(decodeURIComponent(match[1]), url.searchParams.get('Qualifier') ?? undefined),
      );
      const body = await readTextBody(request, MAXIMUM_PAYLOAD_BYTES);
      if (body === undefined)
        throw new RequestTooLargeException(MAXIMUM_PAYLOAD_BYTES + 1, MAXIMUM_PAYLOAD_BYTES);
      let payload: unknown = null;
      try {
        payload = body === '' ? null : JSON.parse(body);
      } catch {
        sendLambdaError(response, 'InvalidRequestContentException', 'Could not parse request body into json');
        return true;
      }
      const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
      if (invocationType === 'DryRun') {
        response.writeHead(204).end();
        return true;
      }
      if (invocationType === 'Event') {
        const requestId = lambda.invokeAsync(definition.functionName, payload);
        response.writeHead(202, { 'x-amzn-requestid': requestId }).end();
        return true;
      }
      const result = await lambda.invoke(definition.functionName, payload);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-amz-executed-version': '$LATEST',
        'x-amzn-requestid': result.requestId,
      };
      if (result.functionError) headers['x-amz-function-error'] = result.functionError;
      if (request.headers['x-amz-log-type'] === 'Tail') {
        const log = Buffer.from(`${invocationLog(logs, definition.logGroupName, result).join('\n')}\n`);
        headers['x-amz-log-result'] = log
          .subarray(Math.max(0, log.length - LOG_TAIL_BYTES))
          .toString('base64');
      }
      response.writeHead(200, headers);
      response.end(JSON.stringify(result.payload));
    } catch (error) {
      sendThrownLambdaError(response, error);
    }
    return true;
  };
}
