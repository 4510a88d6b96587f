import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomically } from '../atomic-file';

/** An asynchronous invocation not yet settled, as the journal keeps it. */
export interface JournaledEvent {
  readonly requestId: string;
  readonly functionName: string;
  readonly payload: unknown;
  /** Cloud epoch milliseconds. */
  readonly enqueuedAt: number;
  /** Attempts made so far: the retries left follow from it. */
  readonly attempts: number;
  readonly throttles: number;
  /** Cloud epoch milliseconds of the next attempt. */
  readonly nextAttemptAt: number;
}

type JournalRecord =
  | ({ readonly type: 'enqueued' } & Pick<
      JournaledEvent,
      'requestId' | 'functionName' | 'payload' | 'enqueuedAt'
    >)
  | ({ readonly type: 'scheduled' } & Pick<
      JournaledEvent,
      'requestId' | 'attempts' | 'throttles' | 'nextAttemptAt'
    >)
  | { readonly type: 'settled'; readonly requestId: string };

/**
 * The queue of asynchronous invocations on disk, one JSON record a line: an event is written before
 * Invoke answers 202, each retry's time once it is set, and the end once it has settled. Each
 * record is written with a synchronous `write`, so a `kill -9` loses none that was acknowledged; a
 * restart replays the file, keeps the events not settled, and compacts it to them.
 */
export class AsyncInvocationJournal {
  private descriptor?: number;

  constructor(private readonly path: string) {}

  /** Reads the events not settled and starts a compacted file holding only them. */
  open(): JournaledEvent[] {
    const live = new Map<string, JournaledEvent>();
    if (existsSync(this.path)) {
      for (const line of readFileSync(this.path, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        let record: JournalRecord;
        try {
          record = JSON.parse(line) as JournalRecord;
        } catch {
          // Only the last line can be torn, by a crash in the middle of writing it: nothing was acknowledged for it.
          continue;
        }
        if (record.type === 'enqueued') {
          const { requestId, functionName, payload, enqueuedAt } = record;
          live.set(requestId, {
            requestId,
            functionName,
            payload,
            enqueuedAt,
            attempts: 0,
            throttles: 0,
            nextAttemptAt: enqueuedAt,
          });
        } else if (record.type === 'scheduled') {
          const event = live.get(record.requestId);
          const { attempts, throttles, nextAttemptAt } = record;
          if (event !== undefined)
            live.set(record.requestId, { ...event, attempts, throttles, nextAttemptAt });
        } else {
          live.delete(record.requestId);
        }
      }
    }
    const events = [...live.values()];
    mkdirSync(dirname(this.path), { recursive: true });
    const compacted = events.flatMap((event): JournalRecord[] => [
      {
        type: 'enqueued',
        requestId: event.requestId,
        functionName: event.functionName,
        payload: event.payload,
        enqueuedAt: event.enqueuedAt,
      },
      {
        type: 'scheduled',
        requestId: event.requestId,
        attempts: event.attempts,
        throttles: event.throttles,
        nextAttemptAt: event.nextAttemptAt,
      },
    ]);
    writeFileAtomically(this.path, compacted.map((record) => `${JSON.stringify(record)}\n`).join(''));
    this.descriptor = openSync(this.path, 'a');
    return events;
  }

  enqueued(event: Pick<JournaledEvent, 'requestId' | 'functionName' | 'payload' | 'enqueuedAt'>): void {
    this.append({ type: 'enqueued', ...event });
  }

  scheduled(event: Pick<JournaledEvent, 'requestId' | 'attempts' | 'throttles' | 'nextAttemptAt'>): void {
    this.append({ type: 'scheduled', ...event });
  }

  settled(requestId: string): void {
    this.append({ type: 'settled', requestId });
  }

  close(): void {
    if (this.descriptor !== undefined) closeSync(this.descriptor);
    this.descriptor = undefined;
  }

  private append(record: JournalRecord): void {
    if (this.descriptor === undefined) throw new Error(`the journal ${this.path} is not open`);
    writeSync(this.descriptor, `${JSON.stringify(record)}\n`);
  }
}
