import { BoundedMap } from './bounded-map';
import type { AlarmHistoryView, DeadLetterView } from './console-contract';
import type { TrackedInvocation } from './invocation-tracker';

/** One line of the console's activity journal: the latest state of an invocation, a dead letter, or an alarm change. */
export type ActivityRecord =
  | { readonly t: 'invocation'; readonly v: TrackedInvocation }
  | { readonly t: 'dead-letter'; readonly v: DeadLetterView }
  | { readonly t: 'alarm'; readonly name: string; readonly v: AlarmHistoryView };

/** How much a replay keeps: the recorder's own bounds. */
export interface ActivityBounds {
  readonly maxInvocations: number;
  readonly maxDeadLetters: number;
  readonly maxAlarmHistory: number;
}

/** What a journal held, bounded, each kind oldest first. */
export interface ReplayedActivity {
  readonly invocations: TrackedInvocation[];
  readonly deadLetters: DeadLetterView[];
  readonly alarms: Map<string, AlarmHistoryView[]>;
}

/** A replay's result, with the lines it could not read. */
export interface ActivityReplay {
  readonly activity: ReplayedActivity;
  /** A last line without its newline that is no record: the cloud stopped while writing it. */
  readonly tornTail?: { readonly bytes: number };
  /** Line numbers (from 1) of whole lines that are no record of this journal. */
  readonly corruptLines: readonly number[];
  /** Whole lines read. */
  readonly lines: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record a line holds, or undefined when it is not one this journal writes. */
export function parseActivityRecord(line: string): ActivityRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || !isObject(parsed.v)) return undefined;
  const value = parsed.v;
  if (parsed.t === 'invocation' && typeof value.id === 'string' && typeof value.startMs === 'number')
    return parsed as ActivityRecord;
  if (parsed.t === 'dead-letter' && typeof value.id === 'string' && typeof value.messageId === 'string')
    return parsed as ActivityRecord;
  if (parsed.t === 'alarm' && typeof parsed.name === 'string' && typeof value.newState === 'string')
    return parsed as ActivityRecord;
  return undefined;
}

/**
 * Reads a journal's text: the last record of each invocation and dead letter wins, and only the
 * latest ones within `bounds` are kept, as the recorder would have kept them. A last line without
 * its newline that does not parse is a write cut short by a crash and is reported as torn; any
 * other line that is no record is reported by number. Nothing throws.
 */
export function replayActivity(text: string, bounds: ActivityBounds): ActivityReplay {
  const invocations = new BoundedMap<string, TrackedInvocation>(bounds.maxInvocations);
  const deadLetters = new BoundedMap<string, DeadLetterView>(bounds.maxDeadLetters);
  const alarms = new Map<string, AlarmHistoryView[]>();
  const corruptLines: number[] = [];
  const lastNewline = text.lastIndexOf('\n');
  const whole = lastNewline < 0 ? [] : text.slice(0, lastNewline).split('\n');
  const tail = text.slice(lastNewline + 1);
  const apply = (record: ActivityRecord) => {
    if (record.t === 'invocation') invocations.set(record.v.id, record.v);
    else if (record.t === 'dead-letter') deadLetters.set(record.v.id, record.v);
    else {
      const history = alarms.get(record.name) ?? [];
      history.push(record.v);
      if (history.length > bounds.maxAlarmHistory) history.shift();
      alarms.set(record.name, history);
    }
  };
  whole.forEach((line, index) => {
    if (line.trim() === '') return;
    const record = parseActivityRecord(line);
    if (record === undefined) corruptLines.push(index + 1);
    else apply(record);
  });
  let tornTail: { bytes: number } | undefined;
  if (tail.trim() !== '') {
    const record = parseActivityRecord(tail);
    if (record === undefined) tornTail = { bytes: Buffer.byteLength(tail) };
    else apply(record);
  }
  return {
    activity: {
      invocations: [...invocations.values()],
      deadLetters: [...deadLetters.values()],
      alarms,
    },
    ...(tornTail === undefined ? {} : { tornTail }),
    corruptLines,
    lines: whole.length,
  };
}

/** The records that rebuild `activity`: what a compacted journal holds. */
export function* activityRecords(activity: {
  readonly invocations: Iterable<TrackedInvocation>;
  readonly deadLetters: Iterable<DeadLetterView>;
  readonly alarms: Iterable<[string, readonly AlarmHistoryView[]]>;
}): Generator<ActivityRecord> {
  for (const invocation of activity.invocations) yield { t: 'invocation', v: invocation };
  for (const deadLetter of activity.deadLetters) yield { t: 'dead-letter', v: deadLetter };
  for (const [name, history] of activity.alarms) {
    for (const change of history) yield { t: 'alarm', name, v: change };
  }
}
