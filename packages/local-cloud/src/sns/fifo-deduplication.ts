import { SNS_LIMITS } from './limits';

/** What a FIFO topic remembers of a deduplication id: the message that used it, until when. */
interface Remembered {
  readonly messageId: string;
  readonly sequenceNumber: string;
  readonly expiresAt: number;
}

/**
 * The deduplication window of FIFO topics: a message whose deduplication id was used on the same
 * topic within 5 minutes is accepted but not delivered again. It is kept in memory only: after a
 * restart the window starts empty (a republish is then delivered again, which at-least-once allows).
 */
export class FifoDeduplication {
  private readonly remembered = new Map<string, Remembered>();
  private sequence = 0n;

  /** The message already published with this id within the window, if any. */
  duplicateOf(topicArn: string, deduplicationId: string, now: number): Remembered | undefined {
    const key = `${topicArn}\n${deduplicationId}`;
    const found = this.remembered.get(key);
    if (found !== undefined && found.expiresAt > now) return found;
    this.remembered.delete(key);
    return undefined;
  }

  /** Remembers an accepted message's id for the window, dropping ids that have expired. */
  remember(
    topicArn: string,
    deduplicationId: string,
    messageId: string,
    sequenceNumber: string,
    now: number,
  ): void {
    if (this.remembered.size > 10_000) {
      for (const [key, entry] of this.remembered) if (entry.expiresAt <= now) this.remembered.delete(key);
    }
    this.remembered.set(`${topicArn}\n${deduplicationId}`, {
      messageId,
      sequenceNumber,
      expiresAt: now + SNS_LIMITS.deduplicationWindowMs,
    });
  }

  /** The next sequence number: 20 digits, increasing, as SNS's are large and ordered. */
  nextSequenceNumber(now: number): string {
    const floor = BigInt(now) * 1_000_000n;
    this.sequence = this.sequence >= floor ? this.sequence + 1n : floor;
    return this.sequence.toString().padStart(20, '0');
  }
}
