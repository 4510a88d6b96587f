import type { MessageAttributeValue } from '../sqs/md5';
import type { MessageRecord } from '../sqs/queue';
import type { InspectedMessage, JournalEvent } from '../sqs/queue-model';
import { BoundedMap } from './bounded-map';
import type { DeadLetterArrival, DeadLetterView, RedriveMethod } from './console-contract';

/**
 * The message attributes the dead-letter view reads for why a message was rejected: the order
 * pipeline's convention (a function that rejects a message forwards it to the dead-letter queue
 * with them), documented as the one the console understands.
 */
export const REJECTION_REASON_ATTRIBUTE = 'RejectionReason';
export const REJECTION_ERRORS_ATTRIBUTE = 'RejectionErrors';
/** The reason of a message SQS moved after maxReceiveCount receives. */
export const RETRIES_EXHAUSTED = 'RETRIES_EXHAUSTED';
/** The reason of a message sent to a dead-letter queue without a `RejectionReason`. */
export const NO_REASON_GIVEN = 'NO_REASON_GIVEN';

/** What the tracker asks of the queues: which are dead-letter queues, and their sources' limits. */
export interface DeadLetterQueues {
  /** The queues whose RedrivePolicy targets this one; empty when it is no dead-letter queue. */
  sourcesOf(queueName: string): readonly string[];
  /** The source queue's `maxReceiveCount`, if it has a redrive policy. */
  maxReceiveCountOf(queueName: string): number | undefined;
}

/** Which invocation last received a message: by its id, or by its body on a queue. */
export interface MessageReceivers {
  lastReceiverOf(messageId: string): string | undefined;
  lastReceiverOfBody(queueName: string, body: string): string | undefined;
  /** Forgets who received this body from this queue: it was sent there again, to be received anew. */
  forgetBody(queueName: string, body: string): void;
}

/** Sent letters waiting for their invocation's batch to settle, at most. */
const UNLINKED_LIMIT = 1000;

type MutableDeadLetter = { -readonly [K in keyof DeadLetterView]: DeadLetterView[K] };

function stringAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value.StringValue !== undefined) strings[name] = value.StringValue;
  }
  return strings;
}

/** `RejectionErrors` as a list: the JSON array of strings it should be, else the text itself. */
export function rejectionErrors(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // Not JSON: the text is the one error.
  }
  return [value];
}

/**
 * Keeps every message that reached a dead-letter queue (any queue that some queue's redrive policy
 * targets), from the SQS model's changes: moved there by SQS after maxReceiveCount receives, or sent
 * there (a function forwarding a rejected message). Each is linked to the invocation that last
 * received the same message id, or the same body from a source queue, and followed until it leaves
 * the queue. Every arrival and every change (linked late, off the queue, redriven) is told. It
 * keeps the latest `capacity` arrivals, bodies included.
 */
export class DeadLetterTracker {
  private readonly letters: BoundedMap<string, MutableDeadLetter>;
  /** The letters still on a queue, by queue and message id. */
  private readonly onQueue = new Map<string, MutableDeadLetter>();
  /**
   * Letters sent to a dead-letter queue, by source queue and body, until the invocation that sent
   * them settles its batch: a function forwards a rejected message while its invocation runs.
   */
  private readonly unlinked: BoundedMap<string, MutableDeadLetter>;
  private nextId = 1;

  constructor(
    private readonly queues: DeadLetterQueues,
    private readonly receivers: MessageReceivers,
    private readonly now: () => number,
    capacity: number,
    private readonly onChange: (letter: DeadLetterView) => void,
  ) {
    this.unlinked = new BoundedMap(Math.min(capacity, UNLINKED_LIMIT));
    this.letters = new BoundedMap(capacity, (_id, letter) => {
      this.onQueue.delete(onQueueKey(letter.deadLetterQueueName, letter.messageId));
    });
  }

  /** Reads one change of the SQS model; most (receives, sends to other queues) cost a lookup. */
  observe(event: JournalEvent): void {
    switch (event.t) {
      case 'put':
        // A body sent again (a redrive) is linked to the invocation that receives it next, not the last one.
        this.receivers.forgetBody(event.q, event.m.body);
        if (this.queues.sourcesOf(event.q).length > 0) this.arrive(event.q, event.m, 'sent');
        return;
      case 'move':
        if (event.m.dlqSource !== undefined) {
          this.leave(event.from, event.m.id);
          this.arrive(event.to, event.m, 'moved-after-max-receives', event.from);
        } else this.movedBack(event.from, event.to, event.m);
        return;
      case 'del':
        this.leave(event.q, event.id);
        return;
      case 'purge':
      case 'drop':
        for (const letter of this.letters.values()) {
          if (letter.deadLetterQueueName === event.name) this.leave(event.name, letter.messageId);
        }
        return;
      default:
        return;
    }
  }

  /**
   * Links the letters sent while the invocation `requestId` (started at `startedMs`) ran and had the
   * same body from their source queue: a function forwards a rejected message before its batch is
   * settled, and a message delivered again may be rejected again by a new invocation. Each letter
   * linked anew is told again, with its `requestId`.
   */
  linkReceived(queueName: string, bodies: readonly string[], requestId: string, startedMs: number): void {
    if (this.unlinked.size === 0) return;
    for (const body of bodies) {
      const key = onQueueKey(queueName, body);
      const letter = this.unlinked.get(key);
      if (letter === undefined || letter.arrivedMs < startedMs) continue;
      this.unlinked.delete(key);
      if (letter.requestId === requestId) continue;
      letter.requestId = requestId;
      letter.sourceQueueName = queueName;
      this.onChange({ ...letter });
    }
  }

  /** Every dead letter kept, oldest first. */
  all(): DeadLetterView[] {
    return [...this.letters.values()].map((letter) => ({ ...letter }));
  }

  get(id: string): DeadLetterView | undefined {
    const letter = this.letters.get(id);
    return letter === undefined ? undefined : { ...letter };
  }

  /** Records that the console sent a dead letter back to its source queue as `messageId`. */
  markRedriven(id: string, messageId: string, via: RedriveMethod = 'recorded-copy'): void {
    const letter = this.letters.get(id);
    if (letter === undefined) return;
    letter.redriven = { atMs: this.now(), messageId, via };
    this.onChange({ ...letter });
  }

  /**
   * Takes back the letters of an earlier run, marked `beforeRestart`; `stillOnQueue` tells which of
   * those that were on their queue still are (what the cloud kept, not what the console last saw).
   * New letters get ids after theirs.
   */
  restore(
    letters: readonly DeadLetterView[],
    stillOnQueue: (queueName: string, messageId: string) => boolean,
  ): void {
    for (const restored of letters) {
      const onQueue = restored.onQueue && stillOnQueue(restored.deadLetterQueueName, restored.messageId);
      const letter: MutableDeadLetter = { ...restored, onQueue, beforeRestart: true };
      this.letters.set(letter.id, letter);
      if (onQueue) this.onQueue.set(onQueueKey(letter.deadLetterQueueName, letter.messageId), letter);
      const number = Number(/^dl-(\d+)$/.exec(letter.id)?.[1] ?? 0);
      if (number >= this.nextId) this.nextId = number + 1;
    }
  }

  /**
   * Takes in the messages a dead-letter queue holds that no letter covers, marked `beforeRestart`,
   * from what the queue keeps of them: one with a `RejectionReason` was sent there, any other was
   * moved after its receives; its arrival time is when it was first sent. At most the tracker's
   * capacity, the newest. Each is told; answers how many it took in.
   */
  adopt(queueName: string, messages: readonly InspectedMessage[]): number {
    const sources = this.queues.sourcesOf(queueName);
    const sourceQueueName = sources.length === 1 ? sources[0] : undefined;
    const maxReceiveCount =
      sourceQueueName === undefined ? undefined : this.queues.maxReceiveCountOf(sourceQueueName);
    let adopted = 0;
    for (const message of messages.slice(-this.letters.capacity)) {
      if (this.onQueue.has(onQueueKey(queueName, message.messageId))) continue;
      const attributes = stringAttributes(message.messageAttributes);
      const reason = attributes[REJECTION_REASON_ATTRIBUTE];
      const letter: MutableDeadLetter = {
        id: `dl-${this.nextId++}`,
        deadLetterQueueName: queueName,
        messageId: message.messageId,
        body: message.body,
        arrivedMs: message.sentMs,
        arrival: reason === undefined ? 'moved-after-max-receives' : 'sent',
        reason: reason ?? RETRIES_EXHAUSTED,
        errors: rejectionErrors(attributes[REJECTION_ERRORS_ATTRIBUTE]),
        ...(reason === undefined ? { receiveCount: message.receiveCount } : {}),
        ...(reason === undefined && maxReceiveCount !== undefined ? { maxReceiveCount } : {}),
        messageAttributes: attributes,
        ...(sourceQueueName === undefined ? {} : { sourceQueueName }),
        onQueue: true,
        beforeRestart: true,
      };
      this.letters.set(letter.id, letter);
      this.onQueue.set(onQueueKey(queueName, message.messageId), letter);
      this.onChange({ ...letter });
      adopted++;
    }
    return adopted;
  }

  /**
   * A message moved back from a dead-letter queue by a message move task (StartMessageMoveTask,
   * from the console or any client): it keeps its id, and the invocation that receives it next is
   * the one to link a new rejection of its body to.
   */
  private movedBack(from: string, to: string, message: MessageRecord): void {
    this.receivers.forgetBody(to, message.body);
    const letter = this.onQueue.get(onQueueKey(from, message.id));
    if (letter === undefined) return;
    letter.redriven ??= { atMs: this.now(), messageId: message.id, via: 'move-task' };
    this.leave(from, message.id);
  }

  private leave(queueName: string, messageId: string): void {
    const key = onQueueKey(queueName, messageId);
    const letter = this.onQueue.get(key);
    if (letter === undefined) return;
    letter.onQueue = false;
    this.onQueue.delete(key);
    this.onChange({ ...letter });
  }

  private arrive(queueName: string, message: MessageRecord, arrival: DeadLetterArrival, from?: string): void {
    const attributes = stringAttributes(message.attrs);
    const moved = arrival === 'moved-after-max-receives';
    const { sourceQueueName, requestId } = this.linkOf(queueName, message, from);
    const maxReceiveCount =
      sourceQueueName === undefined ? undefined : this.queues.maxReceiveCountOf(sourceQueueName);
    const letter: MutableDeadLetter = {
      id: `dl-${this.nextId++}`,
      deadLetterQueueName: queueName,
      messageId: message.id,
      body: message.body,
      arrivedMs: this.now(),
      arrival,
      reason: attributes[REJECTION_REASON_ATTRIBUTE] ?? (moved ? RETRIES_EXHAUSTED : NO_REASON_GIVEN),
      errors: rejectionErrors(attributes[REJECTION_ERRORS_ATTRIBUTE]),
      ...(moved ? { receiveCount: message.rc } : {}),
      ...(moved && maxReceiveCount !== undefined ? { maxReceiveCount } : {}),
      messageAttributes: attributes,
      ...(sourceQueueName === undefined ? {} : { sourceQueueName }),
      ...(requestId === undefined ? {} : { requestId }),
      onQueue: true,
    };
    this.letters.set(letter.id, letter);
    this.onQueue.set(onQueueKey(queueName, message.id), letter);
    // Linked by body to the last settled invocation, which may not be the one that sent it: kept
    // for the invocation running now to claim when its batch settles.
    if (!moved) {
      for (const source of this.queues.sourcesOf(queueName))
        this.unlinked.set(onQueueKey(source, message.body), letter);
    }
    this.onChange({ ...letter });
  }

  /** Where a dead letter came from, and the invocation that last received it. */
  private linkOf(
    queueName: string,
    message: MessageRecord,
    from: string | undefined,
  ): { sourceQueueName?: string; requestId?: string } {
    const byId = this.receivers.lastReceiverOf(message.id);
    if (from !== undefined)
      return { sourceQueueName: from, ...(byId === undefined ? {} : { requestId: byId }) };
    const sources = this.queues.sourcesOf(queueName);
    for (const source of sources) {
      const byBody = this.receivers.lastReceiverOfBody(source, message.body);
      if (byBody !== undefined) return { sourceQueueName: source, requestId: byId ?? byBody };
    }
    return {
      ...(sources.length === 1 ? { sourceQueueName: sources[0] } : {}),
      ...(byId === undefined ? {} : { requestId: byId }),
    };
  }
}

function onQueueKey(queueName: string, messageId: string): string {
  return `${queueName}\n${messageId}`;
}
