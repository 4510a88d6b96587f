import type {
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchRequestEntry,
  ChangeMessageVisibilityRequest,
} from '@aws-sdk/client-sqs';
import { type BatchOutcome, runBatchEntries } from './batch-entries';
import { invalidParameter, missingParameter, SqsError } from './errors';
import { readInteger, readObjectList, requireString } from './input';
import { assertBatchEntries } from './message-validation';
import type { Queue } from './queue';
import { findByReceiptHandle } from './receipt-handles';
import { SQS_LIMITS } from './sqs-limits';
import type { SqsState } from './sqs-state';
import type { EmptyResult, WireInput } from './wire-shapes';

/** A visibility change, as ChangeMessageVisibility and each entry of its batch carry it. */
type VisibilityChange = WireInput<Omit<ChangeMessageVisibilityRequest, 'QueueUrl'>>;

/** ChangeMessageVisibility: the new timeout counts from now; 0 makes the message receivable. */
export function changeMessageVisibility(
  state: SqsState,
  input: WireInput<ChangeMessageVisibilityRequest>,
): EmptyResult {
  const queue = state.resolveQueue(input);
  changeVisibility(state, queue, input);
  state.longPolls.wake(queue);
  return {};
}

/** ChangeMessageVisibilityBatch. */
export function changeMessageVisibilityBatch(
  state: SqsState,
  input: WireInput<ChangeMessageVisibilityBatchRequest>,
): BatchOutcome<EmptyResult> {
  const queue = state.resolveQueue(input);
  const entries: readonly WireInput<ChangeMessageVisibilityBatchRequestEntry>[] = readObjectList(
    input,
    'Entries',
  );
  assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'ChangeMessageVisibilityBatchRequestEntry');
  const result = runBatchEntries(entries, (entry) => {
    changeVisibility(state, queue, entry);
    return {};
  });
  state.longPolls.wake(queue);
  return result;
}

/**
 * Hides an in-flight message for `VisibilityTimeout` seconds from now, which may not reach more than
 * 12 hours past the receive that hid it.
 */
function changeVisibility(state: SqsState, queue: Queue, input: VisibilityChange): void {
  const handle = requireString(input, 'ReceiptHandle');
  const timeout = readInteger(input, 'VisibilityTimeout', 0, SQS_LIMITS.maxVisibilityTimeoutSeconds);
  if (timeout === undefined) throw missingParameter('VisibilityTimeout');
  const { message, token } = findByReceiptHandle(queue, handle);
  const now = state.clock.now();
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
  const limitMs = SQS_LIMITS.maxVisibilityTimeoutSeconds * 1000;
  if (message.lr !== undefined && now + timeout * 1000 - message.lr > limitMs) {
    throw invalidParameter(
      'VisibilityTimeout',
      timeout,
      `Total VisibilityTimeout for the message is beyond the limit [${SQS_LIMITS.maxVisibilityTimeoutSeconds} seconds]`,
    );
  }
  state.hide(queue, message, now + timeout * 1000);
}
