import type { MessageRecord, Queue, StoredMessage } from './queue';

/** One change to the model's state, in the order the journal replays them. */
export type JournalEvent =
  | {
      t: 'queue';
      name: string;
      attrs: Record<string, string>;
      tags: Record<string, string>;
      created: number;
      modified: number;
      purged?: number;
      seq?: string;
    }
  | { t: 'drop'; name: string }
  | { t: 'purge'; name: string; at: number }
  | { t: 'put'; q: string; m: MessageRecord }
  | { t: 'del'; q: string; id: string }
  | { t: 'vis'; q: string; id: string; rc: number; fr: number; lr?: number; at: number; tok?: string }
  | { t: 'move'; from: string; to: string; m: MessageRecord };

/** Where the model reports each change; the journal implements it to make the state durable. */
export interface JournalSink {
  append(event: JournalEvent): void;
}

/** The persisted part of a stored message: without the bookkeeping that only lives in memory. */
export function toRecord(message: StoredMessage): MessageRecord {
  const { version: _version, removed: _removed, ...record } = message;
  return record;
}

/** The event that records a queue as it is now: attributes, tags, timestamps and FIFO sequence. */
export function queueEvent(queue: Queue): JournalEvent {
  return {
    t: 'queue',
    name: queue.name,
    attrs: queue.attributes,
    tags: queue.tags,
    created: queue.createdAt,
    modified: queue.lastModified,
    purged: queue.lastPurgeAt || undefined,
    seq: queue.fifo ? queue.nextSequence.toString() : undefined,
  };
}
