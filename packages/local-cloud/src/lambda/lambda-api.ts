import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import { writeRestJsonResult } from '../protocol';
import { LambdaApiError, sendThrownLambdaError } from './api-errors';
import { lambdaInvokeApi } from './invoke-api';
import { type LambdaApiServices, LambdaOperations } from './lambda-operations';

export { type LambdaApiServices, LambdaOperations } from './lambda-operations';

/** Every Lambda API route starts with the API version's date, which no other local service uses. */
const LAMBDA_PATH = /^\/\d{4}-\d{2}-\d{2}\//;

/** The most an UpdateEventSourceMapping body may be: a few hundred bytes in practice. */
const MAXIMUM_REQUEST_BYTES = 64 * 1024;

/** A request's members from its REST parts: the path's captures, the query string and the JSON body. */
type RequestOf = (
  path: RegExpExecArray,
  query: URLSearchParams,
  body: Record<string, unknown>,
) => Record<string, unknown>;

/** One REST route of Lambda's API: the method and path that name an operation, and its answer's status. */
interface Route {
  readonly method: 'GET' | 'PUT';
  readonly path: RegExp;
  readonly operation: string;
  readonly status: number;
  readonly requestOf: RequestOf;
}

const decoded = (path: RegExpExecArray) => decodeURIComponent(path[1]);
const queryMembers = (query: URLSearchParams) => Object.fromEntries(query);

/** The routes of the operations {@link LambdaOperations} answers; Invoke has its own ({@link lambdaInvokeApi}). */
const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    path: /^\/2015-03-31\/functions\/?$/,
    operation: 'ListFunctions',
    status: 200,
    requestOf: (_path, query) => queryMembers(query),
  },
  {
    method: 'GET',
    path: /^\/2015-03-31\/functions\/([^/]+)\/?$/,
    operation: 'GetFunction',
    status: 200,
    requestOf: (path, query) => ({ ...queryMembers(query), FunctionName: decoded(path) }),
  },
  {
    method: 'GET',
    path: /^\/2015-03-31\/functions\/([^/]+)\/configuration\/?$/,
    operation: 'GetFunctionConfiguration',
    status: 200,
    requestOf: (path, query) => ({ ...queryMembers(query), FunctionName: decoded(path) }),
  },
  {
    method: 'GET',
    path: /^\/2015-03-31\/event-source-mappings\/?$/,
    operation: 'ListEventSourceMappings',
    status: 200,
    requestOf: (_path, query) => queryMembers(query),
  },
  {
    method: 'GET',
    path: /^\/2015-03-31\/event-source-mappings\/([^/]+)\/?$/,
    operation: 'GetEventSourceMapping',
    status: 200,
    requestOf: (path) => ({ UUID: decoded(path) }),
  },
  {
    method: 'PUT',
    path: /^\/2015-03-31\/event-source-mappings\/([^/]+)\/?$/,
    operation: 'UpdateEventSourceMapping',
    status: 202,
    requestOf: (path, _query, body) => ({ ...body, UUID: decoded(path) }),
  },
];

type Operation = (request: Record<string, unknown>) => unknown;

/** The operations by their API names. */
function operationsByName(operations: LambdaOperations): Readonly<Record<string, Operation>> {
  return {
    ListFunctions: (request) => operations.listFunctions(request),
    GetFunction: (request) => operations.getFunction(request),
    GetFunctionConfiguration: (request) => operations.getFunctionConfiguration(request),
    ListEventSourceMappings: (request) => operations.listEventSourceMappings(request),
    GetEventSourceMapping: (request) => operations.getEventSourceMapping(request),
    UpdateEventSourceMapping: (request) => operations.updateEventSourceMapping(request),
  };
}

/** The JSON object of a PUT's body; `{}` for a GET or an empty body. */
async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (request.method !== 'PUT') return {};
  const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
  let input: unknown;
  try {
    if (body === undefined) throw new Error(`request body over ${MAXIMUM_REQUEST_BYTES} bytes`);
    input = body === '' ? {} : JSON.parse(body);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('not an object');
  } catch (error) {
    throw new LambdaApiError(
      'InvalidRequestContentException',
      `Could not parse request body into json: ${(error as Error).message}`,
    );
  }
  return input as Record<string, unknown>;
}

/** The operation names this API answers, for the error of any other Lambda route. */
const OPERATIONS = ['Invoke', ...ROUTES.map((route) => route.operation)].join(', ');

/**
 * Lambda's API over HTTP for the local cloud, so `aws lambda ... --endpoint-url` and the SDK's
 * LambdaClient work against it as against AWS:
 * - `Invoke` (see {@link lambdaInvokeApi}): RequestResponse, Event (queued and retried as Lambda
 *   retries asynchronous invocations) and DryRun; a function error answers `X-Amz-Function-Error`
 *   and the error payload;
 * - `ListFunctions`, `GetFunction`, `GetFunctionConfiguration`, from the template's functions;
 * - `ListEventSourceMappings` (by `FunctionName` or `EventSourceArn`), `GetEventSourceMapping`,
 *   `UpdateEventSourceMapping`, whose changes take effect live in the pollers.
 * Errors come in Lambda's shape: `X-Amzn-ErrorType` and `{Type, message}`. Any other Lambda route
 * answers UnknownOperationException.
 *
 * @returns a request handler that answers the Lambda API's routes (paths starting with an API
 *   version's date, such as `/2015-03-31/`) and returns false for any other request.
 * @example
 * const api = lambdaApi(cloud); // a LocalCloud
 * http.createServer(async (request, response) => {
 *   if (!(await api(request, response))) response.writeHead(404).end();
 * }).listen(0, '127.0.0.1');
 */
export function lambdaApi(
  services: LambdaApiServices,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const invoke = lambdaInvokeApi(services.lambda, services.logs);
  const byName = operationsByName(new LambdaOperations(services));
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!LAMBDA_PATH.test(url.pathname)) return false;
    if (await invoke(request, response)) return true;
    try {
      const method = request.method ?? 'GET';
      const route = ROUTES.find(
        (candidate) => candidate.method === method && candidate.path.test(url.pathname),
      );
      if (route === undefined) {
        throw new LambdaApiError(
          'UnknownOperationException',
          `The local cloud's Lambda API does not answer ${method} ${url.pathname}; it answers ${OPERATIONS}`,
        );
      }
      const path = route.path.exec(url.pathname) as RegExpExecArray;
      const input = route.requestOf(path, url.searchParams, await jsonBody(request));
      writeRestJsonResult(response, route.status, byName[route.operation](input));
    } catch (error) {
      sendThrownLambdaError(response, error);
    }
    return true;
  };
}
