import type {
  DeleteMessageBatchRequest,
  DeleteMessageBatchRequestEntry,
  DeleteMessageRequest,
} from '@aws-sdk/client-sqs';
import { type BatchOutcome, runBatchEntries } from './batch-entries';
import { readObjectList, requireString } from './input';
import { assertBatchEntries } from './message-validation';
import type { Queue } from './queue';
import { findByReceiptHandle } from './receipt-handles';
import { SQS_LIMITS } from './sqs-limits';
import type { SqsState } from './sqs-state';
import type { EmptyResult, WireInput } from './wire-shapes';

/** DeleteMessage. A receipt handle older than the latest receive succeeds without deleting. */
export function deleteMessage(state: SqsState, input: WireInput<DeleteMessageRequest>): EmptyResult {
  const queue = state.resolveQueue(input);
  deleteByHandle(state, queue, requireString(input, 'ReceiptHandle'));
  return {};
}

/** DeleteMessageBatch. */
export function deleteMessageBatch(
  state: SqsState,
  input: WireInput<DeleteMessageBatchRequest>,
): BatchOutcome<EmptyResult> {
  const queue = state.resolveQueue(input);
  const entries: readonly WireInput<DeleteMessageBatchRequestEntry>[] = readObjectList(input, 'Entries');
  assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'DeleteMessageBatchRequestEntry');
  return runBatchEntries(entries, (entry) => {
    deleteByHandle(state, queue, requireString(entry, 'ReceiptHandle'));
    return {};
  });
}

function deleteByHandle(state: SqsState, queue: Queue, handle: string): void {
  const { message, token } = findByReceiptHandle(queue, handle);
  if (message && message.tok === token) {
    queue.remove(message);
    state.record({ t: 'del', q: queue.name, id: message.id });
  }
}
