import { rememberDeduplication } from './fifo';
import { type JournalEvent, queueEvent, toRecord } from './journal-events';
import type { MessageRecord, Queue, StoredMessage } from './queue';
import type { SqsState } from './sqs-state';

type EventOf<Type extends JournalEvent['t']> = Extract<JournalEvent, { t: Type }>;

/**
 * Applies one journal event while replaying, without journaling it again. An event about a queue or
 * message that no longer exists is skipped: a later event of the same journal removed it.
 */
export function restoreEvent(state: SqsState, event: JournalEvent): void {
  switch (event.t) {
    case 'queue':
      restoreQueue(state, event);
      return;
    case 'drop': {
      const queue = state.queues.get(event.name);
      if (queue) state.dropQueue(queue);
      return;
    }
    case 'purge':
      state.queues.get(event.name)?.purge(event.at);
      return;
    case 'put': {
      const queue = state.queues.get(event.q);
      if (queue) restoreMessage(queue, event.m);
      return;
    }
    case 'del': {
      const queue = state.queues.get(event.q);
      const message = queue?.messages.get(event.id);
      if (queue && message) queue.remove(message);
      return;
    }
    case 'vis':
      restoreVisibility(state, event);
      return;
    case 'move':
      restoreMove(state, event);
      return;
  }
}

/** The events that rebuild the current state from nothing: the journal's compacted form. */
export function* snapshotEvents(state: SqsState): Generator<JournalEvent> {
  for (const queue of state.queues.values()) {
    yield queueEvent(queue);
    for (const message of queue.messages.values()) yield { t: 'put', q: queue.name, m: toRecord(message) };
  }
}

function restoreQueue(state: SqsState, event: EventOf<'queue'>): void {
  const queue =
    state.queues.get(event.name) ?? state.queues.add(event.name, event.attrs, event.tags, event.created);
  queue.setAttributes(event.attrs, event.modified);
  queue.tags = event.tags;
  if (event.purged !== undefined) queue.lastPurgeAt = event.purged;
  if (event.seq !== undefined) queue.nextSequence = BigInt(event.seq);
}

function restoreVisibility(state: SqsState, event: EventOf<'vis'>): void {
  const queue = state.queues.get(event.q);
  const message = queue?.messages.get(event.id);
  if (!queue || !message) return;
  message.rc = event.rc;
  message.fr = event.fr;
  message.lr = event.lr;
  message.tok = event.tok;
  queue.makeInFlight(message, event.at);
}

function restoreMove(state: SqsState, event: EventOf<'move'>): void {
  const from = state.queues.get(event.from);
  const message = from?.messages.get(event.m.id);
  if (from && message) from.remove(message);
  const to = state.queues.get(event.to);
  if (to) restoreMessage(to, event.m);
}

/** Adds a journaled message, once, with the FIFO sequence and deduplication state it implies. */
function restoreMessage(queue: Queue, record: MessageRecord): void {
  if (queue.messages.has(record.id)) return;
  const message: StoredMessage = { ...record, version: 0, removed: false };
  queue.add(message);
  if (record.seq !== undefined && BigInt(record.seq) >= queue.nextSequence) {
    queue.nextSequence = BigInt(record.seq) + 1n;
  }
  if (queue.fifo && record.dedup !== undefined && record.seq !== undefined) {
    rememberDeduplication(queue, record.group ?? '', record.dedup, message, record.sentAt);
  }
}
