import { type Clock, systemClock } from '../clock';
import { ResourceAlreadyExistsException, ResourceNotFoundException } from './errors';
import { LogFiles } from './log-files';
import type { TerminalPrinter } from './terminal-printer';

/** A log event, as CloudWatch Logs stores it. */
export interface LogEvent {
  /** Milliseconds since the epoch, by the local cloud's clock. */
  readonly timestamp: number;
  readonly message: string;
}

/** Options of a {@link LogsService}. */
export interface LogsServiceOptions {
  /** @default systemClock */
  readonly clock?: Clock;
  /** Writes every event to `<directory>/<group>/<stream>.log`. @default - no files */
  readonly directory?: string;
  /** Prints every event to the terminal. @default - nothing printed */
  readonly printer?: TerminalPrinter;
  /** Events kept in memory per stream for {@link LogsService.getLogEvents}; older ones are dropped. @default 10000 */
  readonly retainedEventsPerStream?: number;
}

interface LogStream {
  readonly logStreamName: string;
  readonly creationTime: number;
  readonly events: LogEvent[];
  storedEvents: number;
  lastEventTimestamp?: number;
}

interface LogGroup {
  readonly logGroupName: string;
  /** How the terminal names the group's streams, such as the function's name. */
  readonly label: string;
  readonly creationTime: number;
  readonly streams: Map<string, LogStream>;
}

/** A listener of every event put into any stream. */
export type LogEventListener = (logGroupName: string, logStreamName: string, event: LogEvent) => void;

/**
 * The local CloudWatch Logs: log groups holding log streams holding events, with the operation names
 * of the Logs API. Every event also goes to the terminal printer and to the log files, when given.
 *
 * @example
 * const logs = new LogsService({ directory: '.local/logs', printer: new TerminalPrinter() });
 * logs.createLogGroup('/aws/lambda/ProcessOrders', 'ProcessOrders');
 * logs.createLogStream('/aws/lambda/ProcessOrders', '2026/11/25/[$LATEST]4f1c…');
 * logs.putLogEvents('/aws/lambda/ProcessOrders', '2026/11/25/[$LATEST]4f1c…', ['START RequestId: …']);
 */
export class LogsService {
  private readonly clock: Clock;
  private readonly files?: LogFiles;
  private readonly printer?: TerminalPrinter;
  private readonly retainedEventsPerStream: number;
  private readonly groups = new Map<string, LogGroup>();
  private readonly listeners = new Set<LogEventListener>();

  constructor(options: LogsServiceOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.files = options.directory === undefined ? undefined : new LogFiles(options.directory);
    this.printer = options.printer;
    this.retainedEventsPerStream = options.retainedEventsPerStream ?? 10_000;
  }

  /** Creates a log group; `label` prefixes its lines on the terminal. */
  createLogGroup(logGroupName: string, label: string = logGroupName): void {
    if (this.groups.has(logGroupName)) {
      throw new ResourceAlreadyExistsException(`The specified log group already exists: ${logGroupName}`);
    }
    this.groups.set(logGroupName, {
      logGroupName,
      label,
      creationTime: this.clock.now(),
      streams: new Map(),
    });
  }

  createLogStream(logGroupName: string, logStreamName: string): void {
    const group = this.group(logGroupName);
    if (group.streams.has(logStreamName)) {
      throw new ResourceAlreadyExistsException(`The specified log stream already exists: ${logStreamName}`);
    }
    group.streams.set(logStreamName, {
      logStreamName,
      creationTime: this.clock.now(),
      events: [],
      storedEvents: 0,
    });
  }

  /** Appends messages (or events with their own timestamps) to a stream, in order. */
  putLogEvents(logGroupName: string, logStreamName: string, events: readonly (string | LogEvent)[]): void {
    const group = this.group(logGroupName);
    const stream = this.stream(group, logStreamName);
    for (const item of events) {
      const event = typeof item === 'string' ? { timestamp: this.clock.now(), message: item } : item;
      stream.events.push(event);
      if (stream.events.length > this.retainedEventsPerStream) stream.events.shift();
      stream.storedEvents++;
      stream.lastEventTimestamp = event.timestamp;
      this.files?.append(logGroupName, logStreamName, event.message);
      this.printer?.print(group.label, logStreamName, event.message);
      for (const listener of this.listeners) listener(logGroupName, logStreamName, event);
    }
  }

  describeLogGroups(): { logGroupName: string; label: string; creationTime: number; streams: number }[] {
    return [...this.groups.values()].map(({ logGroupName, label, creationTime, streams }) => ({
      logGroupName,
      label,
      creationTime,
      streams: streams.size,
    }));
  }

  /** The streams of a group, in creation order, with how many events each has received. */
  describeLogStreams(
    logGroupName: string,
  ): { logStreamName: string; creationTime: number; storedEvents: number; lastEventTimestamp?: number }[] {
    return [...this.group(logGroupName).streams.values()].map(
      ({ logStreamName, creationTime, storedEvents, lastEventTimestamp }) => ({
        logStreamName,
        creationTime,
        storedEvents,
        lastEventTimestamp,
      }),
    );
  }

  /** The retained events of a stream, oldest first. */
  getLogEvents(logGroupName: string, logStreamName: string): LogEvent[] {
    return [...this.stream(this.group(logGroupName), logStreamName).events];
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  subscribe(listener: LogEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the log files. */
  close(): void {
    this.files?.close();
  }

  private group(logGroupName: string): LogGroup {
    const group = this.groups.get(logGroupName);
    if (!group)
      throw new ResourceNotFoundException(`The specified log group does not exist: ${logGroupName}`);
    return group;
  }

  private stream(group: LogGroup, logStreamName: string): LogStream {
    const stream = group.streams.get(logStreamName);
    if (!stream)
      throw new ResourceNotFoundException(`The specified log stream does not exist: ${logStreamName}`);
    return stream;
  }
}
