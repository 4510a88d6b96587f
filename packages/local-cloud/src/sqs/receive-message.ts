import type { ReceiveMessageRequest, ReceiveMessageResult } from '@aws-sdk/client-sqs';
import { assertReceiveRequestAttemptId, rememberAttempt, replayableAttempt } from './fifo';
import { readInteger, readString, readStringList } from './input';
import type { Queue } from './queue';
import { type ReceivedMessage, type ReceiveRequest, renderReceivedMessage } from './receive-rendering';
import type { RequestContext } from './request-context';
import { SQS_LIMITS } from './sqs-limits';
import type { SqsState } from './sqs-state';
import type { WireInput, WireResult } from './wire-shapes';

/** ReceiveMessage's result, its messages with the members SQS always sends. */
export type ReceiveMessageOutput = WireResult<ReceiveMessageResult> & { Messages?: ReceivedMessage[] };

/**
 * ReceiveMessage. Returns at once when messages are available or WaitTimeSeconds is 0; otherwise
 * the promise settles the moment a message becomes receivable, or empty when the wait runs out. A
 * FIFO receive retried with the same ReceiveRequestAttemptId gets the same messages back.
 */
export function receiveMessage(
  state: SqsState,
  input: WireInput<ReceiveMessageRequest>,
  context: RequestContext,
): ReceiveMessageOutput | Promise<ReceiveMessageOutput> {
  const queue = state.resolveQueue(input);
  const { request, waitSeconds } = readReceiveRequest(queue, input);
  const attemptId = queue.fifo ? readString(input, 'ReceiveRequestAttemptId') : undefined;
  if (attemptId !== undefined) {
    assertReceiveRequestAttemptId(attemptId);
    const replayed = replayAttempt(state, queue, attemptId, request);
    if (replayed) return { Messages: replayed };
  }
  const remember = (messages: readonly ReceivedMessage[]): void => {
    if (attemptId !== undefined && messages.length > 0) {
      const ids = messages.map((message) => message.MessageId);
      rememberAttempt(queue, attemptId, ids, state.clock.now());
    }
  };
  const messages = collectMessages(state, queue, request);
  remember(messages);
  if (messages.length > 0 || waitSeconds === 0 || state.longPolls.isClosed)
    return messages.length > 0 ? { Messages: messages } : {};
  const waiting = state.longPolls.wait(queue, request, waitSeconds * 1000, context.signal);
  // Chaining costs a turn of the microtask queue on every long poll, so only when it is needed.
  if (attemptId === undefined) return waiting;
  return waiting.then((result) => {
    remember(result.Messages ?? []);
    return result;
  });
}

/** What the receive asks for and how long it may wait, with the queue's defaults where it asks nothing. */
function readReceiveRequest(
  queue: Queue,
  input: WireInput<ReceiveMessageRequest>,
): { request: ReceiveRequest; waitSeconds: number } {
  const max = readInteger(input, 'MaxNumberOfMessages', 1, SQS_LIMITS.maxReceiveMessages) ?? 1;
  const visibilityTimeout =
    readInteger(input, 'VisibilityTimeout', 0, SQS_LIMITS.maxVisibilityTimeoutSeconds) ??
    queue.numberAttribute('VisibilityTimeout');
  const waitSeconds =
    readInteger(input, 'WaitTimeSeconds', 0, SQS_LIMITS.maxWaitTimeSeconds) ??
    queue.numberAttribute('ReceiveMessageWaitTimeSeconds');
  const request: ReceiveRequest = {
    max,
    visibilityTimeout,
    attributeNames: new Set([
      ...readStringList(input, 'AttributeNames'),
      ...readStringList(input, 'MessageSystemAttributeNames'),
    ]),
    messageAttributeNames: readStringList(input, 'MessageAttributeNames'),
  };
  return { request, waitSeconds };
}

/** The messages an intact earlier attempt took, hidden again for this receive's timeout. */
function replayAttempt(
  state: SqsState,
  queue: Queue,
  attemptId: string,
  request: ReceiveRequest,
): ReceivedMessage[] | undefined {
  const replayed = replayableAttempt(queue, attemptId, state.clock.now());
  if (!replayed) return undefined;
  const now = state.clock.now();
  return replayed.map((message) => {
    state.hide(queue, message, now + request.visibilityTimeout * 1000);
    return renderReceivedMessage(queue, message, request);
  });
}

/**
 * Takes up to `request.max` receivable messages and hides them for the visibility timeout. A
 * message that has used up its receives goes to the dead-letter queue instead of being returned.
 */
export function collectMessages(state: SqsState, queue: Queue, request: ReceiveRequest): ReceivedMessage[] {
  const now = state.clock.now();
  queue.settle(now);
  const received: ReceivedMessage[] = [];
  const policy = queue.redrivePolicy;
  queue.take(request.max, (message) => {
    if (policy && message.rc >= policy.maxReceiveCount) {
      const deadLetterQueue = state.queues.findByArn(policy.deadLetterTargetArn);
      if (deadLetterQueue) {
        state.moveMessage(message, queue, deadLetterQueue, 'dead-letter');
        return false;
      }
    }
    message.rc++;
    if (message.fr === 0) message.fr = now;
    message.lr = now;
    message.tok = state.receiptTokens.next();
    state.hide(queue, message, now + request.visibilityTimeout * 1000);
    received.push(renderReceivedMessage(queue, message, request));
    return true;
  });
  state.longPolls.arm(queue);
  return received;
}
