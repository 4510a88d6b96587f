import { createHash } from 'node:crypto';
import { invalidParameter, missingParameter } from './errors';
import { type Input, readString } from './input';
import type { DeduplicationEntry, Queue, StoredMessage } from './queue';
import { SQS_LIMITS } from './sqs-limits';

/** MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId: printable ASCII characters. */
const FIFO_ID = new RegExp(`^[\\x21-\\x7e]{1,${SQS_LIMITS.maxFifoIdLength}}$`);
/** What SQS's error messages say a FIFO_ID may hold. */
const FIFO_ID_CHARACTERS = `alphanumeric and punctuation characters. 1 to ${SQS_LIMITS.maxFifoIdLength} in length.`;
const DEDUPLICATION_WINDOW_MS = SQS_LIMITS.deduplicationWindowSeconds * 1000;

/** The FIFO fields of a send, after validation: for a FIFO queue `group` and `deduplicationId` are set. */
export interface FifoSendFields {
  readonly group: string | undefined;
  readonly deduplicationId: string | undefined;
  /** The earlier send this one repeats within the deduplication window: it is not stored again. */
  readonly duplicate: DeduplicationEntry | undefined;
}

/**
 * Reads and checks MessageGroupId and MessageDeduplicationId for a send to `queue`: required group,
 * explicit or content-based (SHA-256 of the body) deduplication id and no per-message delay on FIFO
 * queues, neither id on a standard queue except the group (which SQS accepts there).
 */
export function readFifoSendFields(
  queue: Queue,
  input: Input,
  body: string,
  delay: number | undefined,
  now: number,
): FifoSendFields {
  const group = readString(input, 'MessageGroupId');
  let deduplicationId = readString(input, 'MessageDeduplicationId');
  if (group !== undefined && !FIFO_ID.test(group)) {
    throw invalidParameter('MessageGroupId', group, `MessageGroupId can only include ${FIFO_ID_CHARACTERS}`);
  }
  if (deduplicationId !== undefined && !FIFO_ID.test(deduplicationId)) {
    throw invalidParameter(
      'MessageDeduplicationId',
      deduplicationId,
      `MessageDeduplicationId can only include ${FIFO_ID_CHARACTERS}`,
    );
  }
  if (!queue.fifo) {
    if (deduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId',
        deduplicationId,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    return { group, deduplicationId, duplicate: undefined };
  }
  if (delay !== undefined) {
    throw invalidParameter(
      'DelaySeconds',
      delay,
      'The request include parameter that is not valid for this queue type.',
    );
  }
  if (group === undefined) throw missingParameter('MessageGroupId');
  if (deduplicationId === undefined) {
    if (queue.attributes.ContentBasedDeduplication !== 'true') {
      throw invalidParameter(
        'MessageDeduplicationId',
        '(none)',
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
    deduplicationId = createHash('sha256').update(body, 'utf8').digest('hex');
  }
  queue.pruneDeduplication(now);
  const duplicate = queue.deduplication.get(deduplicationKey(queue, group, deduplicationId));
  return { group, deduplicationId, duplicate };
}

/** Stamps a message stored in a FIFO queue with its deduplication id and next sequence number, and remembers the id. */
export function recordFifoSend(
  queue: Queue,
  message: StoredMessage,
  group: string,
  deduplicationId: string,
): void {
  message.dedup = deduplicationId;
  message.seq = takeSequenceNumber(queue);
  rememberDeduplication(queue, group, deduplicationId, message, message.sentAt);
}

/** Remembers a deduplication id for five minutes from `sentAt`. */
export function rememberDeduplication(
  queue: Queue,
  group: string,
  deduplicationId: string,
  message: StoredMessage,
  sentAt: number,
): void {
  queue.deduplication.set(deduplicationKey(queue, group, deduplicationId), {
    expiresAt: sentAt + DEDUPLICATION_WINDOW_MS,
    messageId: message.id,
    sequenceNumber: message.seq ?? '',
  });
}

/** The queue's next sequence number, as SQS formats it (20 digits). */
export function takeSequenceNumber(queue: Queue): string {
  const sequence = queue.nextSequence.toString().padStart(20, '0');
  queue.nextSequence += 1n;
  return sequence;
}

function deduplicationKey(queue: Queue, group: string, id: string): string {
  return queue.attributes.DeduplicationScope === 'messageGroup' ? `${group}\u0000${id}` : id;
}

/** Checks a ReceiveRequestAttemptId. */
export function assertReceiveRequestAttemptId(attemptId: string): void {
  if (!FIFO_ID.test(attemptId)) {
    throw invalidParameter('ReceiveRequestAttemptId', attemptId, `Can only include ${FIFO_ID_CHARACTERS}`);
  }
}

/**
 * The messages an earlier receive with this ReceiveRequestAttemptId took, if that receive is within
 * five minutes and none of its messages has been deleted or received again since; such a retried
 * receive gets them back with the same receipt handles.
 */
export function replayableAttempt(queue: Queue, attemptId: string, now: number): StoredMessage[] | undefined {
  queue.pruneReceiveAttempts(now);
  const attempt = queue.receiveAttempts.get(attemptId);
  if (!attempt) return undefined;
  const messages = attempt.map(({ id }) => queue.messages.get(id)).filter((message) => message !== undefined);
  const intact =
    messages.length === attempt.length &&
    messages.every((message, index) => message.st === 'inflight' && message.tok === attempt[index].token);
  if (!intact) {
    queue.receiveAttempts.delete(attemptId);
    return undefined;
  }
  return messages;
}

/** Remembers which messages (and receipt tokens) a receive attempt took, for five minutes. */
export function rememberAttempt(
  queue: Queue,
  attemptId: string,
  messageIds: readonly string[],
  now: number,
): void {
  const attempt = messageIds.map((id) => ({ id, token: queue.messages.get(id)?.tok ?? '' }));
  // Re-inserted so that both maps stay in expiry order for pruning.
  queue.receiveAttempts.delete(attemptId);
  queue.receiveAttemptExpiry.delete(attemptId);
  queue.receiveAttempts.set(attemptId, attempt);
  queue.receiveAttemptExpiry.set(attemptId, now + DEDUPLICATION_WINDOW_MS);
}
