import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import { AwsError, parseJsonRequest, toAwsError, writeJsonError, writeJsonResult } from '../protocol';
import { ServiceUnavailableException } from './errors';
import { MAXIMUM_REQUEST_BYTES } from './logs-limits';
import { LogsOperations } from './logs-operations';
import type { LogsService } from './logs-service';

/** The X-Amz-Target prefix of the CloudWatch Logs API (AWS JSON 1.1). */
const TARGET_PREFIX = 'Logs_20140328.';

type Operation = (request: Record<string, unknown>) => unknown;

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

/** The answers' protocol: AWS JSON 1.1. */
const JSON_VERSION = { version: '1.1' } as const;

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
    try {
      writeJsonResult(response, await answer(byName, target, request), JSON_VERSION);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      writeJsonError(
        response,
        toAwsError(error, { internalError: new ServiceUnavailableException(message) }),
        JSON_VERSION,
      );
    }
    return true;
  };
}

/** The result of the operation a Logs request names; the body is read only for a known operation. */
async function answer(
  byName: Readonly<Record<string, Operation>>,
  target: string,
  request: IncomingMessage,
): Promise<unknown> {
  const name = target.slice(TARGET_PREFIX.length);
  const operation = Object.hasOwn(byName, name) ? byName[name] : undefined;
  if (operation === undefined) {
    throw new AwsError('UnknownOperationException', `${target} is not an operation of the local Logs API`);
  }
  const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
  if (body === undefined) {
    throw new AwsError('SerializationException', `request body larger than ${MAXIMUM_REQUEST_BYTES} bytes`);
  }
  return operation(parseJsonRequest(target, body, { targetPrefix: TARGET_PREFIX }).input);
}
