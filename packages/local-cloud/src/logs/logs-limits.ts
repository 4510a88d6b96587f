/** CloudWatch Logs' limits, as its API reference documents them, in one place. */

/** PutLogEvents' limits, as CloudWatch Logs documents them. */
export const PUT_LOG_EVENTS_LIMITS = {
  maximumEvents: 10_000,
  /** The sum of the messages' UTF-8 sizes plus {@link PUT_LOG_EVENTS_LIMITS.bytesPerEvent} each. */
  maximumBatchBytes: 1_048_576,
  bytesPerEvent: 26,
  maximumEventBytes: 1_048_576 - 26,
  /** How far a batch's accepted events may spread. */
  maximumSpanMs: 24 * 60 * 60 * 1000,
  /** Events further in the future than this are rejected (but the rest are accepted). */
  maximumFutureMs: 2 * 60 * 60 * 1000,
  /** Events older than this, or than the group's retention, are rejected (but the rest are accepted). */
  maximumAgeMs: 14 * 24 * 60 * 60 * 1000,
} as const;

/** The most a Logs API request body may be: a full PutLogEvents batch (1 MiB) with JSON escaping. */
export const MAXIMUM_REQUEST_BYTES = 4 * 1024 * 1024;

/** GetLogEvents and FilterLogEvents answer at most 10,000 events and about 1 MB, as CloudWatch Logs does. */
export const MAXIMUM_EVENTS = 10_000;
export const MAXIMUM_RESPONSE_BYTES = 1_048_576;

/** DescribeLogGroups and DescribeLogStreams answer at most 50 items a page. */
export const MAXIMUM_DESCRIBED = 50;

/** The retention periods CloudWatch Logs accepts, in days. */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
