import type { DeadLetterView, MoveTaskView, RedriveMethod } from '../console-contract';

/** The dead letters that share a rejection reason. */
export interface DeadLetterGroup {
  readonly reason: string;
  readonly deadLetters: readonly DeadLetterView[];
}

/** Groups by reason, the largest group first, each group's newest arrival first. */
export function groupByReason(deadLetters: Iterable<DeadLetterView>): DeadLetterGroup[] {
  const groups = new Map<string, DeadLetterView[]>();
  for (const deadLetter of deadLetters) {
    const group = groups.get(deadLetter.reason);
    if (group) group.push(deadLetter);
    else groups.set(deadLetter.reason, [deadLetter]);
  }
  return [...groups.entries()]
    .map(([reason, members]) => ({ reason, deadLetters: members.sort((l, r) => r.arrivedMs - l.arrivedMs) }))
    .sort(
      (left, right) =>
        right.deadLetters.length - left.deadLetters.length || left.reason.localeCompare(right.reason),
    );
}

/**
 * Whether a dead letter can be sent back: not redriven yet, and its source queue known. One a
 * consumer already took off its dead-letter queue still can: the console sends its recorded copy.
 */
export function isRedrivable(deadLetter: DeadLetterView): boolean {
  return !deadLetter.redriven && deadLetter.sourceQueueName !== undefined;
}

/**
 * The dead letter a redriven one became when it was rejected again: the first later arrival with
 * the same body (a message sent back gets a new id, and a rejection sends it on with another).
 */
export function rejectedAgainAs(
  deadLetter: DeadLetterView,
  all: Iterable<DeadLetterView>,
): DeadLetterView | undefined {
  const redriven = deadLetter.redriven;
  if (!redriven) return undefined;
  let found: DeadLetterView | undefined;
  for (const other of all) {
    if (other.id === deadLetter.id || other.body !== deadLetter.body || other.arrivedMs < redriven.atMs)
      continue;
    if (!found || other.arrivedMs < found.arrivedMs) found = other;
  }
  return found;
}

/** How a redrive went, as the status says it. */
const REDRIVE_METHODS: Readonly<Record<RedriveMethod, string>> = {
  'move-task': ' by a message move task',
  resent: ' (resent from the dead-letter queue)',
  'recorded-copy': ' from the recorded copy',
};

/** What a dead letter's redrive status reads as, while it is sent back and after. */
export function redriveStatus(
  deadLetter: DeadLetterView,
  pending: ReadonlySet<string>,
  failed: ReadonlyMap<string, string>,
  all: Iterable<DeadLetterView> = [],
): string {
  if (pending.has(deadLetter.id)) return 'redriving…';
  const error = failed.get(deadLetter.id);
  if (error) return `redrive failed: ${error}`;
  const how = deadLetter.redriven?.via === undefined ? '' : REDRIVE_METHODS[deadLetter.redriven.via];
  const again = rejectedAgainAs(deadLetter, all);
  if (again) return `redriven${how}, then rejected again: ${again.reason}`;
  if (deadLetter.redriven) return `redriven${how} as ${deadLetter.redriven.messageId}`;
  if (deadLetter.sourceQueueName === undefined) return 'source queue unknown: cannot be redriven';
  return deadLetter.onQueue ? 'on the dead-letter queue' : 'taken off the dead-letter queue by its consumer';
}

/** A message move task's progress, e.g. `Orders-Dlq: RUNNING, 3 of 10 moved`. */
export function moveTaskText(task: MoveTaskView): string {
  const progress = `${task.approximateNumberOfMessagesMoved} of ${task.approximateNumberOfMessagesToMove} moved`;
  const failure = task.failureReason === undefined ? '' : ` (${task.failureReason})`;
  return `${task.deadLetterQueueName}: ${task.status}${failure}, ${progress}`;
}
