import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../atomic-file';
import {
  type ActivityBounds,
  type ActivityRecord,
  type ActivityReplay,
  activityRecords,
  type ReplayedActivity,
  replayActivity,
} from './activity-replay';
import type { AlarmHistoryView, DeadLetterView } from './console-contract';
import type { TrackedInvocation } from './invocation-tracker';

/** The journal's file in the state directory's `console` folder. */
export const ACTIVITY_JOURNAL_FILE = 'activity.jsonl';
/** How long changes gather in memory before one write puts them all in the file. */
export const ACTIVITY_FLUSH_MS = 500;
/** Bytes appended since the last compaction that make the journal compact, at least. */
const COMPACT_FLOOR_BYTES = 16 * 1024 * 1024;

/** Options of {@link ActivityJournal.open}. */
export interface ActivityJournalOptions extends ActivityBounds {
  readonly path: string;
  /** Told what was skipped or set aside while reading the file. */
  readonly onProblem: (message: string) => void;
  /** The recorder's activity as it is now: what a compaction writes. */
  readonly snapshot: () => Iterable<ActivityRecord>;
  /** @default ACTIVITY_FLUSH_MS */
  readonly flushMs?: number;
  /** @default 16 MiB */
  readonly compactFloorBytes?: number;
}

/** What the problems of a replay read as, one message each; empty when the file was sound. */
export function replayProblems(path: string, replay: ActivityReplay, setAsideAs?: string): string[] {
  const problems: string[] = [];
  if (replay.tornTail !== undefined) {
    problems.push(
      `console activity: skipped the torn last line of ${path} (${replay.tornTail.bytes} bytes): the cloud stopped while writing it`,
    );
  }
  const { corruptLines } = replay;
  if (corruptLines.length > 0) {
    const shown = corruptLines.slice(0, 10).join(', ') + (corruptLines.length > 10 ? ', ...' : '');
    problems.push(
      `console activity: skipped ${corruptLines.length} of ${replay.lines} lines of ${path} that are not activity records (line ${shown})` +
        (setAsideAs === undefined ? '' : `; the file as it was is kept as ${setAsideAs}`),
    );
  }
  return problems;
}

function setAsideFile(path: string, as: string, onProblem: (message: string) => void): void {
  try {
    renameSync(path, as);
  } catch (error) {
    onProblem(
      `console activity: could not keep ${path} as ${as} (${error instanceof Error ? error.message : error}); it is replaced`,
    );
  }
}

/**
 * The console's activity on disk, so a cloud started again on the same state directory shows the
 * earlier run's timeline and dead letters: one JSON record a line, the latest state of each
 * invocation and dead letter and each alarm change. Changes gather in memory (an invocation that
 * changes three times before a flush is written once) and are appended with one `write` every
 * {@link ACTIVITY_FLUSH_MS}, without fsync: a `kill -9` loses at most that much of the console's
 * view, never the cloud's state. The file is bounded: at start, and whenever the appended bytes
 * exceed twice the last compacted size (at least 16 MiB), it is rewritten from the recorder's
 * memory, which its own bounds already limit.
 */
export class ActivityJournal {
  private descriptor: number;
  private readonly pendingInvocations = new Map<string, TrackedInvocation>();
  private readonly pendingDeadLetters = new Map<string, DeadLetterView>();
  private pendingLines: string[] = [];
  private timer?: NodeJS.Timeout;
  private appendedBytes = 0;
  private compactedBytes = 0;

  /** Reads the journal (if any), reports what it skipped, compacts it, and opens it for appending. */
  static open(options: ActivityJournalOptions): { journal: ActivityJournal; replayed: ReplayedActivity } {
    const { path, onProblem } = options;
    mkdirSync(dirname(path), { recursive: true });
    let replay: ActivityReplay | undefined;
    if (existsSync(path)) {
      try {
        replay = replayActivity(readFileSync(path, 'utf8'), options);
      } catch (error) {
        onProblem(
          `console activity: could not read ${path} (${error instanceof Error ? error.message : error}); the console starts without the earlier run's activity`,
        );
      }
      // A file with lines that are not records is kept as it was, so nothing is lost by compacting it.
      const setAside =
        replay === undefined || replay.corruptLines.length > 0 ? `${path}.corrupt-${Date.now()}` : undefined;
      if (setAside !== undefined) setAsideFile(path, setAside, onProblem);
      if (replay !== undefined)
        for (const problem of replayProblems(path, replay, setAside)) onProblem(problem);
    }
    const replayed = replay?.activity ?? { invocations: [], deadLetters: [], alarms: new Map() };
    return { journal: new ActivityJournal(options, replayed), replayed };
  }

  private constructor(
    private readonly options: ActivityJournalOptions,
    replayed: ReplayedActivity,
  ) {
    this.descriptor = this.rewrite(activityRecords(replayed), undefined);
  }

  /** An invocation started or changed: its state at the next flush is written. */
  invocationChanged(invocation: TrackedInvocation): void {
    this.pendingInvocations.set(invocation.id, invocation);
    this.schedule();
  }

  /** A dead letter arrived or changed. */
  deadLetterChanged(deadLetter: DeadLetterView): void {
    this.pendingDeadLetters.set(deadLetter.id, deadLetter);
    this.schedule();
  }

  /** An alarm changed state. */
  alarmChanged(name: string, change: AlarmHistoryView): void {
    this.pendingLines.push(`${JSON.stringify({ t: 'alarm', name, v: change } satisfies ActivityRecord)}\n`);
    this.schedule();
  }

  /** Writes what gathered since the last flush, and compacts the file when it has grown enough. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.pendingLines;
    for (const v of this.pendingInvocations.values())
      lines.push(`${JSON.stringify({ t: 'invocation', v } satisfies ActivityRecord)}\n`);
    for (const v of this.pendingDeadLetters.values())
      lines.push(`${JSON.stringify({ t: 'dead-letter', v } satisfies ActivityRecord)}\n`);
    this.pendingInvocations.clear();
    this.pendingDeadLetters.clear();
    this.pendingLines = [];
    if (lines.length === 0) return;
    const text = lines.join('');
    writeSync(this.descriptor, text);
    this.appendedBytes += Buffer.byteLength(text);
    const limit = Math.max(this.options.compactFloorBytes ?? COMPACT_FLOOR_BYTES, 2 * this.compactedBytes);
    if (this.appendedBytes > limit) this.descriptor = this.rewrite(this.options.snapshot(), this.descriptor);
  }

  /** Flushes and closes the file. */
  close(): void {
    this.flush();
    closeSync(this.descriptor);
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => this.flush(), this.options.flushMs ?? ACTIVITY_FLUSH_MS);
    this.timer.unref();
  }

  /** Replaces the file with `records` all at once, and answers a descriptor appending to it. */
  private rewrite(records: Iterable<ActivityRecord>, open: number | undefined): number {
    const lines: string[] = [];
    for (const record of records) lines.push(`${JSON.stringify(record)}\n`);
    const text = lines.join('');
    writeFileAtomically(this.options.path, text);
    if (open !== undefined) closeSync(open);
    this.compactedBytes = Buffer.byteLength(text);
    this.appendedBytes = 0;
    return openSync(this.options.path, 'a');
  }
}
