import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { PublishedMessage } from './published-message';
import type { ModelChange } from './sns-model';

/** A message accepted for delivery, with the subscriptions it still has to reach. */
export interface PendingPublish {
  readonly message: PublishedMessage;
  readonly subscriptionArns: readonly string[];
}

/** One line of the SNS journal. */
export type JournalRecord =
  | ModelChange
  | { readonly kind: 'publish'; readonly publishes: readonly PendingPublish[] }
  | { readonly kind: 'delivered'; readonly messageId: string; readonly subscriptionArn: string };

const JOURNAL_FILE = 'sns-journal.jsonl';

/**
 * The local SNS's durable state: an append-only file of JSON lines holding the changes to topics
 * and subscriptions, each accepted publish with the subscriptions it must reach, and each delivery
 * once done. Changes and publishes are written and fdatasync'ed before the request is acknowledged;
 * a `delivered` mark is not synced (losing one only repeats a delivery: at-least-once, as on SNS).
 * At start it is replayed (a line torn by a crash at the end is ignored) and rewritten as a compact
 * snapshot, atomically: written beside it, synced, renamed over it.
 */
export class SnsStateJournal {
  private bytesSinceCompaction = 0;

  private constructor(
    private readonly path: string,
    private fd: number,
  ) {}

  /** Opens the journal in `dir` (created if missing), handing every record it holds to `replay`. */
  static open(dir: string, replay: (record: JournalRecord) => void): SnsStateJournal {
    mkdirSync(dir, { recursive: true });
    const path = join(dir, JOURNAL_FILE);
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      for (let index = 0; index < lines.length; index++) {
        if (lines[index] === '') continue;
        let record: JournalRecord;
        try {
          record = JSON.parse(lines[index]) as JournalRecord;
        } catch (error) {
          // Only the last line can be torn by a crash mid-write; anything earlier is corruption.
          if (index >= lines.length - 2) break;
          throw new Error(`${path}, line ${index + 1}, is not JSON: ${(error as Error).message}`);
        }
        replay(record);
      }
    }
    return new SnsStateJournal(path, openSync(path, 'a'));
  }

  /** Bytes appended since the last compaction, to decide when to compact again. */
  get appendedBytes(): number {
    return this.bytesSinceCompaction;
  }

  /** Appends a record; `durable` ones are on disk (fdatasync) when this returns. */
  append(record: JournalRecord, durable: boolean): void {
    const line = `${JSON.stringify(record)}\n`;
    writeSync(this.fd, line);
    this.bytesSinceCompaction += Buffer.byteLength(line);
    if (durable) fdatasyncSync(this.fd);
  }

  /** Replaces the journal with `records` (the current state), atomically and synced. */
  compact(records: Iterable<JournalRecord>): void {
    const next = `${this.path}.next`;
    const fd = openSync(next, 'w');
    try {
      let chunk = '';
      for (const record of records) {
        chunk += `${JSON.stringify(record)}\n`;
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(next, this.path);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.bytesSinceCompaction = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
