import { compileFilterPattern, type LogEventMatcher } from '../logs/filter-pattern';
import type { LogsService, StoredLogEvent } from '../logs/logs-service';
import type { LogEventsPage, LogGroupView, LogLineView } from './console-contract';
import { ConsoleRequestError, integerParameter } from './console-http';
import type { ConsoleRoute } from './console-routes';

/**
 * A CloudWatch Logs filter pattern, compiled; an empty one matches every line.
 *
 * @throws ConsoleRequestError (400) with the Logs service's reason for a pattern it cannot read
 */
export function logMatcher(pattern: string | null): LogEventMatcher {
  if (pattern === null || pattern.trim() === '') return () => true;
  try {
    return compileFilterPattern(pattern);
  } catch (error) {
    throw new ConsoleRequestError(
      400,
      `bad filter pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`,
    );
  }
}

/**
 * The name of an existing log group.
 *
 * @throws ConsoleRequestError (400 when missing, 404 when there is no such group)
 */
export function existingGroup(logs: LogsService, name: string | null): string {
  if (name === null || name === '')
    throw new ConsoleRequestError(400, 'group is required: the log group to read');
  if (!logs.describeLogGroups().some((group) => group.logGroupName === name)) {
    throw new ConsoleRequestError(404, `no log group named ${name}`);
  }
  return name;
}

function groupViews(logs: LogsService): LogGroupView[] {
  return logs.describeLogGroups().map((group) => {
    const streams = logs.describeLogStreams(group.logGroupName);
    return {
      logGroupName: group.logGroupName,
      storedEvents: streams.reduce((sum, stream) => sum + stream.storedEvents, 0),
      streams: streams.map((stream) => stream.logStreamName),
    };
  });
}

/**
 * The group's retained lines after the cursor (the service's ingestion sequence) that match,
 * oldest first, at most `limit`; the cursor moves past every line looked at, matching or not.
 */
export function logEventsPage(
  logs: LogsService,
  logGroupName: string,
  matches: LogEventMatcher,
  after: number,
  limit: number,
): LogEventsPage {
  const candidates: (StoredLogEvent & { logStreamName: string })[] = [];
  for (const { logStreamName } of logs.describeLogStreams(logGroupName)) {
    for (const event of logs.getStoredLogEvents(logGroupName, logStreamName)) {
      if (event.sequence > after) candidates.push({ ...event, logStreamName });
    }
  }
  candidates.sort((a, b) => a.sequence - b.sequence);
  const events: LogLineView[] = [];
  let cursor = after;
  for (const event of candidates) {
    if (events.length >= limit) break;
    cursor = event.sequence;
    if (!matches(event.message)) continue;
    events.push({
      timestamp: event.timestamp,
      message: event.message,
      logGroupName,
      logStreamName: event.logStreamName,
    });
  }
  return { events, cursor: String(cursor) };
}

/** `GET logs/groups`, `GET logs/events?group=&filter=&after=&limit=`. */
export const LOG_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^logs\/groups$/, handle: ({ cloud }) => groupViews(cloud.logs) },
  {
    method: 'GET',
    path: /^logs\/events$/,
    handle: ({ cloud, query }) =>
      logEventsPage(
        cloud.logs,
        existingGroup(cloud.logs, query.get('group')),
        logMatcher(query.get('filter')),
        integerParameter(query, 'after', { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 }),
        integerParameter(query, 'limit', { min: 1, max: 10_000, fallback: 1000 }),
      ),
  },
];
