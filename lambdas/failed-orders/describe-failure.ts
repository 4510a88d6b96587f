import type { SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { traceableOrderIdIn } from '../../shared/order-records';
import { REJECTION_ATTRIBUTES } from '../../shared/rejection';
import type { FailureDescription } from './types';

/**
 * Works out why a message is on the dead-letter queue and which original message it was.
 *
 * - ProcessOrders forwarded it: reason, errors, original message id and source queue come from
 *   its message attributes (`shared/rejection.ts`).
 * - SQS moved it there after maxReceiveCount failed receives: `RETRIES_EXHAUSTED`. SQS keeps the
 *   message id, `SentTimestamp` and the receive count across the move, and names the source queue
 *   in `DeadLetterQueueSourceArn`.
 */
export function describeFailure(record: SQSRecord): FailureDescription {
  const attribute = (name: string) => stringAttribute(record.messageAttributes, name);
  const reason = attribute(REJECTION_ATTRIBUTES.reason);
  const approximateReceiveCount = numberAttribute(record.attributes.ApproximateReceiveCount);
  const common = {
    deadLetterMessageId: record.messageId,
    deadLetterQueueArn: record.eventSourceARN,
    ...optional('orderId', traceableOrderIdIn(parseOrUndefined(record.body))),
    ...optional('approximateReceiveCount', approximateReceiveCount),
    ...optional('sentTimestamp', numberAttribute(record.attributes.SentTimestamp)),
    ...optional(
      'approximateFirstReceiveTimestamp',
      numberAttribute(record.attributes.ApproximateFirstReceiveTimestamp),
    ),
  };
  if (reason !== undefined) {
    return {
      ...common,
      messageId: attribute(REJECTION_ATTRIBUTES.sourceMessageId) ?? record.messageId,
      reason,
      errors: parseErrors(attribute(REJECTION_ATTRIBUTES.errors)),
      ...optional(
        'sourceQueueArn',
        attribute(REJECTION_ATTRIBUTES.sourceQueueArn) ?? record.attributes.DeadLetterQueueSourceArn,
      ),
    };
  }
  return {
    ...common,
    messageId: record.messageId,
    reason: 'RETRIES_EXHAUSTED',
    errors: [retriesExhausted(approximateReceiveCount)],
    ...optional('sourceQueueArn', record.attributes.DeadLetterQueueSourceArn),
  };
}

function retriesExhausted(approximateReceiveCount: number | undefined): string {
  const count =
    approximateReceiveCount === undefined
      ? 'SQS reported no ApproximateReceiveCount'
      : `ApproximateReceiveCount ${approximateReceiveCount}, which SQS keeps counting on the dead-letter queue`;
  return `processing failed on every receive until the source queue's maxReceiveCount was exceeded (${count})`;
}

function stringAttribute(attributes: SQSMessageAttributes, name: string): string | undefined {
  return attributes[name]?.stringValue;
}

/** A JSON array of strings as it is; anything else a sender put there, kept whole as one error. */
function parseErrors(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const parsed = parseOrUndefined(raw);
  return Array.isArray(parsed) && parsed.every((error) => typeof error === 'string') ? parsed : [raw];
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function numberAttribute(raw: string | undefined): number | undefined {
  const value = Number(raw);
  return raw === undefined || raw === '' || !Number.isFinite(value) ? undefined : value;
}

/** `{ [name]: value }`, or nothing when the value is unknown, so items carry no undefined attributes. */
function optional<Name extends string, Value>(
  name: Name,
  value: Value | undefined,
): { [key in Name]?: Value } {
  return value === undefined ? {} : ({ [name]: value } as { [key in Name]: Value });
}
