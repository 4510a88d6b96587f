import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent, JournalSink } from './queue-model';

/** Options of {@link Journal}. */
export interface JournalOptions {
  /** Directory holding the journal; created if missing. */
  readonly dir: string;
  /**
   * Rewrite the journal as a snapshot once this many bytes have been appended since the last one
   * (and they are more than the snapshot itself). @default 64 MiB
   */
  readonly compactAfterBytes?: number;
}

interface FlushWaiter {
  readonly target: number;
  resolve(): void;
  reject(error: unknown): void;
}

const JOURNAL_FILE = 'sqs-journal.jsonl';

/**
 * An append-only journal of model events, one JSON object per line, with group commit: every
 * request that must be durable awaits {@link flush}, and all the events appended meanwhile share one
 * write and one fdatasync. On open it replays the file (ignoring a torn last line left by a crash)
 * and rewrites it as a compact snapshot; it compacts again whenever it has grown enough.
 */
export class Journal implements JournalSink {
  private pending: string[] = [];
  private appended = 0;
  private durable = 0;
  private waiters: FlushWaiter[] = [];
  private writing = false;
  private scheduled = false;
  private bytesSinceSnapshot = 0;
  private snapshotBytes = 0;
  private failure: unknown;

  private constructor(
    private readonly path: string,
    private readonly dir: string,
    private handle: FileHandle,
    private readonly compactAfterBytes: number,
    private readonly snapshot: () => Iterable<JournalEvent>,
  ) {}

  /**
   * Replays the journal in `options.dir` through `restore`, compacts it from `snapshot`, and returns
   * a journal ready to append to.
   */
  static async open(
    options: JournalOptions,
    restore: (event: JournalEvent) => void,
    snapshot: () => Iterable<JournalEvent>,
  ): Promise<Journal> {
    mkdirSync(options.dir, { recursive: true });
    const path = join(options.dir, JOURNAL_FILE);
    if (existsSync(path)) {
      const lines = readFileSync(path, 'utf8').split('\n');
      for (let index = 0; index < lines.length; index++) {
        const line = lines[index];
        if (line === '') continue;
        let event: JournalEvent;
        try {
          event = JSON.parse(line) as JournalEvent;
        } catch (error) {
          // Only the last line can be torn by a crash mid-write; anything else is corruption.
          if (index >= lines.length - 2) break;
          throw new Error(`${path}:${index + 1}: unreadable journal line (${String(error)})`);
        }
        restore(event);
      }
    }
    const journal = new Journal(
      path,
      options.dir,
      await open(path, 'a'),
      options.compactAfterBytes ?? 64 * 1024 * 1024,
      snapshot,
    );
    await journal.compact();
    return journal;
  }

  append(event: JournalEvent): void {
    this.pending.push(`${JSON.stringify(event)}\n`);
    this.appended++;
    if (!this.scheduled && !this.writing) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        void this.drain();
      });
    }
  }

  /** Resolves once every event appended so far is on disk. */
  flush(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable >= this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ target: this.appended, resolve, reject });
    });
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }

  private async drain(): Promise<void> {
    if (this.writing || this.pending.length === 0) return;
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.join('');
        const upTo = this.appended;
        this.pending = [];
        await this.handle.write(batch);
        await this.handle.datasync();
        this.bytesSinceSnapshot += Buffer.byteLength(batch);
        this.durable = upTo;
        this.settleWaiters();
        if (
          this.pending.length === 0 &&
          this.bytesSinceSnapshot > this.compactAfterBytes &&
          this.bytesSinceSnapshot > this.snapshotBytes
        ) {
          await this.compact();
        }
      }
    } catch (error) {
      this.failure = error;
      for (const waiter of this.waiters) waiter.reject(error);
      this.waiters = [];
    } finally {
      this.writing = false;
    }
  }

  private settleWaiters(): void {
    const remaining: FlushWaiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.target <= this.durable) waiter.resolve();
      else remaining.push(waiter);
    }
    this.waiters = remaining;
  }

  /**
   * Rewrites the journal as the events that rebuild the current state. It runs synchronously so no
   * event can be appended between taking the snapshot and swapping the files; callers make sure no
   * appended event is still unwritten, or it would be replayed on top of a state that includes it.
   */
  private async compact(): Promise<void> {
    const temporary = `${this.path}.tmp`;
    const fd = openSync(temporary, 'w');
    let bytes = 0;
    try {
      let chunk: string[] = [];
      for (const event of this.snapshot()) {
        chunk.push(`${JSON.stringify(event)}\n`);
        if (chunk.length >= 1000) {
          bytes += writeSync(fd, chunk.join(''));
          chunk = [];
        }
      }
      if (chunk.length > 0) bytes += writeSync(fd, chunk.join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    const dirFd = openSync(this.dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    const old = this.handle;
    this.handle = await open(this.path, 'a');
    await old.close();
    this.snapshotBytes = bytes;
    this.bytesSinceSnapshot = 0;
  }
}
