import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import {
  InvalidParameterException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from './errors';
import { InvalidFilterPatternError } from './filter-pattern-error';
import { MAXIMUM_REQUEST_BYTES } from './logs-limits';
import { LogsOperations } from './logs-operations';
import type { WireRequest } from './logs-request';
import type { LogsService } from './logs-service';

/** The X-Amz-Target prefix of the CloudWatch Logs API (AWS JSON 1.1). */
const TARGET_PREFIX = 'Logs_20140328.';

type Operation = (request: WireRequest<Record<string, unknown>>) => unknown;

/** The operations by their API names, as `X-Amz-Target` gives them. */
function operationsByName(operations: LogsOperations): Readonly<Record<string, Operation>> {
  return {
    CreateLogGroup: (request) => operations.createLogGroup(request),
    DeleteLogGroup: (request) => operations.deleteLogGroup(request),
    PutRetentionPolicy: (request) => operations.putRetentionPolicy(request),
    DeleteRetentionPolicy: (request) => operations.deleteRetentionPolicy(request),
    CreateLogStream: (request) => operations.createLogStream(request),
    DeleteLogStream: (request) => operations.deleteLogStream(request),
    PutLogEvents: (request) => operations.putLogEvents(request),
    DescribeLogGroups: (request) => operations.describeLogGroups(request),
    DescribeLogStreams: (request) => operations.describeLogStreams(request),
    GetLogEvents: (request) => operations.getLogEvents(request),
    FilterLogEvents: (request) => operations.filterLogEvents(request),
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, type: string, message: string): void {
  send(response, 400, { __type: type, message });
}

/** Errors a caller caused, answered with their CloudWatch Logs error type and a 400. */
const CLIENT_ERRORS = [ResourceNotFoundException, ResourceAlreadyExistsException, InvalidParameterException];

/**
 * The CloudWatch Logs API over HTTP (AWS JSON 1.1, `X-Amz-Target: Logs_20140328.<Op>`), so the AWS
 * CLI (`aws logs tail --follow`, `filter-log-events`, `get-log-events`...) and the SDK's
 * CloudWatchLogsClient work on the local log groups:
 * - read: DescribeLogGroups, DescribeLogStreams, GetLogEvents, FilterLogEvents, with CloudWatch's
 *   filter patterns and paging (`limit`, `nextToken`, GetLogEvents' forward and backward tokens);
 * - write: CreateLogGroup, DeleteLogGroup, PutRetentionPolicy, DeleteRetentionPolicy,
 *   CreateLogStream, DeleteLogStream, PutLogEvents (with CloudWatch's batch rules).
 *
 * @returns a request handler that answers Logs requests and returns false for any other request.
 */
export function logsApi(
  logs: LogsService,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const byName = operationsByName(new LogsOperations(logs));
  return async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) return false;
    const name = target.slice(TARGET_PREFIX.length);
    const operation = Object.hasOwn(byName, name) ? byName[name] : undefined;
    if (!operation) {
      sendError(response, 'UnknownOperationException', `${target} is not an operation of the local Logs API`);
      return true;
    }
    const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
    let input: WireRequest<Record<string, unknown>>;
    try {
      if (body === undefined) throw new Error(`request body larger than ${MAXIMUM_REQUEST_BYTES} bytes`);
      input = body === '' ? {} : (JSON.parse(body) as WireRequest<Record<string, unknown>>);
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new Error('the request body must be a JSON object');
      }
    } catch (error) {
      sendError(response, 'SerializationException', (error as Error).message);
      return true;
    }
    try {
      send(response, 200, operation(input));
    } catch (error) {
      if (error instanceof InvalidFilterPatternError) {
        sendError(response, 'InvalidParameterException', error.message);
      } else if (CLIENT_ERRORS.some((type) => error instanceof type)) {
        sendError(response, (error as Error).name, (error as Error).message);
      } else {
        send(response, 500, { __type: 'ServiceUnavailableException', message: (error as Error).message });
      }
    }
    return true;
  };
}
