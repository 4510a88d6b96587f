import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from './clock';
import { invalidParameter, missingParameter, queueDoesNotExist, SqsError } from './errors';
import {
  assertReceiveRequestAttemptId,
  readFifoSendFields,
  recordFifoSend,
  rememberAttempt,
  rememberDeduplication,
  replayableAttempt,
  takeSequenceNumber,
} from './fifo';
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
import { type JournalEvent, type JournalSink, toRecord } from './journal-events';
import { LongPolls } from './long-polls';
import { md5OfBody, md5OfMessageAttributes } from './md5';
import {
  assertAllowedCharacters,
  assertBatchEntries,
  messageSize,
  parseMessageAttributes,
  parseSystemAttributes,
} from './message-validation';
import { describeMoveTask, MoveTasks } from './move-tasks';
import { type MessageRecord, Queue, type StoredMessage } from './queue';
import { initialQueueAttributes, isKnownAttributeName, normaliseQueueAttributes } from './queue-attributes';
import { decodeReceiptHandle, ReceiptTokens } from './receipt-handles';
import { type ReceivedMessage, type ReceiveRequest, renderReceivedMessage } from './receive-rendering';
import { assertRedriveTarget, deadLetterSourceUrls, isDeadLetterQueue } from './redrive';
import { SQS_LIMITS } from './sqs-limits';

export type { JournalEvent, JournalSink } from './journal-events';
export type { ReceivedMessage } from './receive-rendering';

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
const PURGE_WINDOW_MS = 60 * 1000;
// A message stays invisible at most 12 hours after the receive that hid it.
const MAX_VISIBILITY_MS = 12 * 60 * 60 * 1000;
const DEFAULT_SENDER_ID = 'AIDAIENQZJOLO23YVJ4VO';

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
  private readonly receiptTokens = new ReceiptTokens();
  private readonly longPolls: LongPolls;

  constructor(options: SqsModelOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.accountId = options.accountId ?? '000000000000';
    this.region = options.region ?? 'us-east-1';
    this.endpoint = options.endpoint ?? 'http://127.0.0.1:9324';
    this.journal = options.journal;
    this.longPolls = new LongPolls(this.clock, (queue, request) => this.collect(queue, request));
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
    assertRedriveTarget(attributes.RedrivePolicy, fifo, this.arnOf(name), (arn) => this.findQueueByArn(arn));
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
    assertRedriveTarget(attributes.RedrivePolicy, queue.fifo, queue.arn, (arn) => this.findQueueByArn(arn));
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
    return { queueUrls: deadLetterSourceUrls(queue.arn, this.queues.values()) };
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
    this.longPolls.wake(queue);
    return result;
  }

  /** SendMessageBatch: batch-wide rules fail the request, everything else fails only its entry. */
  sendMessageBatch(
    input: Input,
    context: RequestContext = {},
  ): { Successful: (SendResult & { Id: string })[]; Failed: BatchFailure[] } {
    const queue = this.resolveQueue(input);
    const entries = readObjectList(input, 'Entries');
    assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'SendMessageBatchRequestEntry');
    const total = entries.reduce((sum, entry) => sum + messageSize(entry), 0);
    if (total > SQS_LIMITS.maxMessageBytes) {
      throw new SqsError(
        'BatchRequestTooLong',
        `Batch requests cannot be longer than ${SQS_LIMITS.maxMessageBytes} bytes. You have sent ${total} bytes.`,
      );
    }
    const result = this.forEachEntry(entries, (entry) => this.send(queue, entry, context));
    this.longPolls.wake(queue);
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
      readInteger(input, 'VisibilityTimeout', 0, SQS_LIMITS.maxVisibilityTimeoutSeconds) ??
      queue.numberAttribute('VisibilityTimeout');
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
    if (attemptId !== undefined) {
      assertReceiveRequestAttemptId(attemptId);
      const replayed = replayableAttempt(queue, attemptId, this.clock.now());
      if (replayed) {
        const now = this.clock.now();
        return {
          Messages: replayed.map((message) => {
            this.hide(queue, message, now + request.visibilityTimeout * 1000);
            return renderReceivedMessage(queue, message, request);
          }),
        };
      }
    }
    const remember = (messages: ReceivedMessage[]): void => {
      if (attemptId !== undefined && messages.length > 0) {
        const ids = messages.map((message) => message.MessageId);
        rememberAttempt(queue, attemptId, ids, this.clock.now());
      }
    };
    const messages = this.collect(queue, request);
    remember(messages);
    if (messages.length > 0 || waitSeconds === 0 || this.longPolls.isClosed)
      return messages.length > 0 ? { Messages: messages } : {};
    const waiting = this.longPolls.wait(queue, request, waitSeconds * 1000, context.signal);
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
    assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'DeleteMessageBatchRequestEntry');
    return this.forEachEntry(entries, (entry) => {
      this.deleteByHandle(queue, requireString(entry, 'ReceiptHandle'));
      return {};
    });
  }

  /** ChangeMessageVisibility: the new timeout counts from now; 0 makes the message receivable. */
  changeMessageVisibility(input: Input): Record<string, never> {
    const queue = this.resolveQueue(input);
    this.changeVisibility(queue, input);
    this.longPolls.wake(queue);
    return {};
  }

  /** ChangeMessageVisibilityBatch. */
  changeMessageVisibilityBatch(input: Input): { Successful: { Id: string }[]; Failed: BatchFailure[] } {
    const queue = this.resolveQueue(input);
    const entries = readObjectList(input, 'Entries');
    assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'ChangeMessageVisibilityBatchRequestEntry');
    const result = this.forEachEntry(entries, (entry) => {
      this.changeVisibility(queue, entry);
      return {};
    });
    this.longPolls.wake(queue);
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
    if (!isDeadLetterQueue(sourceArn, this.queues.values())) {
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
    this.longPolls.close();
    this.moveTasks.close();
    for (const queue of this.queues.values()) this.longPolls.stop(queue);
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
    this.longPolls.stop(queue);
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

  private restoreMessage(queue: Queue, record: MessageRecord): void {
    if (queue.messages.has(record.id)) return;
    const message: StoredMessage = { ...record, version: 0, removed: false };
    queue.add(message);
    if (record.seq !== undefined && BigInt(record.seq) >= queue.nextSequence)
      queue.nextSequence = BigInt(record.seq) + 1n;
    if (queue.fifo && record.dedup !== undefined && record.seq !== undefined) {
      rememberDeduplication(queue, record.group ?? '', record.dedup, message, record.sentAt);
    }
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
    const now = this.clock.now();
    const { group, deduplicationId, duplicate } = readFifoSendFields(queue, input, body, delay, now);
    if (duplicate) {
      return {
        MessageId: duplicate.messageId,
        MD5OfMessageBody: md5OfBody(body),
        MD5OfMessageAttributes: md5OfMessageAttributes(attributes),
        MD5OfMessageSystemAttributes: md5OfMessageAttributes(systemAttributes),
        SequenceNumber: duplicate.sequenceNumber,
      };
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
      recordFifoSend(queue, message, group, deduplicationId);
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
      message.tok = this.receiptTokens.next();
      this.hide(queue, message, now + request.visibilityTimeout * 1000);
      received.push(renderReceivedMessage(queue, message, request));
      return true;
    });
    this.longPolls.arm(queue);
    return received;
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
    if (to.fifo) moved.seq = takeSequenceNumber(to);
    to.add(moved);
    this.journal?.append({ t: 'move', from: from.name, to: to.name, m: toRecord(moved) });
    this.longPolls.wake(to);
  }

  private deleteByHandle(queue: Queue, handle: string): void {
    const { message, token } = this.parseHandle(queue, handle);
    if (message && message.tok === token) {
      queue.remove(message);
      this.journal?.append({ t: 'del', q: queue.name, id: message.id });
    }
  }

  private parseHandle(queue: Queue, handle: string): { message: StoredMessage | undefined; token: string } {
    const { messageId, token } = decodeReceiptHandle(queue.name, handle);
    return { message: queue.messages.get(messageId), token };
  }

  private changeVisibility(queue: Queue, input: Input): void {
    const handle = requireString(input, 'ReceiptHandle');
    const timeout = readInteger(input, 'VisibilityTimeout', 0, SQS_LIMITS.maxVisibilityTimeoutSeconds);
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

  /** Makes a message invisible until `until` and journals its receive state. */
  private hide(queue: Queue, message: StoredMessage, until: number): void {
    queue.makeInFlight(message, until);
    const { id, rc, fr, lr, at, tok } = message;
    this.journal?.append({ t: 'vis', q: queue.name, id, rc, fr, lr, at, tok });
  }
}
