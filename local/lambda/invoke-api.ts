import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import type { LogsService } from '../logs/logs-service';
import { RequestTooLargeException, ResourceNotFoundException, TooManyRequestsException } from './errors';
import type { InvocationResult } from './function-instance';
import { type LambdaService, MAXIMUM_PAYLOAD_BYTES } from './lambda-service';

/** `POST /2015-03-31/functions/{FunctionName}/invocations`, Lambda's Invoke route. */
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/** Lambda returns at most the last 4 KB of an invocation's log with `X-Amz-Log-Type: Tail`. */
const LOG_TAIL_BYTES = 4096;

/** HTTP status and error type of the errors the Invoke API answers with. */
const ERROR_STATUS: Record<string, number> = {
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  RequestTooLargeException: 413,
  InvalidRequestContentException: 400,
};

function sendError(response: ServerResponse, type: string, message: string): void {
  response.writeHead(ERROR_STATUS[type] ?? 500, {
    'content-type': 'application/json',
    'x-amzn-errortype': type,
  });
  response.end(JSON.stringify({ Type: 'User', message }));
}

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
 * 4 KB of the invocation's log in `X-Amz-Log-Result`; `Event` answers 202 at once and runs the
 * invocation in the background; `DryRun` answers 204. Mount it on any `http.Server` on 127.0.0.1.
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
  onBackgroundError: (error: unknown) => void = () => undefined,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  return async (request, response) => {
    const match = INVOKE_PATH.exec(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    if (request.method !== 'POST' || !match) return false;
    try {
      const definition = lambda.getFunction(decodeURIComponent(match[1]));
      const body = await readTextBody(request, MAXIMUM_PAYLOAD_BYTES);
      if (body === undefined)
        throw new RequestTooLargeException(MAXIMUM_PAYLOAD_BYTES + 1, MAXIMUM_PAYLOAD_BYTES);
      let payload: unknown = null;
      try {
        payload = body === '' ? null : JSON.parse(body);
      } catch {
        sendError(response, 'InvalidRequestContentException', 'Could not parse request body into json');
        return true;
      }
      const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
      if (invocationType === 'DryRun') {
        response.writeHead(204).end();
        return true;
      }
      if (invocationType === 'Event') {
        lambda.invoke(definition.functionName, payload).catch(onBackgroundError);
        response.writeHead(202).end();
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
      if (
        error instanceof ResourceNotFoundException ||
        error instanceof TooManyRequestsException ||
        error instanceof RequestTooLargeException
      ) {
        sendError(response, error.name, error.message);
      } else {
        sendError(response, 'ServiceException', (error as Error).message);
      }
    }
    return true;
  };
}
