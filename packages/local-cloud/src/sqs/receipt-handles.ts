import { randomBytes } from 'node:crypto';
import { SqsError } from './errors';
import type { Queue, StoredMessage } from './queue';

/**
 * Receipt handles encode queue, message id and a per-receive token, so that a handle names its
 * message without a lookup table and only the latest receive's handle deletes it.
 */
export function encodeReceiptHandle(queueName: string, messageId: string, token: string): string {
  return Buffer.from(`${queueName}\n${messageId}\n${token}`, 'utf8').toString('base64');
}

/** The message id and token a handle of `queueName` carries; ReceiptHandleIsInvalid for anything else. */
export function decodeReceiptHandle(queueName: string, handle: string): { messageId: string; token: string } {
  const parts = Buffer.from(handle, 'base64').toString('utf8').split('\n');
  if (parts.length !== 3 || parts[0] !== queueName || parts[2] === '') {
    throw new SqsError(
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${handle}" is not a valid receipt handle.`,
    );
  }
  return { messageId: parts[1], token: parts[2] };
}

/**
 * Receipt tokens only need to be unique: a random prefix per model (so tokens differ across
 * restarts) and a counter avoid one getrandom call per received message.
 */
export class ReceiptTokens {
  private readonly prefix = randomBytes(6).toString('base64');
  private counter = 0;

  next(): string {
    this.counter++;
    return `${this.prefix}${this.counter.toString(36)}`;
  }
}

/** The message a receipt handle of `queue` names, if it still exists, and the handle's token. */
export function findByReceiptHandle(
  queue: Queue,
  handle: string,
): { message: StoredMessage | undefined; token: string } {
  const { messageId, token } = decodeReceiptHandle(queue.name, handle);
  return { message: queue.messages.get(messageId), token };
}
