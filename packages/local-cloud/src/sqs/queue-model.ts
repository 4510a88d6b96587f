import type {
  CancelMessageMoveTaskRequest,
  CancelMessageMoveTaskResult,
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityRequest,
  CreateQueueRequest,
  DeleteMessageBatchRequest,
  DeleteMessageRequest,
  DeleteQueueRequest,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  GetQueueUrlRequest,
  ListDeadLetterSourceQueuesRequest,
  ListDeadLetterSourceQueuesResult,
  ListMessageMoveTasksRequest,
  ListMessageMoveTasksResult,
  ListQueuesRequest,
  ListQueuesResult,
  ListQueueTagsRequest,
  ListQueueTagsResult,
  PurgeQueueRequest,
  ReceiveMessageRequest,
  SendMessageBatchRequest,
  SendMessageRequest,
  SetQueueAttributesRequest,
  StartMessageMoveTaskRequest,
  StartMessageMoveTaskResult,
  TagQueueRequest,
  UntagQueueRequest,
} from '@aws-sdk/client-sqs';
import { type Clock, systemClock } from '../clock';
import type { BatchOutcome } from './batch-entries';
import { changeMessageVisibility, changeMessageVisibilityBatch } from './change-message-visibility';
import { deleteMessage, deleteMessageBatch } from './delete-message';
import type { JournalEvent, JournalSink } from './journal-events';
import { restoreEvent, snapshotEvents } from './journal-restore';
import { type InspectedMessage, peekMessages, removeMessageById } from './message-inspection';
import { cancelMessageMoveTask, listMessageMoveTasks, startMessageMoveTask } from './move-task-operations';
import type { Queue } from './queue';
import {
  getQueueAttributes,
  listDeadLetterSourceQueues,
  setQueueAttributes,
} from './queue-attribute-operations';
import {
  createQueue,
  deleteQueue,
  getQueueUrl,
  listQueues,
  purgeQueue,
  type QueueUrlResult,
} from './queue-lifecycle';
import { QueueRegistry } from './queue-registry';
import { listQueueTags, tagQueue, untagQueue } from './queue-tags';
import { type ReceiveMessageOutput, receiveMessage } from './receive-message';
import { deadLetterSourceUrls } from './redrive';
import type { RequestContext } from './request-context';
import { type SendResult, sendMessage, sendMessageBatch } from './send-message';
import { type SqsChangeObserver, SqsState } from './sqs-state';
import type { EmptyResult, WireInput, WithMembers } from './wire-shapes';

export type { BatchFailure, BatchOutcome } from './batch-entries';
export type { JournalEvent, JournalSink } from './journal-events';
export type { InspectedMessage } from './message-inspection';
export type { ReceiveMessageOutput } from './receive-message';
export type { ReceivedMessage } from './receive-rendering';
export type { RequestContext } from './request-context';
export type { SendResult } from './send-message';
export type { SqsChangeObserver } from './sqs-state';

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

/**
 * The SQS service without its wire protocols: queues, messages, visibility, redrive, FIFO and move
 * tasks. Each operation is named after the API, takes the request as it came off the wire (the SDK
 * request's keys, values checked here) and returns the SDK's result shape, which the protocol
 * adapters only render. The operations live one concern per module; this class is the one door to
 * them and to the state they share. All time comes from the injected clock.
 *
 * @example
 * const model = new SqsModel({ clock: new ManualClock() });
 * const { QueueUrl } = model.createQueue({ QueueName: 'orders' });
 * model.sendMessage({ QueueUrl, MessageBody: 'hello' }, {});
 */
export class SqsModel {
  readonly clock: Clock;
  private readonly state: SqsState;

  constructor(options: SqsModelOptions = {}) {
    this.clock = options.clock ?? systemClock;
    const queues = new QueueRegistry(
      options.accountId ?? '000000000000',
      options.region ?? 'us-east-1',
      options.endpoint ?? 'http://127.0.0.1:9324',
    );
    this.state = new SqsState(this.clock, queues, options.journal);
  }

  /** The account in queue URLs and ARNs. */
  get accountId(): string {
    return this.state.queues.accountId;
  }

  /** The region in ARNs. */
  get region(): string {
    return this.state.queues.region;
  }

  /** Base URL of queue URLs; the server sets it once it knows its port. */
  get endpoint(): string {
    return this.state.queues.endpoint;
  }

  set endpoint(value: string) {
    this.state.queues.endpoint = value;
  }

  /** CreateQueue: idempotent for identical attributes, QueueNameExists (QueueAlreadyExists) otherwise. */
  createQueue(input: WireInput<CreateQueueRequest>): QueueUrlResult {
    return createQueue(this.state, input);
  }

  /** GetQueueUrl. */
  getQueueUrl(input: WireInput<GetQueueUrlRequest>): QueueUrlResult {
    return getQueueUrl(this.state, input);
  }

  /** ListQueues, with QueueNamePrefix and MaxResults/NextToken paging. */
  listQueues(input: WireInput<ListQueuesRequest>): ListQueuesResult {
    return listQueues(this.state, input);
  }

  /** DeleteQueue: its messages go with it and its long polls return empty. */
  deleteQueue(input: WireInput<DeleteQueueRequest>): EmptyResult {
    return deleteQueue(this.state, input);
  }

  /** PurgeQueue: deletes every message; a second purge within 60 s fails with PurgeQueueInProgress. */
  purgeQueue(input: WireInput<PurgeQueueRequest>): EmptyResult {
    return purgeQueue(this.state, input);
  }

  /** GetQueueAttributes, by name or `All`, with exact message counts. */
  getQueueAttributes(input: WireInput<GetQueueAttributesRequest>): GetQueueAttributesResult {
    return getQueueAttributes(this.state, input);
  }

  /** SetQueueAttributes; an empty RedrivePolicy or RedriveAllowPolicy removes it. */
  setQueueAttributes(input: WireInput<SetQueueAttributesRequest>): EmptyResult {
    return setQueueAttributes(this.state, input);
  }

  /** ListDeadLetterSourceQueues: the queues whose RedrivePolicy targets this one. */
  listDeadLetterSourceQueues(
    input: WireInput<ListDeadLetterSourceQueuesRequest>,
  ): WithMembers<ListDeadLetterSourceQueuesResult, 'queueUrls'> {
    return listDeadLetterSourceQueues(this.state, input);
  }

  /** TagQueue. */
  tagQueue(input: WireInput<TagQueueRequest>): EmptyResult {
    return tagQueue(this.state, input);
  }

  /** UntagQueue. */
  untagQueue(input: WireInput<UntagQueueRequest>): EmptyResult {
    return untagQueue(this.state, input);
  }

  /** ListQueueTags. */
  listQueueTags(input: WireInput<ListQueueTagsRequest>): ListQueueTagsResult {
    return listQueueTags(this.state, input);
  }

  /** SendMessage. */
  sendMessage(input: WireInput<SendMessageRequest>, context: RequestContext = {}): SendResult {
    return sendMessage(this.state, input, context);
  }

  /** SendMessageBatch: batch-wide rules fail the request, everything else fails only its entry. */
  sendMessageBatch(
    input: WireInput<SendMessageBatchRequest>,
    context: RequestContext = {},
  ): BatchOutcome<SendResult> {
    return sendMessageBatch(this.state, input, context);
  }

  /**
   * ReceiveMessage. Returns at once when messages are available or WaitTimeSeconds is 0; otherwise
   * the promise settles the moment a message becomes receivable, or empty when the wait runs out.
   */
  receiveMessage(
    input: WireInput<ReceiveMessageRequest>,
    context: RequestContext = {},
  ): ReceiveMessageOutput | Promise<ReceiveMessageOutput> {
    return receiveMessage(this.state, input, context);
  }

  /** DeleteMessage. A receipt handle older than the latest receive succeeds without deleting. */
  deleteMessage(input: WireInput<DeleteMessageRequest>): EmptyResult {
    return deleteMessage(this.state, input);
  }

  /** DeleteMessageBatch. */
  deleteMessageBatch(input: WireInput<DeleteMessageBatchRequest>): BatchOutcome<EmptyResult> {
    return deleteMessageBatch(this.state, input);
  }

  /** ChangeMessageVisibility: the new timeout counts from now; 0 makes the message receivable. */
  changeMessageVisibility(input: WireInput<ChangeMessageVisibilityRequest>): EmptyResult {
    return changeMessageVisibility(this.state, input);
  }

  /** ChangeMessageVisibilityBatch. */
  changeMessageVisibilityBatch(
    input: WireInput<ChangeMessageVisibilityBatchRequest>,
  ): BatchOutcome<EmptyResult> {
    return changeMessageVisibilityBatch(this.state, input);
  }

  /** StartMessageMoveTask: moves a dead-letter queue's messages to their sources (or DestinationArn). */
  startMessageMoveTask(
    input: WireInput<StartMessageMoveTaskRequest>,
  ): WithMembers<StartMessageMoveTaskResult, 'TaskHandle'> {
    return startMessageMoveTask(this.state, input);
  }

  /** ListMessageMoveTasks: the latest tasks of a source queue, newest first. */
  listMessageMoveTasks(
    input: WireInput<ListMessageMoveTasksRequest>,
  ): WithMembers<ListMessageMoveTasksResult, 'Results'> {
    return listMessageMoveTasks(this.state, input);
  }

  /** CancelMessageMoveTask. */
  cancelMessageMoveTask(
    input: WireInput<CancelMessageMoveTaskRequest>,
  ): WithMembers<CancelMessageMoveTaskResult, 'ApproximateNumberOfMessagesMoved'> {
    return cancelMessageMoveTask(this.state, input);
  }

  /**
   * Tells `observer` of every change from now on, as the journal hears of it (`put`, `move`, `del`,
   * `vis`, ...), synchronously and in order; replayed changes are not told. Returns the
   * unsubscribe function. The observer must be cheap: it runs inside every operation.
   */
  observe(observer: SqsChangeObserver): () => void {
    this.state.observers.add(observer);
    return () => this.state.observers.delete(observer);
  }

  /** Up to `limit` messages of a queue, oldest first, without changing their visibility or receive count. */
  peekMessages(queueUrl: string, limit: number): InspectedMessage[] {
    return peekMessages(this.state, this.resolveQueueUrl(queueUrl), limit);
  }

  /** Deletes a message by id, without a receipt handle; answers whether it was on the queue. */
  removeMessage(queueUrl: string, messageId: string): boolean {
    return removeMessageById(this.state, this.resolveQueueUrl(queueUrl), messageId);
  }

  /** The names of the queues whose RedrivePolicy targets the named queue; empty for an unknown one. */
  deadLetterSourceNames(queueName: string): string[] {
    const queue = this.state.queues.get(queueName);
    if (queue === undefined) return [];
    return deadLetterSourceUrls(queue.arn, this.state.queues.values()).map((url) =>
      url.slice(url.lastIndexOf('/') + 1),
    );
  }

  /** Applies one journal event while replaying, without journaling it again. */
  restore(event: JournalEvent): void {
    restoreEvent(this.state, event);
  }

  /** The events that rebuild the current state from nothing: the journal's compacted form. */
  snapshot(): Generator<JournalEvent> {
    return snapshotEvents(this.state);
  }

  /** Ends every long poll (empty) and stops timers; later receives return at once. */
  close(): void {
    this.state.longPolls.close();
    this.state.moveTasks.close();
    for (const queue of this.state.queues.values()) this.state.longPolls.stop(queue);
  }

  /** How many long-poll receives are waiting on the queue: lets tests and tools see a poll parked. */
  pendingReceives(queueUrl: string): number {
    return this.resolveQueueUrl(queueUrl).waiters.length;
  }

  /** How many messages the queue holds, visible, in flight or delayed. */
  storedMessages(queueUrl: string): number {
    const { ready, inflight, delayed } = this.resolveQueueUrl(queueUrl).counts;
    return ready + inflight + delayed;
  }

  /** The queue a queue URL names, or QueueDoesNotExist. */
  resolveQueueUrl(url: string): Queue {
    return this.state.queues.resolveUrl(url);
  }
}
