import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The file, inside a LogsService's state directory, that holds every change in order. */
export const LOG_JOURNAL_FILE = 'log-journal.jsonl';

/** A stored event in the journal: `[timestamp, ingestionTime, sequence, message]`, compact on purpose. */
export type JournalEvent = readonly [
  timestamp: number,
  ingestionTime: number,
  sequence: number,
  message: string,
];

/** One change to the local CloudWatch Logs, as the journal keeps it: a line of JSON each. */
export type JournalRecord =
  | {
      readonly type: 'createLogGroup';
      readonly logGroupName: string;
      readonly label: string;
      readonly creationTime: number;
      readonly retentionInDays?: number;
    }
  | { readonly type: 'deleteLogGroup'; readonly logGroupName: string }
  | {
      readonly type: 'createLogStream';
      readonly logGroupName: string;
      readonly logStreamName: string;
      readonly creationTime: number;
    }
  | { readonly type: 'deleteLogStream'; readonly logGroupName: string; readonly logStreamName: string }
  | { readonly type: 'putRetentionPolicy'; readonly logGroupName: string; readonly retentionInDays?: number }
  | {
      readonly type: 'putLogEvents';
      readonly logGroupName: string;
      readonly logStreamName: string;
      readonly events: readonly JournalEvent[];
    };

/** The error of a journal line that is not JSON, other than a last line torn by a crash. */
export class CorruptLogJournalError extends Error {
  constructor(
    public readonly path: string,
    public readonly line: number,
  ) {
    super(`${path}:${line} is not a journal record; move the file away to start with empty logs`);
    this.name = 'CorruptLogJournalError';
  }
}

/**
 * An append-only file of {@link JournalRecord}s, one JSON line each, so the local logs survive a
 * restart. Each record is written with one synchronous `write` before the API answers, so a
 * `kill -9` loses nothing acknowledged (the operating system still has it; there is no fsync, so a
 * power cut may). A crash in the middle of a write leaves a torn last line: loading skips it and
 * cuts it off, so the next record starts on a line of its own.
 */
export class LogJournal {
  private readonly descriptor: number;

  /** Opens (creating if need be) the journal in `directory` and returns it with the records it holds. */
  static open(directory: string): { journal: LogJournal; records: JournalRecord[] } {
    mkdirSync(directory, { recursive: true });
    const path = join(directory, LOG_JOURNAL_FILE);
    const records = existsSync(path) ? LogJournal.load(path) : [];
    return { journal: new LogJournal(path), records };
  }

  private constructor(public readonly path: string) {
    this.descriptor = openSync(path, 'a');
  }

  append(record: JournalRecord): void {
    writeSync(this.descriptor, `${JSON.stringify(record)}\n`);
  }

  close(): void {
    closeSync(this.descriptor);
  }

  private static load(path: string): JournalRecord[] {
    const content = readFileSync(path);
    const lastNewline = content.lastIndexOf(0x0a);
    const complete = content.subarray(0, lastNewline + 1).toString('utf8');
    const lines = complete === '' ? [] : complete.slice(0, -1).split('\n');
    const records = lines.map((line, index) => {
      try {
        return JSON.parse(line) as JournalRecord;
      } catch {
        throw new CorruptLogJournalError(path, index + 1);
      }
    });
    const tail = content.subarray(lastNewline + 1);
    if (tail.length > 0) {
      let whole: JournalRecord | undefined;
      try {
        whole = JSON.parse(tail.toString('utf8')) as JournalRecord;
      } catch {
        whole = undefined;
      }
      const descriptor = openSync(path, 'r+');
      try {
        if (whole === undefined) ftruncateSync(descriptor, lastNewline + 1);
        else {
          records.push(whole);
          // Whole but without its newline: end the line so the next record starts its own.
          writeSync(descriptor, '\n', content.length);
        }
      } finally {
        closeSync(descriptor);
      }
    }
    return records;
  }
}
