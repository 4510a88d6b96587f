import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';
import type { Clock, TimerHandle } from '../clock';
import { SqsError } from './errors';
import type { Queue, StoredMessage } from './queue';

/** The states AWS reports for a message move task. */
export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/** A message move task, as ListMessageMoveTasks describes it. */
export interface MoveTask {
  readonly handle: string;
  readonly sourceArn: string;
  readonly destinationArn: string | undefined;
  readonly rate: number | undefined;
  readonly toMove: number;
  readonly startedAt: number;
  status: MoveTaskStatus;
  moved: number;
  failureReason: string | undefined;
  timer: TimerHandle | undefined;
}

/** What a move task needs from the model. */
export interface MoveTaskHost {
  findQueueByArn(arn: string): Queue | undefined;
  moveMessage(message: StoredMessage, from: Queue, to: Queue): void;
}

// Without a rate, a task moves this many messages per turn of the event loop, so that a large
// dead-letter queue does not stall every other request while it drains.
const UNLIMITED_CHUNK = 500;
const TASKS_KEPT_PER_SOURCE = 10;

/** Runs StartMessageMoveTask tasks: at most one running task per source queue. */
export class MoveTasks {
  private readonly tasks: MoveTask[] = [];
  private sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly host: MoveTaskHost,
  ) {}

  /** Starts moving the source's messages; returns the task handle. */
  start(source: Queue, destinationArn: string | undefined, rate: number | undefined, toMove: number): string {
    if (this.tasks.some((task) => task.sourceArn === source.arn && task.status === 'RUNNING')) {
      throw new SqsError(
        'UnsupportedOperation',
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const handle = Buffer.from(
      JSON.stringify({ taskId: `${++this.sequence}`, sourceArn: source.arn }),
    ).toString('base64');
    const task: MoveTask = {
      handle,
      sourceArn: source.arn,
      destinationArn,
      rate,
      toMove,
      startedAt: this.clock.now(),
      status: 'RUNNING',
      moved: 0,
      failureReason: undefined,
      timer: undefined,
    };
    this.tasks.unshift(task);
    const kept = this.tasks.filter((other) => other.sourceArn === source.arn);
    for (const old of kept.slice(TASKS_KEPT_PER_SOURCE)) this.tasks.splice(this.tasks.indexOf(old), 1);
    task.timer = this.clock.setTimer(() => this.step(task), 0);
    return handle;
  }

  /** The newest `max` tasks of a source queue. */
  list(sourceArn: string, max: number): MoveTask[] {
    return this.tasks.filter((task) => task.sourceArn === sourceArn).slice(0, max);
  }

  /** Cancels a running task; messages already moved stay moved. */
  cancel(handle: string): MoveTask {
    const task = this.tasks.find((candidate) => candidate.handle === handle);
    if (task?.status !== 'RUNNING') {
      throw new SqsError(
        'ResourceNotFoundException',
        'The task handle is not valid or the task is not running.',
      );
    }
    task.timer?.cancel();
    task.status = 'CANCELLED';
    return task;
  }

  /** Stops every running task's timer. */
  close(): void {
    for (const task of this.tasks) task.timer?.cancel();
  }

  private step(task: MoveTask): void {
    task.timer = undefined;
    if (task.status !== 'RUNNING') return;
    const source = this.host.findQueueByArn(task.sourceArn);
    if (!source) {
      this.fail(task, 'AWS.SimpleQueueService.NonExistentQueue');
      return;
    }
    source.settle(this.clock.now());
    let movedNow = 0;
    source.take(task.rate ?? UNLIMITED_CHUNK, (message) => {
      if (task.status !== 'RUNNING') return false;
      const destinationArn = task.destinationArn ?? message.dlqSource;
      const destination = destinationArn === undefined ? undefined : this.host.findQueueByArn(destinationArn);
      if (!destination) {
        this.fail(task, 'AWS.SimpleQueueService.NonExistentQueue');
        return false;
      }
      this.host.moveMessage(message, source, destination);
      task.moved++;
      movedNow++;
      return true;
    });
    if (task.status !== 'RUNNING') return;
    if (movedNow === 0 || source.counts.ready === 0) {
      task.status = 'COMPLETED';
      return;
    }
    task.timer = this.clock.setTimer(() => this.step(task), task.rate === undefined ? 0 : 1000);
  }

  private fail(task: MoveTask, reason: string): void {
    task.status = 'FAILED';
    task.failureReason = reason;
  }
}

/** A task as ListMessageMoveTasks reports it. */
export function describeMoveTask(task: MoveTask): ListMessageMoveTasksResultEntry {
  const result: ListMessageMoveTasksResultEntry = {
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
