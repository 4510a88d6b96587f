import { LOCAL_ENVIRONMENT_DEFAULTS } from '../assembly/local-environment';
import { type Clock, systemClock } from '../clock';
import { ResourceAlreadyExistsException, ResourceNotFoundException } from './errors';
import { LogFiles } from './log-files';
import { type JournalEvent, type JournalRecord, LogJournal } from './log-journal';
import { type CheckedLogEventBatch, checkLogEventBatch } from './put-log-events-batch';
import type { TerminalPrinter } from './terminal-printer';

/** A log event, as CloudWatch Logs stores it. */
export interface LogEvent {
  /** Milliseconds since the epoch, by the local cloud's clock. */
  readonly timestamp: number;
  readonly message: string;
}

/** A log event with what CloudWatch Logs adds when it ingests it. */
export interface StoredLogEvent extends LogEvent {
  /** When the event was put, by the local cloud's clock. */
  readonly ingestionTime: number;
  /** Unique across the service and kept across restarts: 56 digits, like CloudWatch's event ids. */
  readonly eventId: string;
  /** The order the service ingested events in, across all streams. */
  readonly sequence: number;
  /** The event's position in its stream, counting from the first event ever put there. */
  readonly index: number;
}

/** Options of a {@link LogsService}. */
export interface LogsServiceOptions {
  /** @default systemClock */
  readonly clock?: Clock;
  /** Writes every event to `<directory>/<group>/<stream>.log`, for people to read. @default - no files */
  readonly directory?: string;
  /**
   * Keeps groups, streams, events and retention policies in `<stateDirectory>/log-journal.jsonl` and
   * loads them back on start, so the logs survive a restart. @default - logs live in memory only
   */
  readonly stateDirectory?: string;
  /** Prints every event to the terminal. @default - nothing printed */
  readonly printer?: TerminalPrinter;
  /** Events kept in memory per stream for {@link LogsService.getLogEvents}; older ones are dropped. @default 10000 */
  readonly retainedEventsPerStream?: number;
  /** The account in log group ARNs. @default '000000000000' */
  readonly accountId?: string;
  /** The region in log group ARNs. @default 'us-east-1' */
  readonly region?: string;
}

/** What {@link LogsService.describeLogGroups} tells of a group. */
export interface LogGroupDescription {
  readonly logGroupName: string;
  /** How the terminal names the group's streams, such as the function's name. */
  readonly label: string;
  readonly creationTime: number;
  /** How many streams the group has. */
  readonly streams: number;
  /** The group's retention policy; absent when events never expire. */
  readonly retentionInDays?: number;
  /** The UTF-8 size of the messages the group holds in memory. */
  readonly storedBytes: number;
}

/** What {@link LogsService.describeLogStreams} tells of a stream. */
export interface LogStreamDescription {
  readonly logStreamName: string;
  readonly creationTime: number;
  /** How many events the stream has received, retained or not. */
  readonly storedEvents: number;
  readonly firstEventTimestamp?: number;
  readonly lastEventTimestamp?: number;
  readonly lastIngestionTime?: number;
}

interface LogStream {
  readonly logStreamName: string;
  readonly creationTime: number;
  readonly events: StoredLogEvent[];
  storedEvents: number;
  storedBytes: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
}

interface LogGroup {
  readonly logGroupName: string;
  readonly label: string;
  readonly creationTime: number;
  readonly streams: Map<string, LogStream>;
  retentionInDays?: number;
}

/**
 * A listener of every event put into any stream; `position` is the event's place in its stream
 * (its {@link StoredLogEvent.index}), for {@link LogsService.storedLogEventsBetween}.
 */
export type LogEventListener = (
  logGroupName: string,
  logStreamName: string,
  event: LogEvent,
  position: number,
) => void;

/** CloudWatch Logs' event ids are 56 decimal digits. */
const EVENT_ID_DIGITS = 56;

/**
 * The local CloudWatch Logs: log groups holding log streams holding events, with the operation names
 * of the Logs API. Every event also goes to the terminal printer and to the log files, when given,
 * and to the journal in the state directory, when given.
 *
 * @example
 * const logs = new LogsService({ directory: '.local/logs', printer: new TerminalPrinter() });
 * logs.createLogGroup('/aws/lambda/ProcessOrders', 'ProcessOrders');
 * logs.createLogStream('/aws/lambda/ProcessOrders', '2026/11/25/[$LATEST]4f1c…');
 * logs.putLogEvents('/aws/lambda/ProcessOrders', '2026/11/25/[$LATEST]4f1c…', ['START RequestId: …']);
 */
export class LogsService {
  /** The account in log group ARNs. */
  public readonly accountId: string;
  /** The region in log group ARNs. */
  public readonly region: string;
  private readonly clock: Clock;
  private readonly files?: LogFiles;
  private readonly journal?: LogJournal;
  private readonly printer?: TerminalPrinter;
  private readonly retainedEventsPerStream: number;
  private readonly groups = new Map<string, LogGroup>();
  private readonly listeners = new Set<LogEventListener>();
  private nextSequence = 1;

  constructor(options: LogsServiceOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.files = options.directory === undefined ? undefined : new LogFiles(options.directory);
    this.printer = options.printer;
    this.retainedEventsPerStream = options.retainedEventsPerStream ?? 10_000;
    this.accountId = options.accountId ?? LOCAL_ENVIRONMENT_DEFAULTS.accountId;
    this.region = options.region ?? LOCAL_ENVIRONMENT_DEFAULTS.region;
    if (options.stateDirectory !== undefined) {
      const { journal, records } = LogJournal.open(options.stateDirectory);
      for (const record of records) this.replay(record);
      this.journal = journal;
    }
  }

  /**
   * Creates a log group; `label` prefixes its lines on the terminal.
   *
   * @param options.retentionInDays the template's `RetentionInDays`, reported by DescribeLogGroups
   */
  createLogGroup(
    logGroupName: string,
    label: string = logGroupName,
    options: { readonly retentionInDays?: number } = {},
  ): void {
    if (this.groups.has(logGroupName)) {
      throw new ResourceAlreadyExistsException(`The specified log group already exists: ${logGroupName}`);
    }
    this.apply({
      type: 'createLogGroup',
      logGroupName,
      label,
      creationTime: this.clock.now(),
      ...(options.retentionInDays === undefined ? {} : { retentionInDays: options.retentionInDays }),
    });
  }

  /** Deletes a log group with its streams and events. */
  deleteLogGroup(logGroupName: string): void {
    this.group(logGroupName);
    this.apply({ type: 'deleteLogGroup', logGroupName });
  }

  /** Sets how many days the group keeps events (CloudWatch's allowed values are checked by the API). */
  putRetentionPolicy(logGroupName: string, retentionInDays: number): void {
    this.group(logGroupName);
    this.apply({ type: 'putRetentionPolicy', logGroupName, retentionInDays });
  }

  /** Removes the group's retention policy: its events never expire. */
  deleteRetentionPolicy(logGroupName: string): void {
    this.group(logGroupName);
    this.apply({ type: 'putRetentionPolicy', logGroupName });
  }

  createLogStream(logGroupName: string, logStreamName: string): void {
    const group = this.group(logGroupName);
    if (group.streams.has(logStreamName)) {
      throw new ResourceAlreadyExistsException(`The specified log stream already exists: ${logStreamName}`);
    }
    this.apply({ type: 'createLogStream', logGroupName, logStreamName, creationTime: this.clock.now() });
  }

  deleteLogStream(logGroupName: string, logStreamName: string): void {
    this.stream(this.group(logGroupName), logStreamName);
    this.apply({ type: 'deleteLogStream', logGroupName, logStreamName });
  }

  /** Appends messages (stamped with the clock's time) or events with their own timestamps to a stream, in order. */
  putLogEvents(logGroupName: string, logStreamName: string, events: readonly (string | LogEvent)[]): void {
    const group = this.group(logGroupName);
    this.stream(group, logStreamName);
    if (events.length === 0) return;
    const now = this.clock.now();
    const stored: JournalEvent[] = events.map((item) =>
      typeof item === 'string'
        ? [now, now, this.nextSequence++, item]
        : [item.timestamp, now, this.nextSequence++, item.message],
    );
    this.apply({ type: 'putLogEvents', logGroupName, logStreamName, events: stored });
    let position = this.logStreamEnd(logGroupName, logStreamName) - stored.length;
    for (const [timestamp, , , message] of stored) {
      this.files?.append(logGroupName, logStreamName, message);
      this.printer?.print(group.label, logStreamName, message);
      for (const listener of this.listeners)
        listener(logGroupName, logStreamName, { timestamp, message }, position);
      position++;
    }
  }

  /**
   * PutLogEvents as the API does it: checks the batch against CloudWatch Logs' rules, the cloud's
   * clock and the group's retention, stores the events that pass and tells which did not.
   *
   * @throws InvalidParameterException when CloudWatch Logs would refuse the whole batch
   */
  putLogEventBatch(
    logGroupName: string,
    logStreamName: string,
    events: readonly LogEvent[],
  ): Pick<CheckedLogEventBatch, 'rejectedLogEventsInfo'> {
    const group = this.group(logGroupName);
    this.stream(group, logStreamName);
    const { accepted, rejectedLogEventsInfo } = checkLogEventBatch(
      events,
      this.clock.now(),
      group.retentionInDays,
    );
    this.putLogEvents(logGroupName, logStreamName, accepted);
    return rejectedLogEventsInfo ? { rejectedLogEventsInfo } : {};
  }

  /** The log groups, in creation order. */
  describeLogGroups(): LogGroupDescription[] {
    return [...this.groups.values()].map((group) => ({
      logGroupName: group.logGroupName,
      label: group.label,
      creationTime: group.creationTime,
      streams: group.streams.size,
      ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
      storedBytes: [...group.streams.values()].reduce((sum, stream) => sum + stream.storedBytes, 0),
    }));
  }

  /** The streams of a group, in creation order, with how many events each has received. */
  describeLogStreams(logGroupName: string): LogStreamDescription[] {
    return [...this.group(logGroupName).streams.values()].map((stream) => ({
      logStreamName: stream.logStreamName,
      creationTime: stream.creationTime,
      storedEvents: stream.storedEvents,
      firstEventTimestamp: stream.firstEventTimestamp,
      lastEventTimestamp: stream.lastEventTimestamp,
      lastIngestionTime: stream.lastIngestionTime,
    }));
  }

  /** The retained events of a stream, oldest first. */
  getLogEvents(logGroupName: string, logStreamName: string): LogEvent[] {
    return this.getStoredLogEvents(logGroupName, logStreamName).map(({ timestamp, message }) => ({
      timestamp,
      message,
    }));
  }

  /** The retained events of a stream with their ids, ingestion times and positions, oldest first. */
  getStoredLogEvents(logGroupName: string, logStreamName: string): readonly StoredLogEvent[] {
    return [...this.stream(this.group(logGroupName), logStreamName).events];
  }

  /**
   * The retained events of a stream from position `from` to `to`, both included, oldest first,
   * without copying the rest of the stream; positions no longer retained are left out.
   */
  storedLogEventsBetween(
    logGroupName: string,
    logStreamName: string,
    from: number,
    to: number,
  ): readonly StoredLogEvent[] {
    const { events, storedEvents } = this.stream(this.group(logGroupName), logStreamName);
    const first = storedEvents - events.length;
    return events.slice(Math.max(0, from - first), Math.max(0, to - first + 1));
  }

  /** How many events a stream has received: the position the next event will have. */
  logStreamEnd(logGroupName: string, logStreamName: string): number {
    return this.stream(this.group(logGroupName), logStreamName).storedEvents;
  }

  /** The ARN of a log group, as DescribeLogGroups' `logGroupArn` gives it. */
  logGroupArn(logGroupName: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${logGroupName}`;
  }

  /** Calls `listener` for every event from now on; returns the unsubscribe function. */
  subscribe(listener: LogEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the log files and the journal. */
  close(): void {
    this.files?.close();
    this.journal?.close();
  }

  /** Journals a change, then makes it, so what is in memory is never ahead of the state directory. */
  private apply(record: JournalRecord): void {
    this.journal?.append(record);
    this.replay(record);
  }

  /** Makes a journaled change; records of groups or streams deleted later in the journal are moot. */
  private replay(record: JournalRecord): void {
    const group = this.groups.get(record.logGroupName);
    switch (record.type) {
      case 'createLogGroup':
        this.groups.set(record.logGroupName, {
          logGroupName: record.logGroupName,
          label: record.label,
          creationTime: record.creationTime,
          streams: new Map(),
          retentionInDays: record.retentionInDays,
        });
        return;
      case 'deleteLogGroup':
        this.groups.delete(record.logGroupName);
        return;
      case 'putRetentionPolicy':
        if (group) group.retentionInDays = record.retentionInDays;
        return;
      case 'createLogStream':
        group?.streams.set(record.logStreamName, {
          logStreamName: record.logStreamName,
          creationTime: record.creationTime,
          events: [],
          storedEvents: 0,
          storedBytes: 0,
        });
        return;
      case 'deleteLogStream':
        group?.streams.delete(record.logStreamName);
        return;
      case 'putLogEvents':
        this.replayEvents(group?.streams.get(record.logStreamName), record.events);
        return;
    }
  }

  /** Appends journaled events to a stream (gone when deleted later in the journal), dropping the oldest past the retained number. */
  private replayEvents(stream: LogStream | undefined, events: readonly JournalEvent[]): void {
    for (const [timestamp, ingestionTime, sequence, message] of events) {
      this.nextSequence = Math.max(this.nextSequence, sequence + 1);
      if (!stream) continue;
      stream.events.push({
        timestamp,
        message,
        ingestionTime,
        sequence,
        eventId: String(sequence).padStart(EVENT_ID_DIGITS, '0'),
        index: stream.storedEvents,
      });
      if (stream.events.length > this.retainedEventsPerStream) {
        const dropped = stream.events.shift() as StoredLogEvent;
        stream.storedBytes -= Buffer.byteLength(dropped.message);
      }
      stream.storedEvents++;
      stream.storedBytes += Buffer.byteLength(message);
      stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? timestamp, timestamp);
      stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? timestamp, timestamp);
      stream.lastIngestionTime = ingestionTime;
    }
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
