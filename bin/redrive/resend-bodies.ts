import { setTimeout as sleepFor } from 'node:timers/promises';
import { forEachWithConcurrency } from '../../lambdas/generate-orders/bounded-concurrency';
import type { OutgoingMessage } from '../../lambdas/generate-orders/outgoing-message';
import { planBatches } from '../../lambdas/generate-orders/plan-batches';
import { backoffMilliseconds } from '../../lambdas/generate-orders/retry-backoff';
import type { SendMessageBatch } from '../../lambdas/generate-orders/send-orders';
import {
  SEND_SETTINGS,
  type SendSettings,
  validateSendSettings,
} from '../../lambdas/generate-orders/send-settings';

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
 * saw it), packed into SendMessageBatch calls by GenerateOrders' planner. Entries SQS reports in
 * `Failed` through no fault of the sender, or of a call that throws, are resent after a backoff,
 * up to `maxAttempts` sends in all; a `SenderFault` is reported at once.
 */
export async function resendBodies(
  bodies: readonly BodyToResend[],
  options: ResendOptions,
): Promise<ResendOutcome> {
  const settings = options.settings ?? SEND_SETTINGS;
  validateSendSettings(settings);
  const messages: OutgoingMessage[] = bodies.map(({ recordId, body }, index) => ({
    entryId: String(index),
    orderId: recordId,
    body,
    bytes: Buffer.byteLength(body, 'utf8'),
  }));
  const { batches, oversize } = planBatches(messages);
  const sent = new Map<string, string>();
  const failed = oversize.map(({ id, reason }) => ({ recordId: id, reason }));
  await forEachWithConcurrency(batches, settings.maxConcurrentBatches, async (batch) => {
    let pending = batch;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const { retry, rejected } = await attemptBatch(pending, options, sent);
      failed.push(...rejected);
      if (retry.length > 0 && attempt === settings.maxAttempts) {
        failed.push(
          ...retry.map(({ message, reason }) => ({
            recordId: message.orderId,
            reason: `${reason} (after ${attempt} attempts)`,
          })),
        );
        break;
      }
      pending = retry.map(({ message }) => message);
      if (pending.length > 0)
        await (options.sleep ?? sleepFor)(backoffMilliseconds(attempt, settings, options.random));
    }
  });
  return { sent, failed };
}

async function attemptBatch(
  batch: readonly OutgoingMessage[],
  { queueUrl, sendMessageBatch }: ResendOptions,
  sent: Map<string, string>,
): Promise<{
  retry: { message: OutgoingMessage; reason: string }[];
  rejected: { recordId: string; reason: string }[];
}> {
  const byEntryId = new Map(batch.map((message) => [message.entryId, message]));
  try {
    const response = await sendMessageBatch({
      QueueUrl: queueUrl,
      Entries: batch.map(({ entryId, body }) => ({ Id: entryId, MessageBody: body })),
    });
    for (const { Id, MessageId } of response.Successful ?? []) {
      const message = Id === undefined ? undefined : byEntryId.get(Id);
      if (message === undefined) continue;
      sent.set(message.orderId, MessageId ?? '');
      byEntryId.delete(message.entryId);
    }
    const retry: { message: OutgoingMessage; reason: string }[] = [];
    const rejected: { recordId: string; reason: string }[] = [];
    for (const { Id, Code, Message, SenderFault } of response.Failed ?? []) {
      const message = Id === undefined ? undefined : byEntryId.get(Id);
      if (message === undefined) continue;
      byEntryId.delete(message.entryId);
      const reason = `${Code ?? 'UnknownError'}: ${Message ?? 'SQS gave no message'}`;
      if (SenderFault)
        rejected.push({ recordId: message.orderId, reason: `${reason} (a sender fault, not retried)` });
      else retry.push({ message, reason });
    }
    for (const message of byEntryId.values()) {
      retry.push({ message, reason: 'SQS did not report the entry in its SendMessageBatch response' });
    }
    return { retry, rejected };
  } catch (error) {
    // Not knowing which entries SQS kept, all are resent: the consumer stores an order only once.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { retry: batch.map((message) => ({ message, reason })), rejected: [] };
  }
}
