import type {
  CancelMessageMoveTaskRequest,
  CancelMessageMoveTaskResult,
  ListMessageMoveTasksRequest,
  ListMessageMoveTasksResult,
  StartMessageMoveTaskRequest,
  StartMessageMoveTaskResult,
} from '@aws-sdk/client-sqs';
import { invalidParameter, SqsError } from './errors';
import { readInteger, readString, requireString } from './input';
import { describeMoveTask } from './move-tasks';
import type { Queue } from './queue';
import { isDeadLetterQueue } from './redrive';
import { SQS_LIMITS } from './sqs-limits';
import type { SqsState } from './sqs-state';
import type { WireInput, WithMembers } from './wire-shapes';

/** StartMessageMoveTask: moves a dead-letter queue's messages to their sources (or DestinationArn). */
export function startMessageMoveTask(
  state: SqsState,
  input: WireInput<StartMessageMoveTaskRequest>,
): WithMembers<StartMessageMoveTaskResult, 'TaskHandle'> {
  const sourceArn = requireString(input, 'SourceArn');
  const source = existingQueue(state, sourceArn, 'SourceArn');
  if (!isDeadLetterQueue(sourceArn, state.queues.values())) {
    throw invalidParameter('SourceArn', sourceArn, 'Source queue must be configured as a Dead Letter Queue.');
  }
  const destinationArn = readString(input, 'DestinationArn');
  if (destinationArn !== undefined) existingQueue(state, destinationArn, 'DestinationArn');
  const rate = readInteger(input, 'MaxNumberOfMessagesPerSecond', 1, SQS_LIMITS.maxMessagesMovedPerSecond);
  const toMove = source.counts.ready + source.counts.inflight + source.counts.delayed;
  return { TaskHandle: state.moveTasks.start(source, destinationArn, rate, toMove) };
}

/** ListMessageMoveTasks: the latest tasks of a source queue, newest first. */
export function listMessageMoveTasks(
  state: SqsState,
  input: WireInput<ListMessageMoveTasksRequest>,
): WithMembers<ListMessageMoveTasksResult, 'Results'> {
  const sourceArn = requireString(input, 'SourceArn');
  existingQueue(state, sourceArn, 'SourceArn');
  const maxResults = readInteger(input, 'MaxResults', 1, SQS_LIMITS.maxListMessageMoveTasksResults) ?? 1;
  return { Results: state.moveTasks.list(sourceArn, maxResults).map(describeMoveTask) };
}

/** CancelMessageMoveTask: messages already moved stay moved. */
export function cancelMessageMoveTask(
  state: SqsState,
  input: WireInput<CancelMessageMoveTaskRequest>,
): WithMembers<CancelMessageMoveTaskResult, 'ApproximateNumberOfMessagesMoved'> {
  const task = state.moveTasks.cancel(requireString(input, 'TaskHandle'));
  return { ApproximateNumberOfMessagesMoved: task.moved };
}

/** The queue with this ARN, or ResourceNotFoundException naming the parameter that gave it. */
function existingQueue(state: SqsState, arn: string, parameter: 'SourceArn' | 'DestinationArn'): Queue {
  const queue = state.queues.findByArn(arn);
  if (!queue) {
    throw new SqsError(
      'ResourceNotFoundException',
      `The resource that you specified for the ${parameter} parameter doesn't exist.`,
    );
  }
  return queue;
}
