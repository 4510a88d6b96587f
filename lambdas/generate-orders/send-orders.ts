import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequest,
  type SendMessageBatchResult,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { forEachWithConcurrency } from './bounded-concurrency';
import { encodeOrders, type OutgoingMessage } from './outgoing-message';
import { planBatches } from './plan-batches';
import { backoffMilliseconds } from './retry-backoff';
import { SEND_SETTINGS, type SendSettings, validateSendSettings } from './send-settings';
import type { FailedOrder, SendSummary } from './send-summary';

/** The one SQS operation the sender needs, so tests can stand in for SQS with a plain function. */
export type SendMessageBatch = (request: SendMessageBatchRequest) => Promise<SendMessageBatchResult>;

/** What the sender logs through; Powertools' `Logger` fits. */
export type SendLogger = Pick<Logger, 'warn'>;

/** Where and how {@link sendOrders} sends. */
export interface SendOrdersOptions {
  /** URL of the queue the orders go to. */
  readonly queueUrl: string;
  /** The SendMessageBatch call, usually {@link sqsSendMessageBatch}. */
  readonly sendMessageBatch: SendMessageBatch;
  /** @default SEND_SETTINGS */
  readonly settings?: SendSettings;
  /** Waits between attempts; tests pass one that returns at once. @default - a real timer */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  /** Source of the backoff jitter, numbers in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Told about each retry. @default - nothing is logged */
  readonly logger?: SendLogger;
  /**
   * How many milliseconds the invocation has left; the handler passes the Lambda context's
   * `getRemainingTimeInMillis`. @default - no time limit
   */
  readonly remainingMilliseconds?: () => number;
}

/** Adapts an `SQSClient` to the {@link SendMessageBatch} port. */
export function sqsSendMessageBatch(client: SQSClient): SendMessageBatch {
  return (request) => client.send(new SendMessageBatchCommand(request));
}

/**
 * Sends every order to the queue as one message (its JSON), in SendMessageBatch calls of at most
 * 10 entries and 1 MiB, `maxConcurrentBatches` calls at a time.
 *
 * An entry SQS reports in `Failed` through no fault of the sender, and every entry of a call that
 * throws, is sent again after a backoff, up to `maxAttempts` sends in all. An entry failed as a
 * `SenderFault` would fail again, so it is reported at once. No call starts once less than
 * `timeReserveMilliseconds` of the invocation is left. Every order ends up either queued or in
 * `failed` with a reason.
 *
 * @throws RangeError when `settings` are unusable (see {@link validateSendSettings}).
 */
export async function sendOrders(
  orders: readonly unknown[],
  options: SendOrdersOptions,
): Promise<SendSummary> {
  validateSendSettings(options.settings ?? SEND_SETTINGS);
  const { messages, unsendable } = encodeOrders(orders);
  const { queued, failed } = await sendMessages(messages, options);
  return { queued, failed: [...unsendable, ...failed] };
}

/** What {@link sendMessages} did: the summary, and the id SQS gave each message it took. */
export interface SentMessages extends SendSummary {
  /** `OutgoingMessage.orderId` → the `MessageId` SQS answered with. */
  readonly messageIds: ReadonlyMap<string, string>;
}

/**
 * Sends messages whose bodies are ready (never re-encoded) the way {@link sendOrders} sends orders:
 * SendMessageBatch calls planned by {@link planBatches}, `maxConcurrentBatches` in flight, `Failed`
 * entries that are no sender fault and calls that throw resent after a backoff, up to `maxAttempts`.
 * `npm run redrive` resends dead-lettered bodies with it, exactly as they were.
 */
export async function sendMessages(
  messages: readonly OutgoingMessage[],
  options: SendOrdersOptions,
): Promise<SentMessages> {
  const settings = options.settings ?? SEND_SETTINGS;
  validateSendSettings(settings);
  const { batches, oversize } = planBatches(messages);
  let queued = 0;
  const failed: FailedOrder[] = [...oversize];
  const messageIds = new Map<string, string>();
  await forEachWithConcurrency(batches, settings.maxConcurrentBatches, async (batch) => {
    const outcome = await sendBatch(batch, settings, options, messageIds);
    queued += outcome.queued;
    failed.push(...outcome.failed);
  });
  return { queued, failed, messageIds };
}

/** A message still to be sent, with why its last send failed if it was sent before. */
interface PendingMessage {
  readonly message: OutgoingMessage;
  readonly lastFailure?: string;
}

/** What one SendMessageBatch call did with its entries. */
interface AttemptOutcome {
  readonly queued: number;
  readonly rejected: FailedOrder[];
  readonly retryable: Required<PendingMessage>[];
}

async function sendBatch(
  batch: readonly OutgoingMessage[],
  settings: SendSettings,
  options: SendOrdersOptions,
  messageIds: Map<string, string>,
): Promise<SendSummary> {
  const {
    sleep = (milliseconds) => sleepFor(milliseconds),
    random = Math.random,
    logger,
    remainingMilliseconds = () => Number.POSITIVE_INFINITY,
  } = options;
  let pending: PendingMessage[] = batch.map((message) => ({ message }));
  let queued = 0;
  const failed: FailedOrder[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const timeLeft = remainingMilliseconds();
    if (timeLeft < settings.timeReserveMilliseconds) {
      failed.push(...pending.map((entry) => outOfTime(entry, timeLeft, settings)));
      break;
    }
    const outcome = await attemptSend(
      pending.map(({ message }) => message),
      options,
      messageIds,
    );
    queued += outcome.queued;
    failed.push(...outcome.rejected);
    if (outcome.retryable.length === 0) break;
    if (attempt === settings.maxAttempts) {
      failed.push(
        ...outcome.retryable.map(({ message, lastFailure }) => ({
          id: message.orderId,
          reason: `${lastFailure} (still failing after ${attempt} attempts)`,
        })),
      );
      break;
    }
    const delay = backoffMilliseconds(attempt, settings, random);
    logger?.warn('resending batch entries after a failed attempt', {
      attempt,
      retryingEntries: outcome.retryable.length,
      reason: outcome.retryable[0].lastFailure,
      delayMilliseconds: delay,
    });
    await sleep(delay);
    pending = outcome.retryable;
  }
  return { queued, failed };
}

function outOfTime(
  { message, lastFailure }: PendingMessage,
  timeLeft: number,
  settings: SendSettings,
): FailedOrder {
  const why =
    `only ${Math.max(0, Math.floor(timeLeft))} ms of the invocation left, ` +
    `under the ${settings.timeReserveMilliseconds} ms kept to report`;
  return {
    id: message.orderId,
    reason: lastFailure === undefined ? `not sent: ${why}` : `${lastFailure} (not retried: ${why})`,
  };
}

async function attemptSend(
  messages: readonly OutgoingMessage[],
  options: Pick<SendOrdersOptions, 'queueUrl' | 'sendMessageBatch'>,
  messageIds: Map<string, string>,
): Promise<AttemptOutcome> {
  let response: SendMessageBatchResult;
  try {
    response = await options.sendMessageBatch({
      QueueUrl: options.queueUrl,
      Entries: messages.map((message) => ({ Id: message.entryId, MessageBody: message.body })),
    });
  } catch (error) {
    // The SDK has already retried throttling and network errors; a throw leaves us not knowing
    // which entries SQS kept, so all are resent: the consumer stores an orderId only once.
    const lastFailure = describeError(error);
    return { queued: 0, rejected: [], retryable: messages.map((message) => ({ message, lastFailure })) };
  }
  const unanswered = new Map(messages.map((message) => [message.entryId, message]));
  let queued = 0;
  for (const entry of response.Successful ?? []) {
    const message = entry.Id === undefined ? undefined : unanswered.get(entry.Id);
    if (message === undefined) continue;
    unanswered.delete(message.entryId);
    messageIds.set(message.orderId, entry.MessageId ?? '');
    queued += 1;
  }
  const rejected: FailedOrder[] = [];
  const retryable: Required<PendingMessage>[] = [];
  for (const entry of response.Failed ?? []) {
    const message = entry.Id === undefined ? undefined : unanswered.get(entry.Id);
    if (message === undefined) continue;
    unanswered.delete(message.entryId);
    const reason = `${entry.Code ?? 'UnknownError'}: ${entry.Message ?? 'SQS gave no message'}`;
    if (entry.SenderFault) {
      rejected.push({ id: message.orderId, reason: `${reason} (a sender fault, not retried)` });
    } else {
      retryable.push({ message, lastFailure: reason });
    }
  }
  for (const message of unanswered.values()) {
    retryable.push({ message, lastFailure: 'SQS did not report the entry in its SendMessageBatch response' });
  }
  return { queued, rejected, retryable };
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : `SendMessageBatch failed: ${String(error)}`;
}
