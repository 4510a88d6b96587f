import type { DeadLetterView } from '../console-contract';

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

/** Whether a dead letter can be sent back: it is still on its queue and was not redriven yet. */
export function isRedrivable(deadLetter: DeadLetterView): boolean {
  return deadLetter.onQueue && !deadLetter.redriven;
}

/** What a dead letter's redrive status reads as. */
export function redriveStatus(
  deadLetter: DeadLetterView,
  pending: ReadonlySet<string>,
  failed: ReadonlyMap<string, string>,
): string {
  if (pending.has(deadLetter.id)) return 'redriving…';
  const error = failed.get(deadLetter.id);
  if (error) return `redrive failed: ${error}`;
  if (deadLetter.redriven) return `redriven as ${deadLetter.redriven.messageId}`;
  if (!deadLetter.onQueue) return 'no longer on the queue';
  return 'on the queue';
}
