import type { LocalStackDefinition } from '../assembly/local-stack';
import type { Clock } from '../clock';
import type { AlarmStateChange } from '../cloudwatch/alarm-state-change';
import type { BatchSettlement } from '../event-source-mapping/poller-types';
import type { LogsService } from '../logs/logs-service';
import type { SqsModel } from '../sqs/queue-model';
import { ActivityJournal } from './activity-journal';
import { activityRecords } from './activity-replay';
import type {
  AlarmHistoryView,
  DeadLetterView,
  InvocationDetail,
  LogLineView,
  MappingCap,
  RedriveMethod,
  TimelineSnapshot,
} from './console-contract';
import { restoreDeadLetters } from './dead-letter-restore';
import { type DeadLetterQueues, DeadLetterTracker } from './dead-letter-tracker';
import { InvocationTracker, summaryOf, type TrackedInvocation } from './invocation-tracker';

/** What changed, as {@link ActivityRecorder.subscribe} tells it. */
export type ActivityChange =
  | { readonly type: 'invocation'; readonly requestId: string }
  | { readonly type: 'dead-letter'; readonly deadLetter: DeadLetterView }
  | { readonly type: 'alarm'; readonly alarmName: string; readonly change: AlarmHistoryView };

/** Options of an {@link ActivityRecorder}. */
export interface ActivityRecorderOptions {
  readonly clock: Pick<Clock, 'now'> & Partial<Pick<Clock, 'scale'>>;
  readonly stack: Pick<LocalStackDefinition, 'functions' | 'eventSourceMappings' | 'queues'>;
  /** The mappings' caps as they are now (UpdateEventSourceMapping changes them). @default - none */
  readonly mappingCaps?: () => readonly MappingCap[];
  /** Invocations kept, oldest forgotten first. @default 200000 */
  readonly maxInvocations?: number;
  /** Dead letters kept, bodies included, oldest forgotten first. @default 10000 */
  readonly maxDeadLetters?: number;
  /** Alarm state changes kept per alarm. @default 1000 */
  readonly maxAlarmHistory?: number;
  /**
   * The file that keeps the activity across restarts (the state directory's
   * `console/activity.jsonl`): replayed when the recorder attaches, appended to after.
   * @default - nothing is written
   */
  readonly journalFile?: string;
  /** Told what the journal's replay skipped. @default - written to stderr */
  readonly onProblem?: (message: string) => void;
}

/** What the recorder follows once the cloud's services run. */
export interface ActivitySources {
  readonly logs: Pick<LogsService, 'subscribe' | 'storedLogEventsBetween'>;
  readonly sqs: Pick<
    SqsModel,
    | 'observe'
    | 'deadLetterSourceNames'
    | 'getQueueAttributes'
    | 'endpoint'
    | 'accountId'
    | 'peekMessages'
    | 'storedMessages'
    | 'listQueues'
  >;
}

/** A queue's redrive policy's maxReceiveCount, read from the model. */
function maxReceiveCountOf(sqs: ActivitySources['sqs'], queueName: string): number | undefined {
  try {
    const { Attributes = {} } = sqs.getQueueAttributes({
      QueueUrl: `${sqs.endpoint}/${sqs.accountId}/${queueName}`,
      AttributeNames: ['RedrivePolicy'],
    });
    const policy = Attributes.RedrivePolicy;
    return policy === undefined ? undefined : Number(JSON.parse(policy).maxReceiveCount);
  } catch {
    return undefined;
  }
}

/**
 * What the local cloud has done, for the web console: every invocation (from the functions' log
 * streams: one lane per stream, START to REPORT, with its cold start and outcome, and from each
 * settled batch of the event source mappings: records, receive counts, batch item failures), every
 * message that reached a dead-letter queue (with its reason and the invocation that rejected it),
 * and every alarm state change.
 *
 * Memory is bounded: it keeps the latest 200,000 invocations (their records' bodies cut to 4 KiB;
 * their log lines stay in the Logs service, found by position), the latest 10,000 dead letters with
 * their bodies, the latest 200,000 message ids and bodies for linking dead letters, and the latest
 * 1,000 state changes per alarm. Nobody listening costs one lookup per log line and per SQS change.
 * With a `journalFile` (a state directory's), it replays the earlier run's activity when it
 * attaches (marked `beforeRestart`) and keeps appending to it (see {@link ActivityJournal}).
 *
 * @example
 * const cloud = await LocalCloud.start(options);
 * cloud.activity.subscribe((change) => console.log(change.type));
 * cloud.activity.timeline().invocations.length;
 */
export class ActivityRecorder {
  /** Cloud time the recorder started: a new value means the cloud restarted. */
  readonly startedMs: number;
  private readonly invocations: InvocationTracker;
  /** Each event source mapping's logical id, to the name of the queue it reads. */
  private readonly queuesByMapping: ReadonlyMap<string, string>;
  private deadLetterTracker?: DeadLetterTracker;
  private readonly alarmHistories = new Map<string, AlarmHistoryView[]>();
  private readonly listeners = new Set<(change: ActivityChange) => void>();
  private readonly detachers: (() => void)[] = [];
  private logs?: ActivitySources['logs'];
  private journal?: ActivityJournal;
  /** The invocations of the run before the last restart, replayed from the journal. */
  private readonly earlier = new Map<string, TrackedInvocation>();
  /** The earlier run's ids, oldest first, and how many of them were forgotten for the current run's. */
  private readonly earlierOrder: string[] = [];
  private earlierForgotten = 0;

  /** Invocations kept, both runs' together after a restart. */
  private readonly maxInvocations: number;

  constructor(private readonly options: ActivityRecorderOptions) {
    this.maxInvocations = options.maxInvocations ?? 200_000;
    this.startedMs = options.clock.now();
    const { stack } = options;
    const queueNameByArn = new Map(stack.queues.map((queue) => [queue.queueArn, queue.queueName]));
    this.queuesByMapping = new Map(
      stack.eventSourceMappings.map((mapping) => [
        mapping.logicalId,
        queueNameByArn.get(mapping.eventSourceArn) ?? mapping.eventSourceArn,
      ]),
    );
    this.invocations = new InvocationTracker({
      functionsByLogGroup: new Map(stack.functions.map((fn) => [fn.logGroupName, fn.functionName])),
      queuesByMapping: this.queuesByMapping,
      maxInvocations: this.maxInvocations,
      maxRememberedMessages: this.maxInvocations,
      onChange: (requestId) => {
        this.forgetEarlierBeyondBound();
        this.tell({ type: 'invocation', requestId });
      },
    });
  }

  /** Starts following the Logs service's lines and the SQS model's changes. */
  attach(sources: ActivitySources): void {
    this.logs = sources.logs;
    this.detachers.push(
      sources.logs.subscribe((group, stream, event, position) =>
        this.invocations.logLine(group, stream, event.timestamp, event.message, position),
      ),
    );
    // Asked on every send: answered from a cache that a change to any queue's attributes clears.
    const sourceNames = new Map<string, readonly string[]>();
    const queues: DeadLetterQueues = {
      sourcesOf: (queueName) => {
        let names = sourceNames.get(queueName);
        if (names === undefined) {
          names = sources.sqs.deadLetterSourceNames(queueName);
          sourceNames.set(queueName, names);
        }
        return names;
      },
      maxReceiveCountOf: (queueName) => maxReceiveCountOf(sources.sqs, queueName),
    };
    const tracker = new DeadLetterTracker(
      queues,
      this.invocations,
      () => this.options.clock.now(),
      this.options.maxDeadLetters ?? 10_000,
      (deadLetter) => this.tell({ type: 'dead-letter', deadLetter }),
    );
    this.deadLetterTracker = tracker;
    if (this.options.journalFile !== undefined) this.openJournal(this.options.journalFile, sources.sqs);
    this.detachers.push(
      sources.sqs.observe((event) => {
        if (event.t === 'queue' || event.t === 'drop') sourceNames.clear();
        tracker.observe(event);
      }),
    );
  }

  /** Reads a settled batch of an event source mapping; the cloud calls it for every batch. */
  batchSettled(settlement: BatchSettlement): void {
    this.invocations.batchSettled(settlement);
    const queueName = this.queuesByMapping.get(settlement.mapping);
    const invocation =
      settlement.requestId === undefined ? undefined : this.invocations.get(settlement.requestId);
    if (invocation === undefined || queueName === undefined) return;
    this.deadLetterTracker?.linkReceived(
      queueName,
      settlement.records.map((record) => record.body),
      invocation.requestId,
      invocation.startMs,
    );
  }

  /** Records an alarm's state change; the cloud calls it for every change. */
  alarmStateChanged(change: AlarmStateChange): void {
    const view: AlarmHistoryView = {
      timestamp: change.timestamp,
      oldState: change.oldState,
      newState: change.newState,
      reason: change.reason,
      values: [...change.values],
    };
    const name = change.alarm.alarmName;
    const history = this.alarmHistories.get(name) ?? [];
    history.push(view);
    if (history.length > (this.options.maxAlarmHistory ?? 1000)) history.shift();
    this.alarmHistories.set(name, history);
    this.tell({ type: 'alarm', alarmName: name, change: view });
  }

  /** Replays the journal (the earlier run's invocations, dead letters and alarm changes), then appends to it. */
  private openJournal(path: string, sqs: ActivitySources['sqs']): void {
    const bounds = this.bounds();
    const onProblem = this.options.onProblem ?? ((message: string) => process.stderr.write(`${message}\n`));
    const { journal, replayed } = ActivityJournal.open({
      path,
      ...bounds,
      onProblem,
      snapshot: () => this.records(bounds.maxInvocations),
    });
    for (const invocation of replayed.invocations) {
      this.earlier.set(invocation.id, invocation);
      this.earlierOrder.push(invocation.id);
    }
    // Set first, so that the letters taken in from the queues are written to it.
    this.journal = journal;
    if (this.deadLetterTracker !== undefined)
      restoreDeadLetters(this.deadLetterTracker, replayed.deadLetters, sqs, path, onProblem);
    for (const [name, history] of replayed.alarms) this.alarmHistories.set(name, history);
  }

  /** Both runs together keep at most `maxInvocations`: the earlier run's oldest go first. */
  private forgetEarlierBeyondBound(): void {
    while (this.earlier.size > 0 && this.earlier.size + this.invocations.size > this.maxInvocations) {
      this.earlier.delete(this.earlierOrder[this.earlierForgotten++]);
    }
  }

  /** What the journal is compacted to: the latest `maxInvocations` invocations of both runs, and the rest. */
  private records(maxInvocations: number) {
    const current = [...this.invocations.all()];
    const earlier = [...this.earlier.values()].slice(
      Math.max(0, this.earlier.size + current.length - maxInvocations),
    );
    return activityRecords({
      invocations: [...earlier, ...current],
      deadLetters: this.deadLetters(),
      alarms: this.alarmHistories,
    });
  }

  private bounds() {
    return {
      maxInvocations: this.maxInvocations,
      maxDeadLetters: this.options.maxDeadLetters ?? 10_000,
      maxAlarmHistory: this.options.maxAlarmHistory ?? 1000,
    };
  }

  /** Cloud time now, by the clock the recorder stamps with. */
  nowMs(): number {
    return this.options.clock.now();
  }

  /** Every invocation kept, oldest first, with the mappings' caps. */
  timeline(): TimelineSnapshot {
    return {
      nowMs: this.options.clock.now(),
      invocations: [
        ...Array.from(this.earlier.values(), earlierSummaryOf),
        ...Array.from(this.invocations.all(), summaryOf),
      ],
      mappings: this.options.mappingCaps?.() ?? [],
      // So a saved timeline (a run report) can still tell cloud time from real time.
      ...this.timeScale(),
    };
  }

  /** The timeline's view of one invocation, if kept. */
  summary(requestId: string) {
    const invocation = this.invocations.get(requestId);
    if (invocation !== undefined) return summaryOf(invocation);
    const earlier = this.earlier.get(requestId);
    return earlier === undefined ? undefined : earlierSummaryOf(earlier);
  }

  /** One invocation with its records, batch item failures and log lines, if kept. */
  invocation(requestId: string): InvocationDetail | undefined {
    const current = this.invocations.get(requestId);
    const invocation = current ?? this.earlier.get(requestId);
    if (invocation === undefined) return undefined;
    return {
      ...(current === undefined ? earlierSummaryOf(invocation) : summaryOf(invocation)),
      logGroupName: invocation.logGroupName,
      records: invocation.records ?? [],
      batchItemFailureIds: invocation.batchItemFailureIds ?? [],
      logLines: this.logLinesOf(invocation),
      ...(invocation.reportLine === undefined ? {} : { reportLine: invocation.reportLine }),
      ...(invocation.leftOnQueue === undefined ? {} : { leftOnQueue: invocation.leftOnQueue }),
      ...this.timeScale(),
    };
  }

  /** The clock's time scale, when it has one, so a view can tell cloud time from real time. */
  private timeScale(): { timeScale?: number } {
    const { scale } = this.options.clock;
    return scale === undefined ? {} : { timeScale: scale };
  }

  /** Every dead letter kept, oldest first. */
  deadLetters(): DeadLetterView[] {
    return this.deadLetterTracker?.all() ?? [];
  }

  deadLetter(id: string): DeadLetterView | undefined {
    return this.deadLetterTracker?.get(id);
  }

  /** Records that a dead letter was sent back to its source queue (`via`: how), where it is now `messageId`. */
  markRedriven(id: string, messageId: string, via: RedriveMethod = 'recorded-copy'): void {
    this.deadLetterTracker?.markRedriven(id, messageId, via);
  }

  /** An alarm's recorded state changes, oldest first. */
  alarmHistory(alarmName: string): readonly AlarmHistoryView[] {
    return this.alarmHistories.get(alarmName) ?? [];
  }

  /** Calls `listener` with every change from now on, synchronously; returns the unsubscribe function. */
  subscribe(listener: (change: ActivityChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops following the logs and the queues. */
  close(): void {
    for (const detach of this.detachers.splice(0)) detach();
    this.listeners.clear();
    this.journal?.close();
    this.journal = undefined;
  }

  private tell(change: ActivityChange): void {
    if (this.journal !== undefined) this.journalChange(this.journal, change);
    for (const listener of this.listeners) listener(change);
  }

  private journalChange(journal: ActivityJournal, change: ActivityChange): void {
    if (change.type === 'invocation') {
      const invocation = this.invocations.get(change.requestId);
      if (invocation !== undefined) journal.invocationChanged(invocation);
    } else if (change.type === 'dead-letter') journal.deadLetterChanged(change.deadLetter);
    else journal.alarmChanged(change.alarmName, change.change);
  }

  private logLinesOf(invocation: TrackedInvocation): LogLineView[] {
    if (this.logs === undefined) return [];
    const { logGroupName, logStreamName } = invocation;
    const last = invocation.lastPosition ?? Number.MAX_SAFE_INTEGER;
    try {
      return this.logs
        .storedLogEventsBetween(logGroupName, logStreamName, invocation.firstPosition, last)
        .map(({ timestamp, message }) => ({ timestamp, message, logGroupName, logStreamName }));
    } catch {
      // The stream was deleted since.
      return [];
    }
  }
}

/** The timeline's view of an invocation of the run before the last restart. */
function earlierSummaryOf(invocation: TrackedInvocation) {
  return { ...summaryOf(invocation), beforeRestart: true };
}
