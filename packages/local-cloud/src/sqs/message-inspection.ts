import type { MessageAttributeValue } from './md5';
import type { Queue, StoredMessage } from './queue';
import type { SqsState } from './sqs-state';

/** A message as a look at the queue shows it, without receiving it. */
export interface InspectedMessage {
  readonly messageId: string;
  readonly body: string;
  /** `visible` once a delay or visibility timeout has run out, even before the queue notices. */
  readonly state: 'visible' | 'in-flight' | 'delayed';
  /** ApproximateReceiveCount. */
  readonly receiveCount: number;
  /** SentTimestamp, epoch ms. */
  readonly sentMs: number;
  readonly messageAttributes: Readonly<Record<string, MessageAttributeValue>>;
}

function stateOf(message: StoredMessage, now: number): InspectedMessage['state'] {
  if (message.st === 'ready' || message.at <= now) return 'visible';
  return message.st === 'inflight' ? 'in-flight' : 'delayed';
}

/**
 * Up to `limit` of a queue's messages, oldest first, as they are: unlike ReceiveMessage it changes
 * neither their visibility nor their receive count, and it does not settle the queue's deadlines
 * (the state it reports accounts for those that ran out).
 */
export function peekMessages(state: SqsState, queue: Queue, limit: number): InspectedMessage[] {
  const now = state.clock.now();
  const retentionCutoff = now - queue.numberAttribute('MessageRetentionPeriod') * 1000;
  const found: InspectedMessage[] = [];
  for (const message of queue.messages.values()) {
    if (found.length >= limit) break;
    if (message.sentAt <= retentionCutoff) continue;
    found.push({
      messageId: message.id,
      body: message.body,
      state: stateOf(message, now),
      receiveCount: message.rc,
      sentMs: message.sentAt,
      messageAttributes: message.attrs ?? {},
    });
  }
  return found;
}

/**
 * Deletes a message by its id, whoever holds it: the console's way to take a redriven dead letter
 * off its queue, where it has no receipt handle. Journaled as a DeleteMessage is. Answers whether
 * the message was there.
 */
export function removeMessageById(state: SqsState, queue: Queue, messageId: string): boolean {
  const message = queue.messages.get(messageId);
  if (message === undefined) return false;
  queue.remove(message);
  state.record({ t: 'del', q: queue.name, id: messageId });
  return true;
}
