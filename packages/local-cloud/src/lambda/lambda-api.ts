import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalStackDefinition } from '../assembly/local-stack';
import type { EventSourceMappingService } from '../event-source-mapping/event-source-mapping-service';
import { readTextBody } from '../http-body';
import type { LogsService } from '../logs/logs-service';
import { sendLambdaError, sendLambdaResult, sendThrownLambdaError } from './api-errors';
import { FunctionCatalog } from './function-configuration';
import { functionNameOf } from './function-name';
import { lambdaInvokeApi } from './invoke-api';
import type { LambdaService } from './lambda-service';

/** The parts of the local cloud the Lambda API answers from; a `LocalCloud` is one. */
export interface LambdaApiServices {
  readonly lambda: LambdaService;
  readonly logs: LogsService;
  /** Answers the event source mapping routes. @default - they answer UnknownOperationException */
  readonly eventSourceMappings?: EventSourceMappingService;
  /** The template, for what GetFunction reports beyond the function definitions (role, tags, ...). */
  readonly stack?: Pick<LocalStackDefinition, 'resolver' | 'stackName'>;
}

/** Every Lambda API route starts with the API version's date, which no other local service uses. */
const LAMBDA_PATH = /^\/\d{4}-\d{2}-\d{2}\//;
const FUNCTIONS_PATH = /^\/2015-03-31\/functions\/?$/;
const FUNCTION_PATH = /^\/2015-03-31\/functions\/([^/]+)(\/configuration)?\/?$/;
const MAPPINGS_PATH = /^\/2015-03-31\/event-source-mappings\/?$/;
const MAPPING_PATH = /^\/2015-03-31\/event-source-mappings\/([^/]+)\/?$/;

/** The most an UpdateEventSourceMapping body may be: a few hundred bytes in practice. */
const MAXIMUM_REQUEST_BYTES = 64 * 1024;

/** Page sizes Lambda uses when MaxItems is not given. */
const PAGE_SIZE = { functions: 50, eventSourceMappings: 100 } as const;
const MAXIMUM_PAGE_SIZE = 10_000;

/** The operations this API answers, for the error of any other Lambda route. */
const OPERATIONS =
  'Invoke, ListFunctions, GetFunction, GetFunctionConfiguration, ListEventSourceMappings, GetEventSourceMapping, UpdateEventSourceMapping';

/** One page of a list, with Lambda's `Marker` (an offset here) and `MaxItems`. */
function page<T>(
  items: readonly T[],
  query: URLSearchParams,
  defaultSize: number,
): { items: T[]; next?: string } {
  const start = Number(query.get('Marker') ?? 0);
  const size = Math.min(Number(query.get('MaxItems') ?? defaultSize), MAXIMUM_PAGE_SIZE);
  const from = Number.isInteger(start) && start > 0 ? start : 0;
  const count = Number.isInteger(size) && size > 0 ? size : defaultSize;
  const slice = items.slice(from, from + count);
  return { items: slice, ...(from + count < items.length ? { next: String(from + count) } : {}) };
}

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
  const { lambda, eventSourceMappings } = services;
  const invoke = lambdaInvokeApi(lambda, services.logs);
  const catalog = new FunctionCatalog(services.stack);

  const mappings = (): EventSourceMappingService => {
    if (eventSourceMappings === undefined) {
      throw Object.assign(new Error('event source mappings are not served here'), {
        name: 'UnknownOperationException',
      });
    }
    return eventSourceMappings;
  };

  const route = async (
    method: string,
    path: string,
    query: URLSearchParams,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> => {
    if (method === 'GET' && FUNCTIONS_PATH.test(path)) {
      const { items, next } = page(lambda.listFunctions(), query, PAGE_SIZE.functions);
      sendLambdaResult(response, 200, {
        Functions: items.map((definition) => catalog.listed(definition)),
        ...(next === undefined ? {} : { NextMarker: next }),
      });
      return;
    }
    const fn = FUNCTION_PATH.exec(path);
    if (method === 'GET' && fn) {
      const name = functionNameOf(decodeURIComponent(fn[1]), query.get('Qualifier') ?? undefined);
      const definition = lambda.getFunction(name);
      sendLambdaResult(
        response,
        200,
        fn[2] === undefined ? catalog.getFunction(definition) : catalog.configuration(definition),
      );
      return;
    }
    if (method === 'GET' && MAPPINGS_PATH.test(path)) {
      const functionName = query.get('FunctionName');
      const { items, next } = page(
        mappings().listEventSourceMappings({
          functionName: functionName === null ? undefined : functionNameOf(functionName),
          eventSourceArn: query.get('EventSourceArn') ?? undefined,
        }),
        query,
        PAGE_SIZE.eventSourceMappings,
      );
      sendLambdaResult(response, 200, {
        EventSourceMappings: items,
        ...(next === undefined ? {} : { NextMarker: next }),
      });
      return;
    }
    const mapping = MAPPING_PATH.exec(path);
    if (mapping && method === 'GET') {
      sendLambdaResult(response, 200, mappings().getEventSourceMapping(decodeURIComponent(mapping[1])));
      return;
    }
    if (mapping && method === 'PUT') {
      const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
      let input: Record<string, unknown>;
      try {
        if (body === undefined) throw new Error(`request body over ${MAXIMUM_REQUEST_BYTES} bytes`);
        input = body === '' ? {} : (JSON.parse(body) as Record<string, unknown>);
        if (typeof input !== 'object' || input === null || Array.isArray(input))
          throw new Error('not an object');
      } catch (error) {
        sendLambdaError(
          response,
          'InvalidRequestContentException',
          `Could not parse request body into json: ${(error as Error).message}`,
        );
        return;
      }
      const { FunctionName, ...changes } = input;
      const update =
        typeof FunctionName === 'string' ? { ...changes, FunctionName: functionNameOf(FunctionName) } : input;
      sendLambdaResult(
        response,
        202,
        mappings().updateEventSourceMapping(decodeURIComponent(mapping[1]), update),
      );
      return;
    }
    sendLambdaError(
      response,
      'UnknownOperationException',
      `The local cloud's Lambda API does not answer ${method} ${path}; it answers ${OPERATIONS}`,
    );
  };

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!LAMBDA_PATH.test(url.pathname)) return false;
    if (await invoke(request, response)) return true;
    try {
      await route(request.method ?? 'GET', url.pathname, url.searchParams, request, response);
    } catch (error) {
      sendThrownLambdaError(response, error);
    }
    return true;
  };
}
