/** Why Lambda sends an asynchronous invocation's record: `requestContext.condition`. */
export type AsyncRecordCondition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

/** An asynchronous invocation that has ended, as Lambda describes it to its destinations. */
export interface EndedAsyncEvent {
  readonly requestId: string;
  readonly functionName: string;
  /** The function's unqualified ARN. */
  readonly functionArn: string;
  /** The event, as it was given to `invokeAsync`. */
  readonly payload: unknown;
  readonly condition: AsyncRecordCondition;
  /** Attempts made, before a restart included. */
  readonly attempts: number;
  /**
   * The last attempt's answer. @default - none: no attempt ran in this run of the cloud (the event
   * was throttled until it expired, or resumed from the journal)
   */
  readonly response?: { readonly functionError?: string; readonly payload: unknown };
  /** Cloud epoch milliseconds. */
  readonly endedAt: number;
}

/**
 * The JSON document Lambda sends to an on-failure or on-success destination ("Capturing records of
 * Lambda asynchronous invocations" in the Lambda developer guide).
 */
export interface AsyncInvocationRecord {
  readonly version: '1.0';
  /** ISO 8601. */
  readonly timestamp: string;
  readonly requestContext: {
    readonly requestId: string;
    /** Qualified with the version that ran: `...:function:<name>:$LATEST`. */
    readonly functionArn: string;
    readonly condition: AsyncRecordCondition;
    readonly approximateInvokeCount: number;
  };
  readonly requestPayload: unknown;
  readonly responseContext: {
    readonly statusCode: number;
    readonly executedVersion: string;
    readonly functionError?: string;
  };
  readonly responsePayload?: unknown;
}

/** An SQS or SNS message attribute as Lambda sets it on a dead-letter message. */
export interface DeadLetterAttribute {
  readonly DataType: 'String' | 'Number';
  readonly StringValue: string;
}

/** Lambda cuts a dead-letter message's `ErrorMessage` attribute to 1 KB. */
const ERROR_MESSAGE_BYTES = 1024;

/** The status of Lambda's Invoke call for an event: 200 when the function ran (even if it failed), 429 when it never could. */
function statusCodeOf(event: EndedAsyncEvent): number {
  return event.response === undefined && event.condition === 'EventAgeExceeded' ? 429 : 200;
}

/** The record an on-failure or on-success destination gets for an ended event. */
export function invocationRecord(event: EndedAsyncEvent): AsyncInvocationRecord {
  const { response } = event;
  return {
    version: '1.0',
    timestamp: new Date(event.endedAt).toISOString(),
    requestContext: {
      requestId: event.requestId,
      functionArn: `${event.functionArn}:$LATEST`,
      condition: event.condition,
      approximateInvokeCount: event.attempts,
    },
    requestPayload: event.payload,
    responseContext: {
      statusCode: statusCodeOf(event),
      executedVersion: '$LATEST',
      ...(response?.functionError === undefined ? {} : { functionError: response.functionError }),
    },
    ...(response === undefined ? {} : { responsePayload: response.payload }),
  };
}

/** What the failed event's error said, or why it was never run. */
function errorMessageOf(event: EndedAsyncEvent): string {
  const payload = event.response?.payload as { errorMessage?: unknown } | undefined;
  if (typeof payload?.errorMessage === 'string') return payload.errorMessage;
  if (event.condition === 'EventAgeExceeded') return 'Event age exceeded MaximumEventAgeInSeconds';
  return 'Retries exhausted';
}

/** `text` cut to at most `bytes` bytes of UTF-8, never inside a character. */
function truncateUtf8(text: string, bytes: number): string {
  const buffer = Buffer.from(text);
  if (buffer.length <= bytes) return text;
  return buffer
    .subarray(0, bytes)
    .toString()
    .replace(/\uFFFD$/, '');
}

/**
 * The message attributes Lambda puts on an event it sends to a dead-letter queue ("Dead-letter
 * queues" in the Lambda developer guide): `RequestID`, `ErrorCode` (the 3-digit HTTP status) and
 * `ErrorMessage` (at most 1 KB). The body is the event itself, unchanged.
 */
export function deadLetterAttributes(event: EndedAsyncEvent): Record<string, DeadLetterAttribute> {
  return {
    RequestID: { DataType: 'String', StringValue: event.requestId },
    ErrorCode: { DataType: 'Number', StringValue: String(statusCodeOf(event)) },
    ErrorMessage: {
      DataType: 'String',
      StringValue: truncateUtf8(errorMessageOf(event), ERROR_MESSAGE_BYTES),
    },
  };
}
