import type { ServerResponse } from 'node:http';
import type { LocalCloud } from '../cloud';
import type { LogEventMatcher } from '../logs/filter-pattern';
import type { ActivityChange } from './activity-recorder';
import type { ConsoleEvent, DeadLetterView, InvocationSummary, LogLineView } from './console-contract';
import { queueDepths } from './queue-lookup';
import { alarmViews } from './routes-alarms';

/** How often gathered changes are sent, at most. */
export const EVENT_INTERVAL_MS = 250;
/** How often an idle stream gets a comment, so proxies and the browser keep it open. */
export const HEARTBEAT_INTERVAL_MS = 15_000;

/** One open `GET events` stream. */
interface Connection {
  readonly response: ServerResponse;
  /** The log group whose lines it follows, with its filter; absent for none. */
  readonly logGroup?: string;
  readonly matches?: LogEventMatcher;
  lines: LogLineView[];
}

/** Where to follow a log group, as `?logGroup=NAME&filter=PATTERN` asks. */
export interface LogFollowing {
  readonly logGroup: string;
  readonly matches: LogEventMatcher;
}

function write(response: ServerResponse, event: ConsoleEvent): void {
  response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
}

/**
 * The console's Server-Sent Events: `hello` first on each stream, then what changed, gathered and
 * sent at most every {@link EVENT_INTERVAL_MS} (invocations started or ended, queue depths that
 * moved, dead letters, alarm changes), and the new matching lines of a followed log group. While no
 * stream is open it listens to nothing, so an unwatched cloud pays nothing for it.
 */
export class ConsoleEventHub {
  private readonly connections = new Set<Connection>();
  private readonly invocations = new Set<string>();
  /** By id: a letter changed twice between flushes is sent once, as it is now. */
  private readonly deadLetters = new Map<string, DeadLetterView>();
  private alarmsChanged = false;
  private lastDepths = '';
  private timers: NodeJS.Timeout[] = [];
  private detachers: (() => void)[] = [];

  constructor(private readonly cloud: LocalCloud) {}

  /** Starts a stream on `response`; it ends when the client goes or {@link close} is called. */
  open(response: ServerResponse, following?: LogFollowing): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    write(response, {
      type: 'hello',
      startedMs: this.cloud.activity.startedMs,
      nowMs: this.cloud.activity.nowMs(),
    });
    const connection: Connection = { response, ...following, lines: [] };
    if (this.connections.size === 0) this.listen();
    this.connections.add(connection);
    response.on('close', () => this.drop(connection));
  }

  /** Ends every stream and stops listening. */
  close(): void {
    for (const connection of [...this.connections]) {
      connection.response.end();
      this.drop(connection);
    }
  }

  private drop(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (this.connections.size === 0) this.stopListening();
  }

  private listen(): void {
    this.detachers.push(this.cloud.activity.subscribe((change) => this.gather(change)));
    this.detachers.push(
      this.cloud.logs.subscribe((logGroupName, logStreamName, event) => {
        for (const connection of this.connections) {
          if (connection.logGroup !== logGroupName || !connection.matches?.(event.message)) continue;
          connection.lines.push({ ...event, logGroupName, logStreamName });
        }
      }),
    );
    this.lastDepths = JSON.stringify(queueDepths(this.cloud.sqs.model));
    const flush = setInterval(() => this.flush(), EVENT_INTERVAL_MS);
    const heartbeat = setInterval(() => {
      for (const { response } of this.connections) response.write(': heartbeat\n\n');
    }, HEARTBEAT_INTERVAL_MS);
    flush.unref();
    heartbeat.unref();
    this.timers = [flush, heartbeat];
  }

  private stopListening(): void {
    for (const detach of this.detachers.splice(0)) detach();
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.invocations.clear();
    this.deadLetters.clear();
    this.alarmsChanged = false;
  }

  private gather(change: ActivityChange): void {
    if (change.type === 'invocation') this.invocations.add(change.requestId);
    else if (change.type === 'dead-letter') this.deadLetters.set(change.deadLetter.id, change.deadLetter);
    else this.alarmsChanged = true;
  }

  private broadcast(event: ConsoleEvent): void {
    for (const { response } of this.connections) write(response, event);
  }

  /** Sends what was gathered since the last flush. */
  private flush(): void {
    if (this.invocations.size > 0) {
      const invocations: InvocationSummary[] = [];
      for (const requestId of this.invocations) {
        const summary = this.cloud.activity.summary(requestId);
        if (summary !== undefined) invocations.push(summary);
      }
      this.invocations.clear();
      this.broadcast({ type: 'invocations', invocations });
    }
    for (const deadLetter of this.deadLetters.values()) this.broadcast({ type: 'dead-letter', deadLetter });
    this.deadLetters.clear();
    if (this.alarmsChanged) {
      this.alarmsChanged = false;
      for (const alarm of alarmViews(this.cloud)) this.broadcast({ type: 'alarm', alarm });
    }
    this.flushDepths();
    for (const connection of this.connections) {
      if (connection.lines.length === 0) continue;
      write(connection.response, { type: 'log', lines: connection.lines });
      connection.lines = [];
    }
  }

  private flushDepths(): void {
    let depths: ReturnType<typeof queueDepths>;
    try {
      depths = queueDepths(this.cloud.sqs.model);
    } catch {
      // The SQS model is closing with the cloud.
      return;
    }
    const text = JSON.stringify(depths);
    if (text === this.lastDepths) return;
    this.lastDepths = text;
    this.broadcast({ type: 'depths', depths });
  }
}
