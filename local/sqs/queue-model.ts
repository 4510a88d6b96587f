import { createHash, randomBytes, randomUUID } from 'node:crypto';

import { SQS_LIMITS } from '../../shared/sqs-limits';
import { type Clock, systemClock } from './clock';
import { invalidParameter, missingParameter, queueDoesNotExist, SqsError } from './errors';
import {
  type Input,
  readInteger,
  readObjectList,
  readObjectMap,
  readString,
  readStringList,
  readStringMap,
  requireString,
} from './input';
import { type MessageAttributeValue, md5OfBody, md5OfMessageAttributes } from './md5';
import {
  assertAllowedCharacters,
  assertBatchEntries,
  messageSize,
  parseMessageAttributes,
  parseSystemAttributes,
} from './message-validation';
import { type MoveTask, MoveTasks } from './move-tasks';
import { type MessageRecord, Queue, type StoredMessage } from './queue';
import {
  initialQueueAttributes,
  isKnownAttributeName,
  normaliseQueueAttributes,
  parseRedrivePolicy,
} from './queue-attributes';

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

/** Options of {@link SqsModel}. */
export interface SqsModelOptions {
  /** Time source for every deadline. @default systemClock */
  readonly clock?: Clock;
  /** The account in queue URLs and ARNs. @default '000000000000' */
  readonly accountId?: string;
  /** The region in ARNs. @default 'us-east-1' */
  readonly region?: string;
  /** Base URL of queue URLs, e.g. `http://127.0.0.1:9324`. @default 'http://127.0.0.1:9324' */
  readonly endpoint?: string;
  /** Receives every state change. @default - nothing is persisted */
  readonly journal?: JournalSink;
}

/** Who is calling and whether they are still there; the protocols fill it from the request. */
export interface RequestContext {
  /** Reported as the message's SenderId. @default the model's default sender */
  readonly senderId?: string;
  /** Aborted when the client goes away, which ends a long poll without taking messages. */
  readonly signal?: AbortSignal;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;
const FIFO_ID = /^[\x21-\x7e]{1,128}$/;
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
const PURGE_WINDOW_MS = 60 * 1000;
// A message stays invisible at most 12 hours after the receive that hid it.
const MAX_VISIBILITY_MS = 12 * 60 * 60 * 1000;
const DEFAULT_SENDER_ID = 'AIDAIENQZJOLO23YVJ4VO';

const SYSTEM_ATTRIBUTE_NAMES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

/** A message as ReceiveMessage returns it. */
export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: Record<string, string>;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
}

/** The result of a send, as SendMessage returns it and as each SendMessageBatch success carries it. */
export interface SendResult {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

/** A failed entry of a batch request. */
export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

interface ReceiveRequest {
  readonly max: number;
  readonly visibilityTimeout: number;
  readonly attributeNames: ReadonlySet<string>;
  readonly messageAttributeNames: readonly string[];
}

function formatSequence(value: bigint): string {
  return value.toString().padStart(20, '0');
}

function encodeReceiptHandle(queue: string, message: StoredMessage, token: string): string {
  return Buffer.from(`${queue}\n${message.id}\n${token}`, 'utf8').toString('base64');
}

function invalidReceiptHandle(handle: string): SqsError {
  return new SqsError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
  );
}

/**
 * The SQS service without its wire protocols: queues, messages, visibility, redrive, FIFO and move
 * tasks. Operations take requests in the AWS JSON 1.0 shape and return results in that shape; the
 * protocol adapters only translate. All time comes from the injected clock.
 *
 * @example
 * const model = new SqsModel({ clock: new ManualClock() });
 * const { QueueUrl } = model.createQueue({ QueueName: 'orders' });
 * model.sendMessage({ QueueUrl, MessageBody: 'hello' }, {});
 */
export class SqsModel {
  readonly clock: Clock;
  readonly accountId: string;
  readonly region: string;
  /** Base URL of queue URLs; the server sets it once it knows its port. */
  endpoint: string;
  private readonly journal: JournalSink | undefined;
  private readonly queues = new Map<string, Queue>();
  private readonly queuesByUrl = new Map<string, Queue>();
  private readonly moveTasks: MoveTasks;
  private closed = false;
  // Receipt tokens only need to be unique: a random prefix per model (so tokens differ across
  // restarts) and a counter avoid one getrandom call per received message.
  private readonly tokenPrefix = randomBytes(6).toString('base64');
  private tokenCounter = 0;

  constructor(options: SqsModelOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.accountId = options.accountId ?? '000000000000';
    this.region = options.region ?? 'us-east-1';
    this.endpoint = options.endpoint ?? 'http://127.0.0.1:9324';
    this.journal = options.journal;
    this.moveTasks = new MoveTasks(this.clock, {
      findQueueByArn: (arn) => this.findQueueByArn(arn),
      moveMessage: (message, from, to) => this.moveMessage(message, from, to, 'redrive-back'),
    });
  }

  // ---- queues ----

  /** CreateQueue: idempotent for identical attributes, QueueNameExists (QueueAlreadyExists) otherwise. */
  createQueue(input: Input): { QueueUrl: string } {
    const name = requireString(input, 'QueueName');
    const given = readStringMap(input, 'Attributes');
    const fifo = given.FifoQueue === 'true' || (given.FifoQueue === undefined && name.endsWith('.fifo'));
    if (fifo ? !FIFO_QUEUE_NAME.test(name) : !QUEUE_NAME.test(name)) {
      throw invalidParameter(
        'QueueName',
        name,
        fifo
          ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
          : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length.',
      );
    }
    if (fifo && given.FifoQueue === undefined) {
      throw invalidParameter(
        'QueueName',
        name,
        'A queue named *.fifo must set the attribute FifoQueue to true.',
      );
    }
    const attributes = normaliseQueueAttributes(given, fifo, true);
    this.assertRedriveTarget(attributes.RedrivePolicy, fifo, this.arnOf(name));
    const existing = this.queues.get(name);
    if (existing) {
      for (const [key, value] of Object.entries(attributes)) {
        // A standard queue stores no FifoQueue attribute; asking for 'false' again is not a change.
        const current = existing.attributes[key] ?? (key === 'FifoQueue' ? 'false' : '');
        if (current !== value) {
          throw new SqsError(
            'QueueNameExists',
            `A queue already exists with the same name and a different value for attribute ${key}`,
          );
        }
      }
      return { QueueUrl: existing.url };
    }
    const now = this.clock.now();
    const queue = this.addQueue(
      name,
      initialQueueAttributes(attributes, fifo),
      readStringMap(input, 'tags'),
      now,
    );
    this.recordQueue(queue);
    return { QueueUrl: queue.url };
  }

  /** GetQueueUrl. */
  getQueueUrl(input: Input): { QueueUrl: string } {
    const name = requireString(input, 'QueueName');
    const owner = readString(input, 'QueueOwnerAWSAccountId');
    const queue = this.queues.get(name);
    if (!queue || (owner !== undefined && owner !== this.accountId)) throw queueDoesNotExist();
    return { QueueUrl: queue.url };
  }

  /** ListQueues, with QueueNamePrefix and MaxResults/NextToken paging. */
  listQueues(input: Input): { QueueUrls?: string[]; NextToken?: string } {
    const prefix = readString(input, 'QueueNamePrefix') ?? '';
    const maxResults = readInteger(input, 'MaxResults', 1, 1000);
    const token = readString(input, 'NextToken');
    let after = '';
    if (token !== undefined) {
      after = Buffer.from(token, 'base64').toString('utf8');
      if (maxResults === undefined) throw invalidParameter('NextToken', token, 'NextToken needs MaxResults.');
    }
    const names = [...this.queues.keys()].filter((name) => name.startsWith(prefix) && name > after).sort();
    const limit = maxResults ?? 1000;
    const page = names.slice(0, limit);
    const result: { QueueUrls?: string[]; NextToken?: string } = {};
    if (page.length > 0) result.QueueUrls = page.map((name) => this.queues.get(name)?.url ?? '');
    if (maxResults !== undefined && names.length > limit) {
      result.NextToken = Buffer.from(page[page.length - 1], 'utf8').toString('base64');
    }
    return result;
  }

  /** DeleteQueue: its messages go with it and its long polls return empty. */
  deleteQueue(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    this.dropQueue(queue);
    this.journal?.append({ t: 'drop', name: queue.name });
    return {};
  }

  /** PurgeQueue: deletes every message; a second purge within 60 s fails with PurgeQueueInProgress. */
  purgeQueue(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    const now = this.clock.now();
    if (queue.lastPurgeAt > 0 && now - queue.lastPurgeAt < PURGE_WINDOW_MS) {
      throw new SqsError(
        'PurgeQueueInProgress',
        `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
      );
    }
    this.purge(queue, now);
    this.journal?.append({ t: 'purge', name: queue.name, at: now });
    return {};
  }

  /** GetQueueAttributes, by name or `All`, with exact message counts. */
  getQueueAttributes(input: Input): { Attributes?: Record<string, string> } {
    const queue = this.resolveQueue(input);
    const names = readStringList(input, 'AttributeNames');
    for (const name of names) {
      if (name !== 'All' && !isKnownAttributeName(name)) {
        throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
      }
    }
    if (names.length === 0) return {};
    queue.settle(this.clock.now());
    const all: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(queue.counts.ready),
      ApproximateNumberOfMessagesNotVisible: String(queue.counts.inflight),
      ApproximateNumberOfMessagesDelayed: String(queue.counts.delayed),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.lastModified / 1000)),
      ...queue.attributes,
    };
    if (names.includes('All')) return { Attributes: all };
    const selected: Record<string, string> = {};
    for (const name of names) {
      if (all[name] !== undefined) selected[name] = all[name];
    }
    return { Attributes: selected };
  }

  /** SetQueueAttributes; an empty RedrivePolicy or RedriveAllowPolicy removes it. */
  setQueueAttributes(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    const given = readStringMap(input, 'Attributes');
    const attributes = normaliseQueueAttributes(given, queue.fifo, false);
    this.assertRedriveTarget(attributes.RedrivePolicy, queue.fifo, queue.arn);
    const next = { ...queue.attributes, ...attributes };
    for (const name of ['RedrivePolicy', 'RedriveAllowPolicy', 'Policy', 'KmsMasterKeyId']) {
      if (next[name] === '') delete next[name];
    }
    queue.setAttributes(next, this.clock.now());
    this.recordQueue(queue);
    return {};
  }

  /** ListDeadLetterSourceQueues: the queues whose RedrivePolicy targets this one. */
  listDeadLetterSourceQueues(input: Input): { queueUrls: string[]; NextToken?: string } {
    const queue = this.resolveQueue(input);
    const queueUrls = [...this.queues.values()]
      .filter((source) => source.redrivePolicy?.deadLetterTargetArn === queue.arn)
      .map((source) => source.url)
      .sort();
    return { queueUrls };
  }

  /** TagQueue. */
  tagQueue(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    queue.tags = { ...queue.tags, ...readStringMap(input, 'Tags') };
    this.recordQueue(queue);
    return {};
  }

  /** UntagQueue. */
  untagQueue(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    const tags = { ...queue.tags };
    for (const key of readStringList(input, 'TagKeys')) delete tags[key];
    queue.tags = tags;
    this.recordQueue(queue);
    return {};
  }

  /** ListQueueTags. */
  listQueueTags(input: Input): { Tags?: Record<string, string> } {
    const queue = this.resolveQueue(input);
    return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
  }

  // ---- messages ----

  /** SendMessage. */
  sendMessage(input: Input, context: RequestContext = {}): SendResult {
    const queue = this.resolveQueue(input);
    const result = this.send(queue, input, context);
    this.wake(queue);
    return result;
  }

  /** SendMessageBatch: batch-wide rules fail the request, everything else fails only its entry. */
  sendMessageBatch(
    input: Input,
    context: RequestContext = {},
  ): { Successful: (SendResult & { Id: string })[]; Failed: BatchFailure[] } {
    const queue = this.resolveQueue(input);
    const entries = readObjectList(input, 'Entries');
    assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries);
    const total = entries.reduce((sum, entry) => sum + messageSize(entry), 0);
    if (total > SQS_LIMITS.maxMessageBytes) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${SQS_LIMITS.maxMessageBytes} bytes. You have sent ${total} bytes.`,
      );
    }
    const result = this.forEachEntry(entries, (entry) => this.send(queue, entry, context));
    this.wake(queue);
    return result;
  }

  /**
   * ReceiveMessage. Returns at once when messages are available or WaitTimeSeconds is 0; otherwise
   * the promise settles the moment a message becomes receivable, or empty when the wait runs out.
   */
  receiveMessage(
    input: Input,
    context: RequestContext = {},
  ): { Messages?: ReceivedMessage[] } | Promise<{ Messages?: ReceivedMessage[] }> {
    const queue = this.resolveQueue(input);
    const max = readInteger(input, 'MaxNumberOfMessages', 1, SQS_LIMITS.maxReceiveMessages) ?? 1;
    const visibilityTimeout =
      readInteger(input, 'VisibilityTimeout', 0, 43_200) ?? queue.numberAttribute('VisibilityTimeout');
    const waitSeconds =
      readInteger(input, 'WaitTimeSeconds', 0, 20) ?? queue.numberAttribute('ReceiveMessageWaitTimeSeconds');
    const request: ReceiveRequest = {
      max,
      visibilityTimeout,
      attributeNames: new Set([
        ...readStringList(input, 'AttributeNames'),
        ...readStringList(input, 'MessageSystemAttributeNames'),
      ]),
      messageAttributeNames: readStringList(input, 'MessageAttributeNames'),
    };
    const attemptId = queue.fifo ? readString(input, 'ReceiveRequestAttemptId') : undefined;
    if (attemptId !== undefined && !FIFO_ID.test(attemptId)) {
      throw invalidParameter(
        'ReceiveRequestAttemptId',
        attemptId,
        'Can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      );
    }
    if (attemptId !== undefined) {
      const replayed = this.replayAttempt(queue, attemptId, request);
      if (replayed) return { Messages: replayed };
    }
    const remember = (messages: ReceivedMessage[]): void => {
      if (attemptId !== undefined && messages.length > 0) this.rememberAttempt(queue, attemptId, messages);
    };
    const messages = this.collect(queue, request);
    remember(messages);
    if (messages.length > 0 || waitSeconds === 0 || this.closed)
      return messages.length > 0 ? { Messages: messages } : {};
    const waiting = this.waitForMessages(queue, request, waitSeconds * 1000, context.signal);
    // Chaining costs a turn of the microtask queue on every long poll, so only when it is needed.
    if (attemptId === undefined) return waiting;
    return waiting.then((result) => {
      remember(result.Messages ?? []);
      return result;
    });
  }

  /** DeleteMessage. A receipt handle older than the latest receive succeeds without deleting. */
  deleteMessage(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    this.deleteByHandle(queue, requireString(input, 'ReceiptHandle'));
    return {};
  }

  /** DeleteMessageBatch. */
  deleteMessageBatch(input: Input): { Successful: { Id: string }[]; Failed: BatchFailure[] } {
    const queue = this.resolveQueue(input);
    const entries = readObjectList(input, 'Entries');
    assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries);
    return this.forEachEntry(entries, (entry) => {
      this.deleteByHandle(queue, requireString(entry, 'ReceiptHandle'));
      return {};
    });
  }

  /** ChangeMessageVisibility: the new timeout counts from now; 0 makes the message receivable. */
  changeMessageVisibility(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    this.changeVisibility(queue, input);
    this.wake(queue);
    return {};
  }

  /** ChangeMessageVisibilityBatch. */
  changeMessageVisibilityBatch(input: Input): { Successful: { Id: string }[]; Failed: BatchFailure[] } {
    const queue = this.resolveQueue(input);
    const entries = readObjectList(input, 'Entries');
    assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries);
    const result = this.forEachEntry(entries, (entry) => {
      this.changeVisibility(queue, entry);
      return {};
    });
    this.wake(queue);
    return result;
  }

  // ---- move tasks ----

  /** StartMessageMoveTask: moves a dead-letter queue's messages to their sources (or DestinationArn). */
  startMessageMoveTask(input: Input): { TaskHandle: string } {
    const sourceArn = requireString(input, 'SourceArn');
    const source = this.findQueueByArn(sourceArn);
    if (!source)
      throw new SqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    const isDeadLetterQueue = [...this.queues.values()].some(
      (queue) => queue.redrivePolicy?.deadLetterTargetArn === sourceArn,
    );
    if (!isDeadLetterQueue) {
      throw invalidParameter(
        'SourceArn',
        sourceArn,
        'Source queue must be configured as a Dead Letter Queue.',
      );
    }
    const destinationArn = readString(input, 'DestinationArn');
    if (destinationArn !== undefined && !this.findQueueByArn(destinationArn)) {
      throw new SqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
      );
    }
    const rate = readInteger(input, 'MaxNumberOfMessagesPerSecond', 1, 500);
    const toMove = source.counts.ready + source.counts.inflight + source.counts.delayed;
    return { TaskHandle: this.moveTasks.start(source, destinationArn, rate, toMove) };
  }

  /** ListMessageMoveTasks: the latest tasks of a source queue, newest first. */
  listMessageMoveTasks(input: Input): { Results: Record<string, unknown>[] } {
    const sourceArn = requireString(input, 'SourceArn');
    if (!this.findQueueByArn(sourceArn)) {
      throw new SqsError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    const maxResults = readInteger(input, 'MaxResults', 1, 10) ?? 1;
    return { Results: this.moveTasks.list(sourceArn, maxResults).map(describeMoveTask) };
  }

  /** CancelMessageMoveTask. */
  cancelMessageMoveTask(input: Input): { ApproximateNumberOfMessagesMoved: number } {
    const task = this.moveTasks.cancel(requireString(input, 'TaskHandle'));
    return { ApproximateNumberOfMessagesMoved: task.moved };
  }

  // ---- persistence ----

  /** Applies one journal event while replaying, without journaling it again. */
  restore(event: JournalEvent): void {
    switch (event.t) {
      case 'queue': {
        const existing = this.queues.get(event.name);
        const queue = existing ?? this.addQueue(event.name, event.attrs, event.tags, event.created);
        queue.setAttributes(event.attrs, event.modified);
        queue.tags = event.tags;
        if (event.purged !== undefined) queue.lastPurgeAt = event.purged;
        if (event.seq !== undefined) queue.nextSequence = BigInt(event.seq);
        return;
      }
      case 'drop': {
        const queue = this.queues.get(event.name);
        if (queue) this.dropQueue(queue);
        return;
      }
      case 'purge': {
        const queue = this.queues.get(event.name);
        if (queue) this.purge(queue, event.at);
        return;
      }
      case 'put': {
        const queue = this.queues.get(event.q);
        if (queue) this.restoreMessage(queue, event.m);
        return;
      }
      case 'del': {
        const queue = this.queues.get(event.q);
        const message = queue?.messages.get(event.id);
        if (queue && message) queue.remove(message);
        return;
      }
      case 'vis': {
        const queue = this.queues.get(event.q);
        const message = queue?.messages.get(event.id);
        if (!queue || !message) return;
        message.rc = event.rc;
        message.fr = event.fr;
        message.lr = event.lr;
        message.tok = event.tok;
        queue.makeInFlight(message, event.at);
        return;
      }
      case 'move': {
        const from = this.queues.get(event.from);
        const message = from?.messages.get(event.m.id);
        if (from && message) from.remove(message);
        const to = this.queues.get(event.to);
        if (to) this.restoreMessage(to, event.m);
        return;
      }
    }
  }

  /** The events that rebuild the current state from nothing: the journal's compacted form. */
  *snapshot(): Generator<JournalEvent> {
    for (const queue of this.queues.values()) {
      yield this.queueEvent(queue);
      for (const message of queue.messages.values()) yield { t: 'put', q: queue.name, m: toRecord(message) };
    }
  }

  /** Ends every long poll (empty) and stops timers; later receives return at once. */
  close(): void {
    this.closed = true;
    this.moveTasks.close();
    for (const queue of this.queues.values()) this.stopWaiting(queue);
  }

  /** How many long-poll receives are waiting on the queue: lets tests and tools see a poll parked. */
  pendingReceives(queueUrl: string): number {
    return this.resolveQueueUrl(queueUrl).waiters.length;
  }

  /** The queue a queue URL names, or QueueDoesNotExist. */
  resolveQueueUrl(url: string): Queue {
    const cached = this.queuesByUrl.get(url);
    if (cached) return cached;
    const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/\/+$/, '');
    const segments = path.split('/').filter((segment) => segment !== '');
    const name = segments[segments.length - 1];
    const account = segments.length >= 2 ? segments[segments.length - 2] : this.accountId;
    const queue = name !== undefined && account === this.accountId ? this.queues.get(name) : undefined;
    if (!queue) throw queueDoesNotExist();
    if (this.queuesByUrl.size > 10_000) this.queuesByUrl.clear();
    this.queuesByUrl.set(url, queue);
    return queue;
  }

  // ---- internals ----

  private resolveQueue(input: Input): Queue {
    return this.resolveQueueUrl(requireString(input, 'QueueUrl'));
  }

  private findQueueByArn(arn: string): Queue | undefined {
    const prefix = `arn:aws:sqs:${this.region}:${this.accountId}:`;
    return arn.startsWith(prefix) ? this.queues.get(arn.slice(prefix.length)) : undefined;
  }

  private addQueue(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
    now: number,
  ): Queue {
    const queue = new Queue(
      name,
      `${this.endpoint}/${this.accountId}/${name}`,
      this.arnOf(name),
      attributes.FifoQueue === 'true',
      now,
      attributes,
      tags,
    );
    this.queues.set(name, queue);
    return queue;
  }

  private dropQueue(queue: Queue): void {
    this.queues.delete(queue.name);
    for (const [url, cached] of this.queuesByUrl) {
      if (cached === queue) this.queuesByUrl.delete(url);
    }
    this.stopWaiting(queue);
  }

  private purge(queue: Queue, now: number): void {
    for (const message of [...queue.messages.values()]) queue.remove(message);
    queue.lastPurgeAt = now;
  }

  private queueEvent(queue: Queue): JournalEvent {
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

  private recordQueue(queue: Queue): void {
    this.journal?.append(this.queueEvent(queue));
  }

  private arnOf(name: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${name}`;
  }

  /** A RedrivePolicy must name an existing queue of the same type whose RedriveAllowPolicy admits the source. */
  private assertRedriveTarget(policy: string | undefined, fifo: boolean, sourceArn: string): void {
    const parsed = parseRedrivePolicy(policy);
    if (!parsed) return;
    const target = this.findQueueByArn(parsed.deadLetterTargetArn);
    if (!target) {
      throw invalidParameter('RedrivePolicy', policy, 'Dead letter target does not exist.');
    }
    if (target.fifo !== fifo) {
      throw invalidParameter(
        'RedrivePolicy',
        policy,
        'Dead-letter queue and source queue must be of the same type (standard or FIFO).',
      );
    }
    const allow = target.attributes.RedriveAllowPolicy;
    if (allow) {
      const { redrivePermission, sourceQueueArns } = JSON.parse(allow) as {
        redrivePermission: string;
        sourceQueueArns?: string[];
      };
      if (
        redrivePermission === 'denyAll' ||
        (redrivePermission === 'byQueue' && !sourceQueueArns?.includes(sourceArn))
      ) {
        throw invalidParameter(
          'RedrivePolicy',
          policy,
          `The dead-letter queue's RedriveAllowPolicy does not allow ${sourceArn}.`,
        );
      }
    }
  }

  private restoreMessage(queue: Queue, record: MessageRecord): void {
    if (queue.messages.has(record.id)) return;
    const message: StoredMessage = { ...record, version: 0, removed: false };
    queue.add(message);
    if (record.seq !== undefined && BigInt(record.seq) >= queue.nextSequence)
      queue.nextSequence = BigInt(record.seq) + 1n;
    if (queue.fifo && record.dedup !== undefined && record.seq !== undefined) {
      queue.deduplication.set(this.deduplicationKey(queue, record.group ?? '', record.dedup), {
        expiresAt: record.sentAt + DEDUPLICATION_WINDOW_MS,
        messageId: record.id,
        sequenceNumber: record.seq,
      });
    }
  }

  private deduplicationKey(queue: Queue, group: string, id: string): string {
    return queue.attributes.DeduplicationScope === 'messageGroup' ? `${group}\u0000${id}` : id;
  }

  private send(queue: Queue, input: Input, context: RequestContext): SendResult {
    const body = readString(input, 'MessageBody');
    if (body === undefined || body === '') throw missingParameter('MessageBody');
    assertAllowedCharacters(body, 'message body');
    const attributes = parseMessageAttributes(readObjectMap(input, 'MessageAttributes'));
    const systemAttributes = parseSystemAttributes(readObjectMap(input, 'MessageSystemAttributes'));
    const maxSize = queue.numberAttribute('MaximumMessageSize');
    const size = messageSize({ MessageBody: body, MessageAttributes: attributes });
    if (size > maxSize) {
      throw invalidParameter(
        'MessageBody',
        `(${size} bytes)`,
        `Message must be shorter than ${maxSize} bytes.`,
      );
    }
    const delay = readInteger(input, 'DelaySeconds', 0, 900);
    const group = readString(input, 'MessageGroupId');
    let deduplicationId = readString(input, 'MessageDeduplicationId');
    if (group !== undefined && !FIFO_ID.test(group)) {
      throw invalidParameter(
        'MessageGroupId',
        group,
        'MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      );
    }
    if (deduplicationId !== undefined && !FIFO_ID.test(deduplicationId)) {
      throw invalidParameter(
        'MessageDeduplicationId',
        deduplicationId,
        'MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.',
      );
    }
    const now = this.clock.now();
    if (queue.fifo) {
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
      const duplicate = queue.deduplication.get(this.deduplicationKey(queue, group, deduplicationId));
      if (duplicate) {
        return {
          MessageId: duplicate.messageId,
          MD5OfMessageBody: md5OfBody(body),
          MD5OfMessageAttributes: md5OfMessageAttributes(attributes),
          MD5OfMessageSystemAttributes: md5OfMessageAttributes(systemAttributes),
          SequenceNumber: duplicate.sequenceNumber,
        };
      }
    } else if (deduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId',
        deduplicationId,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    const delayMs = (delay ?? queue.numberAttribute('DelaySeconds')) * 1000;
    const message: StoredMessage = {
      id: randomUUID(),
      body,
      md5: md5OfBody(body),
      sentAt: now,
      sender: context.senderId ?? DEFAULT_SENDER_ID,
      rc: 0,
      fr: 0,
      at: now + delayMs,
      st: delayMs > 0 ? 'delayed' : 'ready',
      version: 0,
      removed: false,
    };
    if (Object.keys(attributes).length > 0) {
      message.attrs = attributes;
      message.md5a = md5OfMessageAttributes(attributes);
    }
    if (Object.keys(systemAttributes).length > 0) {
      message.sys = systemAttributes;
      message.md5s = md5OfMessageAttributes(systemAttributes);
    }
    if (group !== undefined) message.group = group;
    if (queue.fifo && deduplicationId !== undefined && group !== undefined) {
      message.dedup = deduplicationId;
      message.seq = formatSequence(queue.nextSequence);
      queue.nextSequence += 1n;
      queue.deduplication.set(this.deduplicationKey(queue, group, deduplicationId), {
        expiresAt: now + DEDUPLICATION_WINDOW_MS,
        messageId: message.id,
        sequenceNumber: message.seq,
      });
    }
    queue.add(message);
    this.journal?.append({ t: 'put', q: queue.name, m: toRecord(message) });
    const result: SendResult = { MessageId: message.id, MD5OfMessageBody: message.md5 };
    if (message.md5a) result.MD5OfMessageAttributes = message.md5a;
    if (message.md5s) result.MD5OfMessageSystemAttributes = message.md5s;
    if (message.seq) result.SequenceNumber = message.seq;
    return result;
  }

  private forEachEntry<T extends object>(
    entries: readonly Input[],
    run: (entry: Input) => T,
  ): { Successful: (T & { Id: string })[]; Failed: BatchFailure[] } {
    const Successful: (T & { Id: string })[] = [];
    const Failed: BatchFailure[] = [];
    for (const entry of entries) {
      const id = readString(entry, 'Id') ?? '';
      try {
        Successful.push({ Id: id, ...run(entry) });
      } catch (error) {
        if (!(error instanceof SqsError)) throw error;
        Failed.push({ Id: id, SenderFault: error.senderFault, Code: error.code, Message: error.message });
      }
    }
    return { Successful, Failed };
  }

  private collect(queue: Queue, request: ReceiveRequest): ReceivedMessage[] {
    const now = this.clock.now();
    queue.settle(now);
    const received: ReceivedMessage[] = [];
    const policy = queue.redrivePolicy;
    queue.take(request.max, (message) => {
      if (policy && message.rc >= policy.maxReceiveCount) {
        const deadLetterQueue = this.findQueueByArn(policy.deadLetterTargetArn);
        if (deadLetterQueue) {
          this.moveMessage(message, queue, deadLetterQueue, 'dead-letter');
          return false;
        }
      }
      message.rc++;
      if (message.fr === 0) message.fr = now;
      message.lr = now;
      message.tok = this.nextReceiptToken();
      this.hide(queue, message, now + request.visibilityTimeout * 1000);
      received.push(this.render(queue, message, request));
      return true;
    });
    this.armWake(queue);
    return received;
  }

  private render(queue: Queue, message: StoredMessage, request: ReceiveRequest): ReceivedMessage {
    const result: ReceivedMessage = {
      MessageId: message.id,
      ReceiptHandle: encodeReceiptHandle(queue.name, message, message.tok ?? ''),
      MD5OfBody: message.md5,
      Body: message.body,
    };
    if (request.attributeNames.size > 0) {
      const all = request.attributeNames.has('All');
      const values: Record<string, string | undefined> = {
        SenderId: message.sender,
        SentTimestamp: String(message.sentAt),
        ApproximateReceiveCount: String(message.rc),
        ApproximateFirstReceiveTimestamp: String(message.fr),
        SequenceNumber: message.seq,
        MessageDeduplicationId: message.dedup,
        MessageGroupId: message.group,
        AWSTraceHeader: message.sys?.AWSTraceHeader?.StringValue,
        DeadLetterQueueSourceArn: message.dlqSource,
      };
      const attributes: Record<string, string> = {};
      for (const name of SYSTEM_ATTRIBUTE_NAMES) {
        const value = values[name];
        if (value !== undefined && (all || request.attributeNames.has(name))) attributes[name] = value;
      }
      if (Object.keys(attributes).length > 0) result.Attributes = attributes;
    }
    if (message.attrs && request.messageAttributeNames.length > 0) {
      const selected: Record<string, MessageAttributeValue> = {};
      for (const [name, value] of Object.entries(message.attrs)) {
        if (matchesAttributeName(name, request.messageAttributeNames)) selected[name] = value;
      }
      if (Object.keys(selected).length > 0) {
        result.MessageAttributes = selected;
        result.MD5OfMessageAttributes = md5OfMessageAttributes(selected);
      }
    }
    return result;
  }

  /** Moves a message to another queue, keeping its id, body, attributes and timestamps. */
  private moveMessage(
    message: StoredMessage,
    from: Queue,
    to: Queue,
    reason: 'dead-letter' | 'redrive-back',
  ): void {
    from.remove(message);
    const now = this.clock.now();
    const moved: StoredMessage = {
      ...toRecord(message),
      at: now,
      st: 'ready',
      tok: undefined,
      version: 0,
      removed: false,
    };
    if (reason === 'dead-letter') {
      moved.dlqSource = from.arn;
    } else {
      moved.dlqSource = undefined;
      moved.rc = 0;
      moved.fr = 0;
    }
    if (to.fifo) {
      moved.seq = formatSequence(to.nextSequence);
      to.nextSequence += 1n;
    }
    to.add(moved);
    this.journal?.append({ t: 'move', from: from.name, to: to.name, m: toRecord(moved) });
    this.wake(to);
  }

  private deleteByHandle(queue: Queue, handle: string): void {
    const { message, token } = this.parseHandle(queue, handle);
    if (message && message.tok === token) {
      queue.remove(message);
      this.journal?.append({ t: 'del', q: queue.name, id: message.id });
    }
  }

  private parseHandle(queue: Queue, handle: string): { message: StoredMessage | undefined; token: string } {
    const parts = Buffer.from(handle, 'base64').toString('utf8').split('\n');
    if (parts.length !== 3 || parts[0] !== queue.name || parts[2] === '') throw invalidReceiptHandle(handle);
    return { message: queue.messages.get(parts[1]), token: parts[2] };
  }

  private changeVisibility(queue: Queue, input: Input): void {
    const handle = requireString(input, 'ReceiptHandle');
    const timeout = readInteger(input, 'VisibilityTimeout', 0, 43_200);
    if (timeout === undefined) throw missingParameter('VisibilityTimeout');
    const { message, token } = this.parseHandle(queue, handle);
    const now = this.clock.now();
    queue.settle(now);
    if (!message || message.tok !== token) {
      throw invalidParameter(
        'ReceiptHandle',
        handle,
        'Message does not exist or is not available for visibility timeout change.',
      );
    }
    if (message.st !== 'inflight') {
      throw new SqsError('MessageNotInflight', 'Message is not in flight.');
    }
    if (message.lr !== undefined && now + timeout * 1000 - message.lr > MAX_VISIBILITY_MS) {
      throw invalidParameter(
        'VisibilityTimeout',
        timeout,
        `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_MS / 1000} seconds]`,
      );
    }
    this.hide(queue, message, now + timeout * 1000);
  }

  /**
   * A FIFO receive retried with the same ReceiveRequestAttemptId within five minutes gets the same
   * messages and receipt handles back (with a fresh visibility timeout), as long as none of them has
   * been deleted or received again since.
   */
  private replayAttempt(
    queue: Queue,
    attemptId: string,
    request: ReceiveRequest,
  ): ReceivedMessage[] | undefined {
    const now = this.clock.now();
    queue.pruneReceiveAttempts(now);
    const attempt = queue.receiveAttempts.get(attemptId);
    if (!attempt) return undefined;
    const messages = attempt
      .map(({ id }) => queue.messages.get(id))
      .filter((message) => message !== undefined);
    const intact =
      messages.length === attempt.length &&
      messages.every((message, index) => message.st === 'inflight' && message.tok === attempt[index].token);
    if (!intact) {
      queue.receiveAttempts.delete(attemptId);
      return undefined;
    }
    return messages.map((message) => {
      this.hide(queue, message, now + request.visibilityTimeout * 1000);
      return this.render(queue, message, request);
    });
  }

  private rememberAttempt(queue: Queue, attemptId: string, received: readonly ReceivedMessage[]): void {
    const attempt = received.map((message) => ({
      id: message.MessageId,
      token: queue.messages.get(message.MessageId)?.tok ?? '',
    }));
    // Re-inserted so that both maps stay in expiry order for pruning.
    queue.receiveAttempts.delete(attemptId);
    queue.receiveAttemptExpiry.delete(attemptId);
    queue.receiveAttempts.set(attemptId, attempt);
    queue.receiveAttemptExpiry.set(attemptId, this.clock.now() + DEDUPLICATION_WINDOW_MS);
  }

  private nextReceiptToken(): string {
    this.tokenCounter++;
    return `${this.tokenPrefix}${this.tokenCounter.toString(36)}`;
  }

  /** Makes a message invisible until `until` and journals its receive state. */
  private hide(queue: Queue, message: StoredMessage, until: number): void {
    queue.makeInFlight(message, until);
    const { id, rc, fr, lr, at, tok } = message;
    this.journal?.append({ t: 'vis', q: queue.name, id, rc, fr, lr, at, tok });
  }

  private waitForMessages(
    queue: Queue,
    request: ReceiveRequest,
    waitMs: number,
    signal: AbortSignal | undefined,
  ): Promise<{ Messages?: ReceivedMessage[] }> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (messages: ReceivedMessage[]): void => {
        done = true;
        timer.cancel();
        signal?.removeEventListener('abort', onAbort);
        const index = queue.waiters.indexOf(waiter);
        if (index >= 0) queue.waiters.splice(index, 1);
        resolve(messages.length > 0 ? { Messages: messages } : {});
      };
      const waiter = {
        tryComplete: (): boolean => {
          if (done) return true;
          const messages = this.collect(queue, request);
          if (messages.length === 0) return false;
          finish(messages);
          return true;
        },
        abandon: (): void => {
          if (!done) finish([]);
        },
      };
      const onAbort = (): void => waiter.abandon();
      const timer = this.clock.setTimer(() => waiter.abandon(), waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiters.push(waiter);
      this.armWake(queue);
    });
  }

  /** Hands receivable messages to waiting long polls, oldest poll first. */
  private wake(queue: Queue): void {
    if (queue.waiters.length === 0) return;
    queue.settle(this.clock.now());
    while (queue.waiters.length > 0 && queue.counts.ready > 0) {
      const waiter = queue.waiters[0];
      if (!waiter.tryComplete()) break;
    }
    this.armWake(queue);
  }

  /** Sets one timer for the queue's next deadline while long polls wait, so they wake on expiry. */
  private armWake(queue: Queue): void {
    if (queue.waiters.length === 0 || this.closed) {
      queue.wakeTimer?.cancel();
      queue.wakeTimer = undefined;
      queue.wakeAt = Number.POSITIVE_INFINITY;
      return;
    }
    const next = queue.nextDeadline();
    if (next === undefined || next >= queue.wakeAt) return;
    queue.wakeTimer?.cancel();
    queue.wakeAt = next;
    queue.wakeTimer = this.clock.setTimer(() => {
      queue.wakeTimer = undefined;
      queue.wakeAt = Number.POSITIVE_INFINITY;
      this.wake(queue);
      this.armWake(queue);
    }, next - this.clock.now());
  }

  private stopWaiting(queue: Queue): void {
    for (const waiter of [...queue.waiters]) waiter.abandon();
    queue.wakeTimer?.cancel();
    queue.wakeTimer = undefined;
    queue.wakeAt = Number.POSITIVE_INFINITY;
  }
}

function matchesAttributeName(name: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (pattern) =>
      pattern === 'All' ||
      pattern === '.*' ||
      pattern === name ||
      (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
  );
}

function toRecord(message: StoredMessage): MessageRecord {
  const { version: _version, removed: _removed, ...record } = message;
  return record;
}

function describeMoveTask(task: MoveTask): Record<string, unknown> {
  const result: Record<string, unknown> = {
    Status: task.status,
    SourceArn: task.sourceArn,
    ApproximateNumberOfMessagesMoved: task.moved,
    ApproximateNumberOfMessagesToMove: task.toMove,
    StartedTimestamp: task.startedAt,
  };
  if (task.status === 'RUNNING') result.TaskHandle = task.handle;
  if (task.destinationArn !== undefined) result.DestinationArn = task.destinationArn;
  if (task.rate !== undefined) result.MaxNumberOfMessagesPerSecond = task.rate;
  if (task.failureReason !== undefined) result.FailureReason = task.failureReason;
  return result;
}
