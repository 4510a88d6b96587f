import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import { ResourceNotFoundException } from './errors';
import type { LogEvent, LogsService } from './logs-service';

/** The X-Amz-Target prefix of the CloudWatch Logs API (AWS JSON 1.1). */
const TARGET_PREFIX = 'Logs_20140328.';

/** The most a Logs API request body may be; a query is a few hundred bytes. */
const MAXIMUM_REQUEST_BYTES = 64 * 1024;

/** GetLogEvents and FilterLogEvents return at most this many events, as CloudWatch Logs does. */
const MAXIMUM_EVENTS = 10_000;

type Request = Record<string, unknown>;

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  response.end(JSON.stringify(body));
}

function sendError(response: ServerResponse, type: string, message: string): void {
  send(response, 400, { __type: type, message });
}

function inTimeRange(event: LogEvent, request: Request): boolean {
  const { startTime, endTime } = request as { startTime?: number; endTime?: number };
  return (
    (startTime === undefined || event.timestamp >= startTime) &&
    (endTime === undefined || event.timestamp < endTime)
  );
}

function limitOf(request: Request): number {
  const limit = Number(request.limit ?? MAXIMUM_EVENTS);
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAXIMUM_EVENTS) : MAXIMUM_EVENTS;
}

/** The Logs operations, named as in the API, over the local log groups. */
function operations(logs: LogsService): Record<string, (request: Request) => unknown> {
  return {
    DescribeLogGroups: (request) => ({
      logGroups: logs
        .describeLogGroups()
        .filter((group) => group.logGroupName.startsWith(String(request.logGroupNamePrefix ?? '')))
        .map(({ logGroupName, creationTime }) => ({ logGroupName, creationTime, storedBytes: 0 })),
    }),
    DescribeLogStreams: (request) => ({
      logStreams: logs
        .describeLogStreams(String(request.logGroupName))
        .filter((stream) => stream.logStreamName.startsWith(String(request.logStreamNamePrefix ?? '')))
        .map(({ logStreamName, creationTime, lastEventTimestamp }) => ({
          logStreamName,
          creationTime,
          lastEventTimestamp,
        })),
    }),
    GetLogEvents: (request) => {
      const events = logs
        .getLogEvents(String(request.logGroupName), String(request.logStreamName))
        .filter((event) => inTimeRange(event, request));
      const limit = limitOf(request);
      const page = request.startFromHead === true ? events.slice(0, limit) : events.slice(-limit);
      return {
        events: page.map((event) => ({ ...event, ingestionTime: event.timestamp })),
        nextForwardToken: `f/${events.length}`,
        nextBackwardToken: 'b/0',
      };
    },
    FilterLogEvents: (request) => {
      const logGroupName = String(request.logGroupName);
      const wanted = request.logStreamNames as string[] | undefined;
      const pattern = String(request.filterPattern ?? '');
      const events = logs
        .describeLogStreams(logGroupName)
        .filter((stream) => wanted === undefined || wanted.includes(stream.logStreamName))
        .flatMap(({ logStreamName }) =>
          logs.getLogEvents(logGroupName, logStreamName).map((event) => ({ logStreamName, ...event })),
        )
        .filter((event) => inTimeRange(event, request) && event.message.includes(pattern))
        .sort((a, b) => a.timestamp - b.timestamp)
        .slice(0, limitOf(request));
      return {
        events: events.map((event, index) => ({
          ...event,
          ingestionTime: event.timestamp,
          eventId: String(index),
        })),
        searchedLogStreams: [],
      };
    },
  };
}

/**
 * The read side of the CloudWatch Logs API over HTTP (AWS JSON 1.1, `X-Amz-Target: Logs_20140328.<Op>`),
 * so `aws logs get-log-events --endpoint-url` and the SDK's CloudWatchLogsClient read the local log
 * groups: DescribeLogGroups, DescribeLogStreams, GetLogEvents and FilterLogEvents (with a plain-text
 * filter pattern). Paging tokens are returned but every answer is a single page.
 *
 * @returns a request handler that answers Logs requests and returns false for any other request.
 */
export function logsApi(
  logs: LogsService,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const byName = operations(logs);
  return async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) return false;
    const operation = byName[target.slice(TARGET_PREFIX.length)];
    if (!operation) {
      sendError(response, 'UnknownOperationException', `${target} is not an operation of the local Logs API`);
      return true;
    }
    const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
    let input: Request;
    try {
      if (body === undefined) throw new Error('request body too large');
      input = body === '' ? {} : (JSON.parse(body) as Request);
    } catch (error) {
      sendError(response, 'SerializationException', (error as Error).message);
      return true;
    }
    try {
      send(response, 200, operation(input));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) sendError(response, error.name, error.message);
      else send(response, 500, { __type: 'ServiceUnavailableException', message: (error as Error).message });
    }
    return true;
  };
}
