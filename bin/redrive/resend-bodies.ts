import type { OutgoingMessage } from '../../lambdas/generate-orders/outgoing-message';
import { type SendMessageBatch, sendMessages } from '../../lambdas/generate-orders/send-orders';
import type { SendSettings } from '../../lambdas/generate-orders/send-settings';

/** A message body to send again, under the id of the record it came from. */
export interface BodyToResend {
  /** The rejected-order record's `messageId`. */
  readonly recordId: string;
  /** The body exactly as it was dead-lettered. */
  readonly body: string;
}

/** What became of each body. */
export interface ResendOutcome {
  /** Record id → the id SQS gave the new message. */
  readonly sent: ReadonlyMap<string, string>;
  /** Bodies SQS did not take, with why. */
  readonly failed: readonly { readonly recordId: string; readonly reason: string }[];
}

export interface ResendOptions {
  readonly queueUrl: string;
  readonly sendMessageBatch: SendMessageBatch;
  /** GenerateOrders' send settings: attempts, backoff and concurrency. @default SEND_SETTINGS */
  readonly settings?: SendSettings;
  /** @default - a real timer */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  /** @default Math.random */
  readonly random?: () => number;
}

/**
 * Sends each body to the queue untouched (never re-encoded: a body is resent as the consumer first
 * saw it), with GenerateOrders' own sender ({@link sendMessages}): its batch planner, concurrency,
 * backoff and `maxAttempts`; a `SenderFault` is reported at once.
 */
export async function resendBodies(
  bodies: readonly BodyToResend[],
  options: ResendOptions,
): Promise<ResendOutcome> {
  const messages: OutgoingMessage[] = bodies.map(({ recordId, body }, index) => ({
    entryId: String(index),
    orderId: recordId,
    body,
    bytes: Buffer.byteLength(body, 'utf8'),
  }));
  const { messageIds, failed } = await sendMessages(messages, options);
  return { sent: messageIds, failed: failed.map(({ id, reason }) => ({ recordId: id, reason })) };
}
