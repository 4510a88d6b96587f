/**
 * What the web console's page and the local cloud say to each other: the JSON of every route under
 * {@link CONSOLE_API_PATH} and of every Server-Sent Event. The page is bundled from
 * `packages/local-cloud/console-ui/` and imports only types from here, so this file holds types and
 * constants and nothing that needs Node.
 */

/** Where the page is served: `http://127.0.0.1:PORT/_console/`. */
export const CONSOLE_PATH = '/_console/';
/** The JSON API under the page. */
export const CONSOLE_API_PATH = '/_console/api/';
/** The header that carries the per-process token on every request that changes state. */
export const CONSOLE_TOKEN_HEADER = 'x-console-token';
/** The `<meta name>` in the page's HTML that hands the token to the page. */
export const CONSOLE_TOKEN_META = 'local-cloud-console-token';

/** How an invocation ended; `running` until its REPORT line. */
export type InvocationOutcomeKind = 'running' | 'success' | 'partial' | 'error' | 'timeout';

/** One invocation, as a bar on the timeline: one lane per log stream (one instance). */
export interface InvocationSummary {
  /** The request id of its START and REPORT lines. */
  readonly requestId: string;
  readonly functionName: string;
  /** The log stream of the instance that ran it: the timeline's lane. */
  readonly logStreamName: string;
  /** Cloud time (epoch ms) of START. */
  readonly startMs: number;
  /** Cloud time of END; absent while it runs. */
  readonly endMs?: number;
  /** The init phase of a cold start, before START: `INIT_START` to START. */
  readonly initDurationMs?: number;
  readonly outcome: InvocationOutcomeKind;
  /** Records in the event, for an event source mapping's batch; absent for a direct Invoke. */
  readonly batchSize?: number;
  /** Records the function reported as batch item failures. */
  readonly batchItemFailures?: number;
  /** The event source mapping that invoked it (its logical id). */
  readonly mapping?: string;
  /**
   * Which attempt of its request this is, from 1, when Lambda ran the request more than once: an
   * asynchronous invocation (Event invoke, SNS) that failed is retried with the same request id.
   * Absent for a request that ran once. Each attempt is its own invocation, whose id
   * (`GET invocations/{id}`) is the request id for the first attempt and `<requestId>:<attempt>`
   * for the next ones.
   */
  readonly attempt?: number;
  /** How many attempts of its request were recorded so far, when more than one. */
  readonly attempts?: number;
  /** Set when it ran before the cloud's last restart (replayed from the state directory). */
  readonly beforeRestart?: boolean;
}

/** A mapping's cap, for the timeline's "lanes busy at once" line. */
export interface MappingCap {
  readonly mapping: string;
  readonly functionName: string;
  readonly queueName: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  readonly maximumConcurrency: number;
}

/** `GET timeline`: every invocation recorded so far, oldest first. */
export interface TimelineSnapshot {
  /** Cloud time of the answer. */
  readonly nowMs: number;
  readonly invocations: readonly InvocationSummary[];
  readonly mappings: readonly MappingCap[];
  /**
   * How many times faster than real time the cloud's clock runs (1 is real time): every `...Ms`
   * here is cloud time, while a REPORT line's durations are real milliseconds, as CloudWatch's are.
   * Absent when not known (a report written before it was recorded).
   */
  readonly timeScale?: number;
}

/** One record of an SQS batch, as the function received it. */
export interface InvocationRecordView {
  readonly messageId: string;
  readonly receiveCount: number;
  /** The body, cut to 4 KiB. */
  readonly body: string;
  /** Whether the poller deleted it after the invocation. */
  readonly deleted: boolean;
}

/** A log line with the cloud time it was written at. */
export interface LogLineView {
  readonly timestamp: number;
  readonly message: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** `GET invocations/{requestId}`. */
export interface InvocationDetail extends InvocationSummary {
  readonly logGroupName: string;
  readonly records: readonly InvocationRecordView[];
  /** Message ids the function listed in `batchItemFailures`. */
  readonly batchItemFailureIds: readonly string[];
  /** Its lines, START to REPORT. */
  readonly logLines: readonly LogLineView[];
  readonly reportLine?: string;
  /** Why messages were left on the queue, when some were. */
  readonly leftOnQueue?: string;
  /** The cloud clock's time scale, as {@link TimelineSnapshot.timeScale} says. */
  readonly timeScale?: number;
}

/** A node of the overview diagram, with its live counts (e.g. `visible`, `inFlight`, `busy`, `items`). */
export interface DiagramNode {
  /** Logical id in the template. */
  readonly id: string;
  readonly kind: 'queue' | 'mapping' | 'function' | 'table' | 'topic' | 'alarm';
  /** The physical name: queue, function, table or topic name. */
  readonly label: string;
  readonly counts: Readonly<Record<string, number>>;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** `dead-letter`: a redrive policy's target; `invokes`: mapping to function; `polls`: queue to mapping. */
  readonly kind: 'polls' | 'invokes' | 'dead-letter' | 'subscribes' | 'notifies';
}

/** `GET overview`. */
export interface ConsoleOverview {
  readonly stackNames: readonly string[];
  readonly endpoint: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** What the local cloud does not emulate, as said at start. */
  readonly warnings: readonly string[];
}

export interface QueueDepthView {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/** `GET queues`: one per queue. */
export interface QueueView {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The parsed `RedrivePolicy`, when it has one. */
  readonly redrivePolicy?: { readonly deadLetterQueueName: string; readonly maxReceiveCount: number };
  /** Queues whose redrive policy targets this one. */
  readonly deadLetterSourceQueueNames: readonly string[];
  readonly depth: QueueDepthView;
}

/** `GET queues/{name}/messages`: a look that changes neither visibility nor receive count. */
export interface PeekedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly state: 'visible' | 'in-flight' | 'delayed';
  readonly receiveCount: number;
  readonly sentMs: number;
  readonly messageAttributes: Readonly<Record<string, string>>;
}

/** `POST queues/{name}/messages`. */
export interface SendMessageForm {
  readonly body: string;
  /** String attributes only, as a form sends them. */
  readonly messageAttributes?: Readonly<Record<string, string>>;
  readonly delaySeconds?: number;
}

/** How a message reached a dead-letter queue. */
export type DeadLetterArrival = 'moved-after-max-receives' | 'sent';

/** `GET dead-letters`: every message that reached a dead-letter queue since the cloud started. */
export interface DeadLetterView {
  /** The console's id of this arrival, for redrive. */
  readonly id: string;
  readonly deadLetterQueueName: string;
  readonly messageId: string;
  readonly body: string;
  readonly arrivedMs: number;
  readonly arrival: DeadLetterArrival;
  /**
   * The `RejectionReason` message attribute when it has one, else `RETRIES_EXHAUSTED` for a message
   * SQS moved after maxReceiveCount receives.
   */
  readonly reason: string;
  /** The `RejectionErrors` message attribute, parsed when it is a JSON array of strings. */
  readonly errors: readonly string[];
  /** For a moved message, its receive count when it moved. */
  readonly receiveCount?: number;
  readonly maxReceiveCount?: number;
  readonly messageAttributes: Readonly<Record<string, string>>;
  /** The queue it came from: the redrive policy's source, or the queue whose invocation forwarded it. */
  readonly sourceQueueName?: string;
  /** The invocation that last received the same message (same id, or same body on the source queue). */
  readonly requestId?: string;
  /** Whether it still sits on the dead-letter queue (a DLQ consumer may have taken it). */
  readonly onQueue: boolean;
  /**
   * Set once it was redriven: from the console, or by a message move task (StartMessageMoveTask)
   * that took it off its dead-letter queue.
   */
  readonly redriven?: {
    readonly atMs: number;
    readonly messageId: string;
    /** How it went back; absent on letters recorded before the field existed. */
    readonly via?: RedriveMethod;
  };
  /** Set when it arrived before the cloud's last restart (replayed from the state directory). */
  readonly beforeRestart?: boolean;
}

/**
 * How a dead letter went back to its source queue: `move-task`, moved by StartMessageMoveTask (the
 * same message, attributes kept); `resent`, the message as it was on the dead-letter queue sent
 * to its source with every attribute, then deleted (a selection, which a move task cannot do);
 * `recorded-copy`, sent from the console's copy, since its consumer had taken it off the queue.
 */
export type RedriveMethod = 'move-task' | 'resent' | 'recorded-copy';

/** A message move task the console started, as ListMessageMoveTasks reports it. */
export interface MoveTaskView {
  readonly deadLetterQueueName: string;
  readonly sourceArn: string;
  /** Absent: each message returns to the queue it was dead-lettered from. */
  readonly destinationArn?: string;
  readonly status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
  readonly approximateNumberOfMessagesMoved: number;
  readonly approximateNumberOfMessagesToMove: number;
  readonly failureReason?: string;
  readonly startedMs: number;
}

/** `POST dead-letters/redrive`. */
export interface RedriveRequest {
  /** The dead letters to send back to their source queue, or `all` not yet redriven. */
  readonly ids: readonly string[] | 'all';
  /** With `all`: only this dead-letter queue's letters. @default - every dead-letter queue's */
  readonly deadLetterQueueName?: string;
}

export interface RedriveResult {
  readonly redriven: readonly {
    readonly id: string;
    /** The message's id on its source queue: the same one after a move task. */
    readonly messageId: string;
    readonly via?: RedriveMethod;
  }[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
  /** One per dead-letter queue that `all` moved with StartMessageMoveTask, as it was when answered. */
  readonly moveTasks?: readonly MoveTaskView[];
}

/** `GET logs/groups`. */
export interface LogGroupView {
  readonly logGroupName: string;
  readonly storedEvents: number;
  readonly streams: readonly string[];
}

/** `GET logs/events?group=&filter=&after=`: matching lines after a cursor, oldest first. */
export interface LogEventsPage {
  readonly events: readonly LogLineView[];
  /** Pass as `after` to get what comes next. */
  readonly cursor: string;
}

/** `GET tables`. */
export interface TableView {
  readonly tableName: string;
  readonly keySchema: readonly { readonly attributeName: string; readonly keyType: 'HASH' | 'RANGE' }[];
  readonly itemCount: number;
  /**
   * Set when the table holds more items than the console counts (a count is a scan, so it stops
   * early on a big table): `itemCount` is then a lower bound.
   */
  readonly itemCountIsLowerBound?: boolean;
}

/** `GET tables/{name}/items?limit=&start=`: plain JSON items (unmarshalled). */
export interface TableItemsPage {
  readonly items: readonly Readonly<Record<string, unknown>>[];
  /** Pass as `start` for the next page; absent on the last. */
  readonly nextStart?: string;
}

/**
 * `GET tables/{name}/groups?attribute=&samples=`: the table's items grouped by the value of one
 * top-level attribute, the largest group first.
 */
export interface TableGroupsView {
  readonly tableName: string;
  readonly attribute: string;
  /** Items the scan read: all of them, unless `lowerBound` is set. */
  readonly scannedItems: number;
  /**
   * Set when the scan stopped at the console's item limit (10,000): the table holds more items,
   * and the counts are those of the items scanned.
   */
  readonly lowerBound?: boolean;
  readonly groups: readonly TableGroupView[];
}

/** The items that share one value of the grouping attribute. */
export interface TableGroupView {
  /** The value as people read it: a string as it is, any other value as its JSON; `(missing)` for `missing`. */
  readonly label: string;
  /** The value itself (plain JSON, as in {@link TableItemsPage}); absent for `missing`. */
  readonly value?: unknown;
  /** Set for the group of the items that have no such attribute. */
  readonly missing?: boolean;
  readonly count: number;
  /** The first items of the group, up to the `samples` asked for (20 by default). */
  readonly samples: readonly Readonly<Record<string, unknown>>[];
}

/** `GET alarms`. */
export interface AlarmView {
  readonly alarmName: string;
  readonly state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly stateReason: string;
  readonly metric: string;
  readonly threshold: number;
  readonly comparisonOperator: string;
  readonly history: readonly AlarmHistoryView[];
}

export interface AlarmHistoryView {
  readonly timestamp: number;
  readonly oldState: string;
  readonly newState: string;
  readonly reason: string;
  /** The evaluated datapoints, oldest first. */
  readonly values: readonly number[];
}

/** A refused request, and every error of the API: `{ "error": "..." }` with a 4xx or 5xx status. */
export interface ConsoleError {
  readonly error: string;
}

/**
 * What `GET events` (Server-Sent Events) pushes; the SSE `event:` field is the `type`. Invocations
 * and depths are gathered and sent at most every 250 ms, so a busy cloud is not slowed by its page.
 */
export type ConsoleEvent =
  /** First on every connection: a new `startedMs` means the cloud restarted, so the page reloads its data. */
  | { readonly type: 'hello'; readonly startedMs: number; readonly nowMs: number }
  | { readonly type: 'invocations'; readonly invocations: readonly InvocationSummary[] }
  | { readonly type: 'depths'; readonly depths: Readonly<Record<string, QueueDepthView>> }
  /** A new dead letter, or one that changed since (linked to its invocation, off its queue, redriven): same `id`. */
  | { readonly type: 'dead-letter'; readonly deadLetter: DeadLetterView }
  | { readonly type: 'alarm'; readonly alarm: AlarmView }
  /** Only on a connection opened with `?logGroup=NAME` (and `&filter=PATTERN`): the new matching lines. */
  | { readonly type: 'log'; readonly lines: readonly LogLineView[] };

/**
 * The data of a run report (`npm start -- --report-html FILE`): the timeline and the summary's
 * lines, embedded in one HTML file that works offline.
 */
export interface RunReportData {
  readonly title: string;
  readonly summaryLines: readonly string[];
  readonly timeline: TimelineSnapshot;
}
