import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import {
  InvalidParameterException,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from './errors';
import { compileFilterPattern } from './filter-pattern';
import { InvalidFilterPatternError } from './filter-pattern-error';
import { pageAfter, pageStream } from './log-paging';
import {
  MAXIMUM_DESCRIBED,
  MAXIMUM_EVENTS,
  MAXIMUM_REQUEST_BYTES,
  MAXIMUM_RESPONSE_BYTES,
  PUT_LOG_EVENTS_LIMITS,
  RETENTION_DAYS,
} from './logs-limits';
import type { LogEvent, LogsService, StoredLogEvent } from './logs-service';

/** The X-Amz-Target prefix of the CloudWatch Logs API (AWS JSON 1.1). */
const TARGET_PREFIX = 'Logs_20140328.';

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_STREAM_NAME = /^[^:*]{1,512}$/;
/** `arn:aws:logs:<region>:<account>:log-group:<name>`, with or without a trailing `:*`. */
const LOG_GROUP_ARN = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/;

type Request = Record<string, unknown>;

function invalid(message: string): never {
  throw new InvalidParameterException(message);
}

function optionalString(request: Request, name: string): string | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalid(`${name} must be a string (given ${JSON.stringify(value)})`);
  return value;
}

function requiredString(request: Request, name: string): string {
  return optionalString(request, name) ?? invalid(`${name} is required`);
}

function optionalStringList(request: Request, name: string): string[] | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    invalid(`${name} must be a list of strings (given ${JSON.stringify(value)})`);
  }
  return value;
}

function optionalInteger(request: Request, name: string): number | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    invalid(`${name} must be an integer (given ${JSON.stringify(value)})`);
  }
  return value;
}

function limitOf(request: Request, maximum: number): number {
  const limit = optionalInteger(request, 'limit') ?? maximum;
  if (limit < 1 || limit > maximum) invalid(`limit must be between 1 and ${maximum} (given ${limit})`);
  return limit;
}

/** The group a request names by `logGroupName` or by `logGroupIdentifier` (a name or an ARN), not both. */
function logGroupNameOf(request: Request): string {
  const name = optionalString(request, 'logGroupName');
  const identifier = optionalString(request, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    invalid('give either logGroupName or logGroupIdentifier, not both');
  }
  if (identifier !== undefined) return LOG_GROUP_ARN.exec(identifier)?.[1] ?? identifier;
  return name ?? invalid('logGroupName or logGroupIdentifier is required');
}

function inTimeRange(timestamp: number, startTime?: number, endTime?: number, endInclusive = false): boolean {
  if (startTime !== undefined && timestamp < startTime) return false;
  if (endTime === undefined) return true;
  return endInclusive ? timestamp <= endTime : timestamp < endTime;
}

function messageBytes(event: LogEvent): number {
  return Buffer.byteLength(event.message) + PUT_LOG_EVENTS_LIMITS.bytesPerEvent;
}

function inputEvents(request: Request): LogEvent[] {
  const events = request.logEvents;
  if (!Array.isArray(events)) invalid('logEvents must be a list of { timestamp, message }');
  return events.map((event: unknown, index) => {
    const { timestamp, message } = (event ?? {}) as Record<string, unknown>;
    if (typeof timestamp !== 'number' || typeof message !== 'string') {
      invalid(`logEvents[${index}] needs a numeric timestamp and a string message`);
    }
    return { timestamp, message };
  });
}

/** The Logs operations, named as in the API, over the local log groups. */
function operations(logs: LogsService): Record<string, (request: Request) => unknown> {
  const groupArn = (name: string) => logs.logGroupArn(name);
  return {
    CreateLogGroup: (request) => {
      const name = requiredString(request, 'logGroupName');
      if (!LOG_GROUP_NAME.test(name)) {
        invalid(`logGroupName must be 1 to 512 of the characters a-z A-Z 0-9 . _ - / # (given ${name})`);
      }
      logs.createLogGroup(name);
      return {};
    },
    DeleteLogGroup: (request) => {
      logs.deleteLogGroup(requiredString(request, 'logGroupName'));
      return {};
    },
    PutRetentionPolicy: (request) => {
      const days = optionalInteger(request, 'retentionInDays');
      if (days === undefined || !(RETENTION_DAYS as readonly number[]).includes(days)) {
        invalid(`retentionInDays must be one of ${RETENTION_DAYS.join(', ')} (given ${days})`);
      }
      logs.putRetentionPolicy(requiredString(request, 'logGroupName'), days);
      return {};
    },
    DeleteRetentionPolicy: (request) => {
      logs.deleteRetentionPolicy(requiredString(request, 'logGroupName'));
      return {};
    },
    CreateLogStream: (request) => {
      const name = requiredString(request, 'logStreamName');
      if (!LOG_STREAM_NAME.test(name)) {
        invalid(`logStreamName must be 1 to 512 characters without ":" or "*" (given ${name})`);
      }
      logs.createLogStream(requiredString(request, 'logGroupName'), name);
      return {};
    },
    DeleteLogStream: (request) => {
      logs.deleteLogStream(requiredString(request, 'logGroupName'), requiredString(request, 'logStreamName'));
      return {};
    },
    PutLogEvents: (request) => {
      const groupName = requiredString(request, 'logGroupName');
      const streamName = requiredString(request, 'logStreamName');
      const { rejectedLogEventsInfo } = logs.putLogEventBatch(groupName, streamName, inputEvents(request));
      return {
        nextSequenceToken: String(logs.logStreamEnd(groupName, streamName)).padStart(56, '0'),
        ...(rejectedLogEventsInfo ? { rejectedLogEventsInfo } : {}),
      };
    },
    DescribeLogGroups: (request) => {
      const prefix = optionalString(request, 'logGroupNamePrefix');
      const pattern = optionalString(request, 'logGroupNamePattern');
      if (prefix !== undefined && pattern !== undefined) {
        invalid('give either logGroupNamePrefix or logGroupNamePattern, not both');
      }
      const identifiers = optionalStringList(request, 'logGroupIdentifiers');
      const names = identifiers?.map((identifier) => LOG_GROUP_ARN.exec(identifier)?.[1] ?? identifier);
      const groups = logs
        .describeLogGroups()
        .filter(
          ({ logGroupName }) =>
            logGroupName.startsWith(prefix ?? '') &&
            (pattern === undefined || logGroupName.toLowerCase().includes(pattern.toLowerCase())) &&
            (names === undefined || names.includes(logGroupName)),
        );
      const page = pageAfter(groups, {
        keyOf: (group) => [group.logGroupName],
        limit: limitOf(request, MAXIMUM_DESCRIBED),
        nextToken: optionalString(request, 'nextToken'),
      });
      return {
        logGroups: page.items.map((group) => ({
          logGroupName: group.logGroupName,
          creationTime: group.creationTime,
          ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
          metricFilterCount: 0,
          arn: `${groupArn(group.logGroupName)}:*`,
          storedBytes: group.storedBytes,
          logGroupClass: 'STANDARD',
          logGroupArn: groupArn(group.logGroupName),
        })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    DescribeLogStreams: (request) => {
      const groupName = logGroupNameOf(request);
      const prefix = optionalString(request, 'logStreamNamePrefix');
      const orderBy = optionalString(request, 'orderBy') ?? 'LogStreamName';
      if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
        invalid(`orderBy must be LogStreamName or LastEventTime (given ${orderBy})`);
      }
      if (orderBy === 'LastEventTime' && prefix !== undefined) {
        invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const streams = logs
        .describeLogStreams(groupName)
        .filter((stream) => stream.logStreamName.startsWith(prefix ?? ''));
      const page = pageAfter(streams, {
        keyOf: (stream) =>
          orderBy === 'LogStreamName'
            ? [stream.logStreamName]
            : [stream.lastEventTimestamp ?? 0, stream.logStreamName],
        limit: limitOf(request, MAXIMUM_DESCRIBED),
        nextToken: optionalString(request, 'nextToken'),
        descending: request.descending === true,
      });
      return {
        logStreams: page.items.map((stream) => ({
          logStreamName: stream.logStreamName,
          creationTime: stream.creationTime,
          firstEventTimestamp: stream.firstEventTimestamp,
          lastEventTimestamp: stream.lastEventTimestamp,
          lastIngestionTime: stream.lastIngestionTime,
          uploadSequenceToken: String(stream.storedEvents).padStart(56, '0'),
          arn: `${groupArn(groupName)}:log-stream:${stream.logStreamName}`,
          storedBytes: 0,
        })),
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
    GetLogEvents: (request) => {
      const groupName = logGroupNameOf(request);
      const streamName = requiredString(request, 'logStreamName');
      const startTime = optionalInteger(request, 'startTime');
      const endTime = optionalInteger(request, 'endTime');
      const events = logs
        .getStoredLogEvents(groupName, streamName)
        .filter((event) => inTimeRange(event.timestamp, startTime, endTime));
      const page = pageStream(events, {
        limit: limitOf(request, MAXIMUM_EVENTS),
        end: logs.logStreamEnd(groupName, streamName),
        startFromHead: request.startFromHead === true,
        nextToken: optionalString(request, 'nextToken'),
        sizeOf: messageBytes,
        maximumBytes: MAXIMUM_RESPONSE_BYTES,
      });
      return {
        events: page.events.map(({ timestamp, message, ingestionTime }) => ({
          timestamp,
          message,
          ingestionTime,
        })),
        nextForwardToken: page.nextForwardToken,
        nextBackwardToken: page.nextBackwardToken,
      };
    },
    FilterLogEvents: (request) => {
      const groupName = logGroupNameOf(request);
      const wanted = optionalStringList(request, 'logStreamNames');
      const prefix = optionalString(request, 'logStreamNamePrefix');
      if (wanted !== undefined && prefix !== undefined) {
        invalid('give either logStreamNames or logStreamNamePrefix, not both');
      }
      const startTime = optionalInteger(request, 'startTime');
      const endTime = optionalInteger(request, 'endTime');
      const matches = compileFilterPattern(optionalString(request, 'filterPattern') ?? '');
      const events: (StoredLogEvent & { logStreamName: string })[] = logs
        .describeLogStreams(groupName)
        .filter(
          ({ logStreamName }) =>
            (wanted === undefined || wanted.includes(logStreamName)) &&
            logStreamName.startsWith(prefix ?? ''),
        )
        .flatMap(({ logStreamName }) =>
          logs
            .getStoredLogEvents(groupName, logStreamName)
            .filter(
              (event) => inTimeRange(event.timestamp, startTime, endTime, true) && matches(event.message),
            )
            .map((event) => ({ ...event, logStreamName })),
        );
      // The event's sequence after its timestamp: a unique key, in the order events were put.
      const page = pageAfter(events, {
        keyOf: (event) => [event.timestamp, event.sequence],
        limit: limitOf(request, MAXIMUM_EVENTS),
        nextToken: optionalString(request, 'nextToken'),
        sizeOf: messageBytes,
        maximumBytes: MAXIMUM_RESPONSE_BYTES,
      });
      return {
        events: page.items.map(({ logStreamName, timestamp, message, ingestionTime, eventId }) => ({
          logStreamName,
          timestamp,
          message,
          ingestionTime,
          eventId,
        })),
        searchedLogStreams: [],
        ...(page.nextToken ? { nextToken: page.nextToken } : {}),
      };
    },
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
      if (body === undefined) throw new Error(`request body larger than ${MAXIMUM_REQUEST_BYTES} bytes`);
      input = body === '' ? {} : (JSON.parse(body) as Request);
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
