import type {
  CreateLogGroupRequest,
  CreateLogStreamRequest,
  DeleteLogGroupRequest,
  DeleteLogStreamRequest,
  DeleteRetentionPolicyRequest,
  DescribeLogGroupsRequest,
  DescribeLogGroupsResponse,
  DescribeLogStreamsRequest,
  DescribeLogStreamsResponse,
  FilterLogEventsRequest,
  FilterLogEventsResponse,
  GetLogEventsRequest,
  GetLogEventsResponse,
  InputLogEvent,
  PutLogEventsRequest,
  PutLogEventsResponse,
  PutRetentionPolicyRequest,
} from '@aws-sdk/client-cloudwatch-logs';
import type { EmptyResult, WireRequest } from '../protocol/wire-request';
import { compileFilterPattern } from './filter-pattern';
import { pageAfter, pageStream } from './log-paging';
import {
  MAXIMUM_DESCRIBED,
  MAXIMUM_EVENTS,
  MAXIMUM_RESPONSE_BYTES,
  PUT_LOG_EVENTS_LIMITS,
  RETENTION_DAYS,
} from './logs-limits';
import {
  invalid,
  limitOf,
  logGroupNameFromIdentifier,
  logGroupNameOf,
  optionalInteger,
  optionalString,
  optionalStringList,
  requiredString,
} from './logs-request';
import type { LogEvent, LogsService, StoredLogEvent } from './logs-service';

const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const LOG_STREAM_NAME = /^[^:*]{1,512}$/;

/** Sequence tokens, like CloudWatch's, are 56 decimal digits. */
const sequenceToken = (position: number) => String(position).padStart(56, '0');

function inTimeRange(timestamp: number, startTime?: number, endTime?: number, endInclusive = false): boolean {
  if (startTime !== undefined && timestamp < startTime) return false;
  if (endTime === undefined) return true;
  return endInclusive ? timestamp <= endTime : timestamp < endTime;
}

/** An event's size as CloudWatch Logs counts it against a response's 1 MB. */
function messageBytes(event: LogEvent): number {
  return Buffer.byteLength(event.message) + PUT_LOG_EVENTS_LIMITS.bytesPerEvent;
}

function inputEvents(request: WireRequest<PutLogEventsRequest>): LogEvent[] {
  const events = request.logEvents;
  if (!Array.isArray(events)) invalid('logEvents must be a list of { timestamp, message }');
  return events.map((event: unknown, index) => {
    const { timestamp, message } = (event ?? {}) as WireRequest<InputLogEvent>;
    if (typeof timestamp !== 'number' || typeof message !== 'string') {
      invalid(`logEvents[${index}] needs a numeric timestamp and a string message`);
    }
    return { timestamp, message };
  });
}

/**
 * The CloudWatch Logs API's operations over a {@link LogsService}, each named after the API, typed
 * with the SDK's request and response shapes, and checking its request as CloudWatch Logs does.
 * The HTTP adapter ({@link logsApi}) only parses, dispatches and writes.
 *
 * @example
 * const operations = new LogsOperations(logs);
 * operations.createLogGroup({ logGroupName: '/app' });
 * operations.filterLogEvents({ logGroupName: '/app', filterPattern: 'ERROR' }).events;
 */
export class LogsOperations {
  constructor(private readonly logs: LogsService) {}

  /** @throws InvalidParameterException on a name CloudWatch Logs would refuse */
  createLogGroup(request: WireRequest<CreateLogGroupRequest>): EmptyResult {
    const name = requiredString(request, 'logGroupName');
    if (!LOG_GROUP_NAME.test(name)) {
      invalid(`logGroupName must be 1 to 512 of the characters a-z A-Z 0-9 . _ - / # (given ${name})`);
    }
    this.logs.createLogGroup(name);
    return {};
  }

  deleteLogGroup(request: WireRequest<DeleteLogGroupRequest>): EmptyResult {
    this.logs.deleteLogGroup(requiredString(request, 'logGroupName'));
    return {};
  }

  /** @throws InvalidParameterException on a period CloudWatch Logs does not offer */
  putRetentionPolicy(request: WireRequest<PutRetentionPolicyRequest>): EmptyResult {
    const days = optionalInteger(request, 'retentionInDays');
    if (days === undefined || !(RETENTION_DAYS as readonly number[]).includes(days)) {
      invalid(`retentionInDays must be one of ${RETENTION_DAYS.join(', ')} (given ${days})`);
    }
    this.logs.putRetentionPolicy(requiredString(request, 'logGroupName'), days);
    return {};
  }

  deleteRetentionPolicy(request: WireRequest<DeleteRetentionPolicyRequest>): EmptyResult {
    this.logs.deleteRetentionPolicy(requiredString(request, 'logGroupName'));
    return {};
  }

  /** @throws InvalidParameterException on a name with `:` or `*`, or longer than 512 */
  createLogStream(request: WireRequest<CreateLogStreamRequest>): EmptyResult {
    const name = requiredString(request, 'logStreamName');
    if (!LOG_STREAM_NAME.test(name)) {
      invalid(`logStreamName must be 1 to 512 characters without ":" or "*" (given ${name})`);
    }
    this.logs.createLogStream(requiredString(request, 'logGroupName'), name);
    return {};
  }

  deleteLogStream(request: WireRequest<DeleteLogStreamRequest>): EmptyResult {
    this.logs.deleteLogStream(
      requiredString(request, 'logGroupName'),
      requiredString(request, 'logStreamName'),
    );
    return {};
  }

  /** Stores the events CloudWatch Logs' batch rules accept, and says which it dropped. */
  putLogEvents(request: WireRequest<PutLogEventsRequest>): PutLogEventsResponse {
    const groupName = requiredString(request, 'logGroupName');
    const streamName = requiredString(request, 'logStreamName');
    const { rejectedLogEventsInfo } = this.logs.putLogEventBatch(groupName, streamName, inputEvents(request));
    return {
      nextSequenceToken: sequenceToken(this.logs.logStreamEnd(groupName, streamName)),
      ...(rejectedLogEventsInfo ? { rejectedLogEventsInfo } : {}),
    };
  }

  /** The groups by name, filtered by a prefix or a (case-insensitive) pattern and by identifiers. */
  describeLogGroups(request: WireRequest<DescribeLogGroupsRequest>): DescribeLogGroupsResponse {
    const prefix = optionalString(request, 'logGroupNamePrefix');
    const pattern = optionalString(request, 'logGroupNamePattern');
    if (prefix !== undefined && pattern !== undefined) {
      invalid('give either logGroupNamePrefix or logGroupNamePattern, not both');
    }
    const names = optionalStringList(request, 'logGroupIdentifiers')?.map(logGroupNameFromIdentifier);
    const groups = this.logs
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
      logGroups: page.items.map((group) => {
        const arn = this.logs.logGroupArn(group.logGroupName);
        return {
          logGroupName: group.logGroupName,
          creationTime: group.creationTime,
          ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
          metricFilterCount: 0,
          arn: `${arn}:*`,
          storedBytes: group.storedBytes,
          logGroupClass: 'STANDARD',
          logGroupArn: arn,
        };
      }),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  /** A group's streams by name or by last event time, filtered by a name prefix. */
  describeLogStreams(request: WireRequest<DescribeLogStreamsRequest>): DescribeLogStreamsResponse {
    const groupName = logGroupNameOf(request);
    const prefix = optionalString(request, 'logStreamNamePrefix');
    const orderBy = optionalString(request, 'orderBy') ?? 'LogStreamName';
    if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
      invalid(`orderBy must be LogStreamName or LastEventTime (given ${orderBy})`);
    }
    if (orderBy === 'LastEventTime' && prefix !== undefined) {
      invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
    }
    const streams = this.logs
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
    const groupArn = this.logs.logGroupArn(groupName);
    return {
      logStreams: page.items.map((stream) => ({
        logStreamName: stream.logStreamName,
        creationTime: stream.creationTime,
        firstEventTimestamp: stream.firstEventTimestamp,
        lastEventTimestamp: stream.lastEventTimestamp,
        lastIngestionTime: stream.lastIngestionTime,
        uploadSequenceToken: sequenceToken(stream.storedEvents),
        arn: `${groupArn}:log-stream:${stream.logStreamName}`,
        storedBytes: 0,
      })),
      ...(page.nextToken ? { nextToken: page.nextToken } : {}),
    };
  }

  /** One stream's events in a time range (end excluded), paged forward or backward by token. */
  getLogEvents(request: WireRequest<GetLogEventsRequest>): GetLogEventsResponse {
    const groupName = logGroupNameOf(request);
    const streamName = requiredString(request, 'logStreamName');
    const startTime = optionalInteger(request, 'startTime');
    const endTime = optionalInteger(request, 'endTime');
    const events = this.logs
      .getStoredLogEvents(groupName, streamName)
      .filter((event) => inTimeRange(event.timestamp, startTime, endTime));
    const page = pageStream(events, {
      limit: limitOf(request, MAXIMUM_EVENTS),
      end: this.logs.logStreamEnd(groupName, streamName),
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
  }

  /**
   * The events of a group's streams that match a filter pattern in a time range (both ends
   * included), interleaved by time.
   *
   * @throws InvalidFilterPatternError on a pattern CloudWatch Logs would refuse
   */
  filterLogEvents(request: WireRequest<FilterLogEventsRequest>): FilterLogEventsResponse {
    const groupName = logGroupNameOf(request);
    const wanted = optionalStringList(request, 'logStreamNames');
    const prefix = optionalString(request, 'logStreamNamePrefix');
    if (wanted !== undefined && prefix !== undefined) {
      invalid('give either logStreamNames or logStreamNamePrefix, not both');
    }
    const startTime = optionalInteger(request, 'startTime');
    const endTime = optionalInteger(request, 'endTime');
    const matches = compileFilterPattern(optionalString(request, 'filterPattern') ?? '');
    const events: (StoredLogEvent & { logStreamName: string })[] = this.logs
      .describeLogStreams(groupName)
      .filter(
        ({ logStreamName }) =>
          (wanted === undefined || wanted.includes(logStreamName)) && logStreamName.startsWith(prefix ?? ''),
      )
      .flatMap(({ logStreamName }) =>
        this.logs
          .getStoredLogEvents(groupName, logStreamName)
          .filter((event) => inTimeRange(event.timestamp, startTime, endTime, true) && matches(event.message))
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
  }
}
