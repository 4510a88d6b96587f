import { setTimeout as sleepFor } from 'node:timers/promises';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';

/** A move task's progress, as ListMessageMoveTasks reports it. */
export interface MoveProgress {
  readonly status: string;
  readonly moved: number;
  readonly toMove?: number;
  readonly failureReason?: string;
}

/** The SQS calls a move needs, so tests can stand in for SQS. */
export interface MoveTaskApi {
  queueArn(queueUrl: string): Promise<string>;
  /** Starts moving every message of the dead-letter queue back to the queue it came from. */
  start(sourceArn: string): Promise<string>;
  /** The most recent task of the source queue. */
  latest(sourceArn: string): Promise<MoveProgress | undefined>;
}

/** Adapts an SQSClient to {@link MoveTaskApi}. */
export function sqsMoveTaskApi(client: SQSClient): MoveTaskApi {
  return {
    async queueArn(queueUrl) {
      const { Attributes = {} } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
      );
      if (Attributes.QueueArn === undefined) throw new Error(`SQS gave no QueueArn for ${queueUrl}`);
      return Attributes.QueueArn;
    },
    async start(sourceArn) {
      // No DestinationArn: SQS moves each message back to the queue that dead-lettered it.
      const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: sourceArn }));
      return TaskHandle ?? '';
    },
    async latest(sourceArn) {
      const { Results = [] } = await client.send(
        new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }),
      );
      const task = Results[0];
      if (task === undefined) return undefined;
      return {
        status: task.Status ?? 'UNKNOWN',
        moved: task.ApproximateNumberOfMessagesMoved ?? 0,
        ...(task.ApproximateNumberOfMessagesToMove === undefined
          ? {}
          : { toMove: task.ApproximateNumberOfMessagesToMove }),
        ...(task.FailureReason === undefined ? {} : { failureReason: task.FailureReason }),
      };
    },
  };
}

export interface MoveDeadLettersOptions {
  readonly api: MoveTaskApi;
  readonly deadLetterQueueUrl: string;
  /** Give up waiting (the task goes on in SQS) after this long. */
  readonly waitSeconds: number;
  /** Told each progress reading. */
  readonly onProgress?: (progress: MoveProgress) => void;
  /** Between readings. @default 1000 */
  readonly pollMilliseconds?: number;
  /** @default - a real timer */
  readonly sleep?: (milliseconds: number) => Promise<void>;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The end of a move: finished in some state, or still running when the wait ended. */
export type MoveOutcome = MoveProgress & { readonly finished: boolean };

/**
 * Moves the messages still on the dead-letter queue back to their source queue with
 * StartMessageMoveTask, then follows the task with ListMessageMoveTasks until it is no longer
 * RUNNING or `waitSeconds` have passed.
 */
export async function moveDeadLetters(options: MoveDeadLettersOptions): Promise<MoveOutcome> {
  const { api, pollMilliseconds = 1000, sleep = (ms) => sleepFor(ms), now = Date.now } = options;
  const sourceArn = await api.queueArn(options.deadLetterQueueUrl);
  await api.start(sourceArn);
  const deadline = now() + options.waitSeconds * 1000;
  for (;;) {
    const progress = (await api.latest(sourceArn)) ?? { status: 'RUNNING', moved: 0 };
    options.onProgress?.(progress);
    if (progress.status !== 'RUNNING') return { ...progress, finished: true };
    if (now() >= deadline) return { ...progress, finished: false };
    await sleep(pollMilliseconds);
  }
}

/** A progress reading as one line. */
export function formatMoveProgress({ status, moved, toMove, failureReason }: MoveProgress): string {
  const of = toMove === undefined ? '' : ` of ${toMove}`;
  return `move task ${status}: ${moved}${of} message(s) moved${failureReason ? ` (${failureReason})` : ''}`;
}
