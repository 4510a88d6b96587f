import { InvalidParameterException } from './errors';
import { PUT_LOG_EVENTS_LIMITS } from './logs-limits';
import type { LogEvent } from './logs-service';

/** PutLogEvents' `rejectedLogEventsInfo`: index ranges of the events it dropped, and why. */
export interface RejectedLogEventsInfo {
  /** Events from this index on are more than 2 hours in the future. */
  readonly tooNewLogEventStartIndex?: number;
  /** Events up to this index are more than 14 days old. */
  readonly tooOldLogEventEndIndex?: number;
  /** Events up to this index are older than the log group's retention. */
  readonly expiredLogEventEndIndex?: number;
}

/** The events of a batch that CloudWatch Logs would store, and what it would say about the others. */
export interface CheckedLogEventBatch {
  readonly accepted: LogEvent[];
  readonly rejectedLogEventsInfo?: RejectedLogEventsInfo;
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The index of the last event that passes `test`, or -1. */
function lastIndexWhere(events: readonly LogEvent[], test: (event: LogEvent) => boolean): number {
  for (let index = events.length - 1; index >= 0; index--) if (test(events[index])) return index;
  return -1;
}

/** The rules that fail a whole batch before any event is looked at for its age. */
function checkBatchShape(events: readonly LogEvent[]): void {
  const limits = PUT_LOG_EVENTS_LIMITS;
  if (events.length === 0 || events.length > limits.maximumEvents) {
    throw new InvalidParameterException(
      `A PutLogEvents request must have between 1 and ${limits.maximumEvents} log events (given ${events.length}).`,
    );
  }
  let batchBytes = 0;
  events.forEach((event, index) => {
    batchBytes += checkEvent(event, index) + limits.bytesPerEvent;
    if (index > 0 && event.timestamp < events[index - 1].timestamp) {
      throw new InvalidParameterException(
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
  });
  if (batchBytes > limits.maximumBatchBytes) {
    throw new InvalidParameterException(
      `The batch of log events is ${batchBytes} bytes (messages plus ${limits.bytesPerEvent} bytes per event); the maximum is ${limits.maximumBatchBytes}.`,
    );
  }
}

/** Checks one event's message and timestamp; gives its message's UTF-8 size. */
function checkEvent(event: LogEvent, index: number): number {
  if (typeof event.message !== 'string' || event.message === '') {
    throw new InvalidParameterException(`Log event ${index} has an empty message.`);
  }
  if (!Number.isSafeInteger(event.timestamp) || event.timestamp < 0) {
    throw new InvalidParameterException(
      `Log event ${index} has no valid timestamp (given ${event.timestamp}).`,
    );
  }
  const bytes = Buffer.byteLength(event.message);
  const maximum = PUT_LOG_EVENTS_LIMITS.maximumEventBytes;
  if (bytes > maximum) {
    throw new InvalidParameterException(
      `Log event ${index} is ${bytes} bytes; a log event can be at most ${maximum} bytes.`,
    );
  }
  return bytes;
}

/**
 * Checks a PutLogEvents batch as CloudWatch Logs does: the whole batch fails when it is empty, too
 * many, too big, out of chronological order, or its accepted events span more than 24 hours; events
 * too far in the future or the past (or older than the group's retention) are dropped and reported in
 * `rejectedLogEventsInfo`, and the rest are stored.
 *
 * @throws InvalidParameterException naming the rule the batch breaks
 */
export function checkLogEventBatch(
  events: readonly LogEvent[],
  now: number,
  retentionInDays?: number,
): CheckedLogEventBatch {
  const limits = PUT_LOG_EVENTS_LIMITS;
  checkBatchShape(events);
  const oldest = now - limits.maximumAgeMs;
  const expired = retentionInDays === undefined ? Number.NEGATIVE_INFINITY : now - retentionInDays * DAY_MS;
  const newest = now + limits.maximumFutureMs;
  const accepted = events.filter(
    (event) => event.timestamp >= Math.max(oldest, expired) && event.timestamp <= newest,
  );
  if (
    accepted.length > 0 &&
    accepted[accepted.length - 1].timestamp - accepted[0].timestamp > limits.maximumSpanMs
  ) {
    throw new InvalidParameterException(
      `The batch of log events in a single PutLogEvents request cannot span more than ${limits.maximumSpanMs / HOUR_MS} hours.`,
    );
  }
  const tooOldEnd = lastIndexWhere(events, (event) => event.timestamp < oldest);
  const expiredEnd = lastIndexWhere(events, (event) => event.timestamp < expired);
  const tooNewStart = events.findIndex((event) => event.timestamp > newest);
  const info: RejectedLogEventsInfo = {
    ...(tooNewStart >= 0 ? { tooNewLogEventStartIndex: tooNewStart } : {}),
    ...(tooOldEnd >= 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(expiredEnd >= 0 ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  return Object.keys(info).length === 0 ? { accepted } : { accepted, rejectedLogEventsInfo: info };
}
