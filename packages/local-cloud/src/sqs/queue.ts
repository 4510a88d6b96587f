import type { TimerHandle } from '../clock';
import { DeadlineHeap } from './deadline-heap';
import type { MessageAttributeValue } from './md5';
import { parseRedrivePolicy, type RedrivePolicy } from './queue-attributes';

/** Where a message is in its life: waiting out a delay, receivable, or received and invisible. */
export type MessageState = 'delayed' | 'ready' | 'inflight';

/** A message as the journal stores it; field names are short because every send writes one. */
export interface MessageRecord {
  id: string;
  body: string;
  md5: string;
  attrs?: Record<string, MessageAttributeValue>;
  md5a?: string;
  sys?: Record<string, MessageAttributeValue>;
  md5s?: string;
  /** SentTimestamp, epoch ms. */
  sentAt: number;
  sender: string;
  /** ApproximateReceiveCount. */
  rc: number;
  /** ApproximateFirstReceiveTimestamp, epoch ms, 0 before the first receive. */
  fr: number;
  /** When the latest receive happened, epoch ms: visibility may not extend 12 hours past it. */
  lr?: number;
  /** When a delayed or in-flight message becomes receivable, epoch ms. */
  at: number;
  st: MessageState;
  /** The token of the latest receipt handle: only it deletes the message. */
  tok?: string;
  group?: string;
  dedup?: string;
  seq?: string;
  /** DeadLetterQueueSourceArn, set when redrive moved the message here. */
  dlqSource?: string;
}

/** A message held by a queue: its record plus bookkeeping that is never persisted. */
export interface StoredMessage extends MessageRecord {
  /** Bumped on every state change, so that heap and ready-list entries made before it are ignored. */
  version: number;
  removed: boolean;
}

interface ReadyEntry {
  readonly message: StoredMessage;
  readonly version: number;
}

/** A deduplication record of a FIFO queue: a repeat within the window returns the first send's ids. */
export interface DeduplicationEntry {
  readonly expiresAt: number;
  readonly messageId: string;
  readonly sequenceNumber: string;
}

/** A long-poll ReceiveMessage waiting for a message. */
export interface Waiter {
  /** The receive's MaxNumberOfMessages. */
  readonly max: number;
  /** Tries to complete the receive with at most `limit` messages; false when nothing could be taken. */
  tryComplete(limit?: number): boolean;
  /** Completes the receive with no messages (queue deleted, server closing). */
  abandon(): void;
}

// Rebuild the ready list and heap once stale entries outnumber live ones by this margin.
const COMPACTION_SLACK = 1024;

/**
 * The state and mechanics of one queue: messages, their visibility, FIFO groups, deduplication and
 * the long polls waiting on it. It knows nothing of requests or protocols; the model drives it.
 */
export class Queue {
  readonly messages = new Map<string, StoredMessage>();
  readonly timed = new DeadlineHeap<StoredMessage>();
  readonly groups = new Map<string, StoredMessage[]>();
  readonly groupsInFlight = new Map<string, number>();
  readonly deduplication = new Map<string, DeduplicationEntry>();
  readonly waiters: Waiter[] = [];
  /** FIFO ReceiveRequestAttemptId → the messages (and receipt tokens) that attempt received. */
  readonly receiveAttempts = new Map<string, { id: string; token: string }[]>();
  readonly receiveAttemptExpiry = new Map<string, number>();
  readonly counts = { ready: 0, inflight: 0, delayed: 0 };
  attributes: Record<string, string>;
  tags: Record<string, string>;
  lastModified: number;
  lastPurgeAt = 0;
  nextSequence = 1n;
  wakeTimer: TimerHandle | undefined;
  wakeAt = Number.POSITIVE_INFINITY;
  /** Cached parse of the RedrivePolicy attribute. */
  redrivePolicy: RedrivePolicy | undefined;
  private readyList: ReadyEntry[] = [];
  private readyHead = 0;
  private newestSentAt = 0;
  // Messages that arrived out of SentTimestamp order (redriven ones keep their original timestamp):
  // the retention sweep cannot find them by scanning the insertion-ordered map from its start.
  private readonly lateArrivals = new Set<StoredMessage>();

  constructor(
    readonly name: string,
    readonly url: string,
    readonly arn: string,
    readonly fifo: boolean,
    readonly createdAt: number,
    attributes: Record<string, string>,
    tags: Record<string, string>,
  ) {
    this.attributes = attributes;
    this.tags = tags;
    this.lastModified = createdAt;
    this.redrivePolicy = parseRedrivePolicy(attributes.RedrivePolicy);
  }

  /** Replaces the attributes, keeping the cached redrive policy in step. */
  setAttributes(attributes: Record<string, string>, now: number): void {
    this.attributes = attributes;
    this.redrivePolicy = parseRedrivePolicy(attributes.RedrivePolicy);
    this.lastModified = now;
  }

  numberAttribute(name: string): number {
    return Number(this.attributes[name]);
  }

  /** Adds a message in the state its record says. */
  add(message: StoredMessage): void {
    this.messages.set(message.id, message);
    if (message.sentAt < this.newestSentAt) this.lateArrivals.add(message);
    else this.newestSentAt = message.sentAt;
    if (message.group !== undefined && this.fifo) {
      const group = this.groups.get(message.group);
      if (group) group.push(message);
      else this.groups.set(message.group, [message]);
    }
    this.counts[message.st]++;
    if (message.st === 'ready') this.pushReady(message);
    else {
      if (message.st === 'inflight') this.changeGroupInFlight(message, 1);
      this.timed.push(message.at, message, message.version);
    }
  }

  /** Removes a message for good (deleted, purged, expired or moved). */
  remove(message: StoredMessage): void {
    if (message.removed) return;
    message.removed = true;
    message.version++;
    this.messages.delete(message.id);
    this.lateArrivals.delete(message);
    this.counts[message.st]--;
    if (message.st === 'inflight') this.changeGroupInFlight(message, -1);
    if (message.group !== undefined && this.fifo) {
      const group = this.groups.get(message.group);
      if (group) {
        const index = group.indexOf(message);
        if (index >= 0) group.splice(index, 1);
        if (group.length === 0) this.groups.delete(message.group);
      }
    }
    this.compactIfStale();
  }

  /** Removes every message (PurgeQueue) and remembers when, for the once-a-minute rule. */
  purge(now: number): void {
    for (const message of [...this.messages.values()]) this.remove(message);
    this.lastPurgeAt = now;
  }

  /** Makes a message invisible until `until` (a receive, or a visibility change). */
  makeInFlight(message: StoredMessage, until: number): void {
    this.counts[message.st]--;
    if (message.st !== 'inflight') this.changeGroupInFlight(message, 1);
    message.st = 'inflight';
    message.at = until;
    message.version++;
    this.counts.inflight++;
    this.timed.push(until, message, message.version);
  }

  /**
   * Brings the queue up to `now`: delays and visibility timeouts that have run out make messages
   * receivable, and messages past the retention period disappear. Returns how many became receivable.
   */
  settle(now: number): number {
    let madeReady = 0;
    for (;;) {
      const top = this.timed.peek();
      if (!top || top.at > now) break;
      this.timed.pop();
      const message = top.item;
      if (message.removed || message.version !== top.version || message.st === 'ready') continue;
      this.counts[message.st]--;
      if (message.st === 'inflight') this.changeGroupInFlight(message, -1);
      message.st = 'ready';
      message.version++;
      this.counts.ready++;
      this.pushReady(message);
      madeReady++;
    }
    this.expire(now);
    return madeReady;
  }

  /** The earliest pending deadline, skipping entries made stale since they were pushed. */
  nextDeadline(): number | undefined {
    for (;;) {
      const top = this.timed.peek();
      if (!top) return undefined;
      if (!top.item.removed && top.item.version === top.version) return top.at;
      this.timed.pop();
    }
  }

  /**
   * Visits receivable messages in delivery order until `visit` has returned true `max` times. A
   * visit that returns false after moving or removing the message does not count; one that returns
   * false and leaves the message alone ends the walk. FIFO queues skip
   * groups with a message in flight and stop within a group at its first message that is not ready.
   */
  take(max: number, visit: (message: StoredMessage) => boolean): void {
    let taken = 0;
    if (!this.fifo) {
      while (taken < max && this.readyHead < this.readyList.length) {
        const entry = this.readyList[this.readyHead++];
        const message = entry.message;
        if (message.removed || message.version !== entry.version || message.st !== 'ready') continue;
        if (visit(message)) taken++;
        else if (!message.removed && message.version === entry.version) {
          // The visitor declined without consuming the message: keep it first in line and stop.
          this.readyHead--;
          break;
        }
      }
      this.compactReadyList();
      return;
    }
    // Iterating the live map is safe: a visit may only delete the current group (when its last
    // message moves away), and Map iteration skips deleted entries.
    groups: for (const [groupId, group] of this.groups) {
      if (taken >= max) break;
      if ((this.groupsInFlight.get(groupId) ?? 0) > 0) continue;
      let index = 0;
      while (taken < max && index < group.length) {
        const message = group[index];
        if (message.st !== 'ready') break;
        const version = message.version;
        if (visit(message)) taken++;
        else if (!message.removed && message.version === version) break groups;
        if (!message.removed) index++;
      }
    }
  }

  /** Drops deduplication records whose five minutes are over. */
  pruneDeduplication(now: number): void {
    for (const [key, entry] of this.deduplication) {
      if (entry.expiresAt > now) break;
      this.deduplication.delete(key);
    }
  }

  /** Forgets receive attempts older than their five-minute window. */
  pruneReceiveAttempts(now: number): void {
    for (const [attemptId, expiresAt] of this.receiveAttemptExpiry) {
      if (expiresAt > now) break;
      this.receiveAttemptExpiry.delete(attemptId);
      this.receiveAttempts.delete(attemptId);
    }
  }

  private expire(now: number): void {
    const retentionMs = this.numberAttribute('MessageRetentionPeriod') * 1000;
    const cutoff = now - retentionMs;
    for (const message of this.messages.values()) {
      if (message.sentAt > cutoff) break;
      this.remove(message);
    }
    for (const message of this.lateArrivals) {
      if (message.sentAt <= cutoff) this.remove(message);
    }
  }

  private pushReady(message: StoredMessage): void {
    if (!this.fifo) this.readyList.push({ message, version: message.version });
  }

  private changeGroupInFlight(message: StoredMessage, delta: number): void {
    if (message.group === undefined || !this.fifo) return;
    const next = (this.groupsInFlight.get(message.group) ?? 0) + delta;
    if (next <= 0) this.groupsInFlight.delete(message.group);
    else this.groupsInFlight.set(message.group, next);
  }

  private compactReadyList(): void {
    if (this.readyHead > COMPACTION_SLACK && this.readyHead * 2 > this.readyList.length) {
      this.readyList = this.readyList.slice(this.readyHead);
      this.readyHead = 0;
    }
  }

  private compactIfStale(): void {
    const live = this.counts.inflight + this.counts.delayed;
    if (this.timed.size > 2 * live + COMPACTION_SLACK) {
      this.timed.compact((entry) => !entry.item.removed && entry.item.version === entry.version);
    }
    if (this.readyList.length - this.readyHead > 2 * this.counts.ready + COMPACTION_SLACK) {
      this.readyList = this.readyList
        .slice(this.readyHead)
        .filter((entry) => !entry.message.removed && entry.message.version === entry.version);
      this.readyHead = 0;
    }
  }
}
