import type { BatchSettlement } from '../event-source-mapping/poller-types';
import { BoundedMap } from './bounded-map';
import type { InvocationOutcomeKind, InvocationRecordView, InvocationSummary } from './console-contract';
import { invocationId } from './invocation-id';
import { isInvokeErrorLine, parsePlatformLine } from './platform-line';

/** Longest body an invocation's record keeps, as the contract's {@link InvocationRecordView} says. */
export const RECORD_BODY_LIMIT = 4 * 1024;

/** The attempts of one request id: Lambda retries a failed asynchronous invocation with the same id. */
interface RequestAttempts {
  attempts: number;
}

/** One invocation (one attempt of its request) as the tracker keeps it: a summary's fields, plus where its lines are. */
export interface TrackedInvocation {
  /** Its id among the invocations kept, as {@link invocationId} gives it. */
  readonly id: string;
  readonly requestId: string;
  /** Which attempt of its request it is, from 1. */
  readonly attempt: number;
  /** Shared by the attempts of its request, so each one's summary tells how many there are. */
  readonly request: RequestAttempts;
  readonly functionName: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly startMs: number;
  endMs?: number;
  initDurationMs?: number;
  /** Position of its START line in the stream. */
  readonly firstPosition: number;
  /** Position of its REPORT line, once written. */
  lastPosition?: number;
  reportLine?: string;
  reportStatus?: 'timeout' | 'error';
  /** The runtime reported an error the handler threw. */
  threw?: boolean;
  mapping?: string;
  records?: readonly InvocationRecordView[];
  batchItemFailureIds?: readonly string[];
  leftOnQueue?: string;
  invocationError?: string;
}

/** A function's log stream: the instance's lane, and the invocation running in it. */
interface Lane {
  initStartMs?: number;
  open?: TrackedInvocation;
}

/** What the tracker needs to know of the stack, and how much to keep. */
export interface InvocationTrackerOptions {
  /** Each function's log group, to its name: only these groups' lines are read. */
  readonly functionsByLogGroup: ReadonlyMap<string, string>;
  /** Each event source mapping's logical id, to the name of the queue it reads. */
  readonly queuesByMapping: ReadonlyMap<string, string>;
  readonly maxInvocations: number;
  /** Message ids (and bodies per queue) remembered with the invocation that last received them. */
  readonly maxRememberedMessages: number;
  /** Told the id ({@link invocationId}) of every invocation that started or changed. */
  readonly onChange: (id: string) => void;
}

/** How an invocation ended, from its REPORT line, its runtime's lines and its batch. */
export function outcomeOf(invocation: TrackedInvocation): InvocationOutcomeKind {
  if (invocation.lastPosition === undefined) return 'running';
  if (invocation.reportStatus === 'timeout') return 'timeout';
  if (invocation.reportStatus === 'error' || invocation.threw || invocation.invocationError !== undefined)
    return 'error';
  if (invocation.leftOnQueue !== undefined) return 'partial';
  return 'success';
}

/** The timeline's view of a tracked invocation. */
export function summaryOf(invocation: TrackedInvocation): InvocationSummary {
  return {
    requestId: invocation.requestId,
    functionName: invocation.functionName,
    logStreamName: invocation.logStreamName,
    startMs: invocation.startMs,
    ...(invocation.endMs === undefined ? {} : { endMs: invocation.endMs }),
    ...(invocation.initDurationMs === undefined ? {} : { initDurationMs: invocation.initDurationMs }),
    outcome: outcomeOf(invocation),
    ...(invocation.records === undefined ? {} : { batchSize: invocation.records.length }),
    ...(invocation.batchItemFailureIds === undefined
      ? {}
      : { batchItemFailures: invocation.batchItemFailureIds.length }),
    ...(invocation.mapping === undefined ? {} : { mapping: invocation.mapping }),
    ...(invocation.request.attempts > 1
      ? { attempt: invocation.attempt, attempts: invocation.request.attempts }
      : {}),
  };
}

/**
 * Follows the functions' log streams (one lane per stream, one instance each) and the event source
 * mappings' settled batches, and keeps each invocation: START to REPORT, its cold start's init
 * phase, its outcome, and its batch. A request id that starts again is a retry (Lambda retries a
 * failed asynchronous invocation with the same request id): a new invocation, its next attempt. It remembers the latest `maxInvocations` invocations and, for
 * linking dead letters, which invocation last received each of the latest `maxRememberedMessages`
 * message ids and bodies.
 */
export class InvocationTracker {
  private readonly lanes = new Map<string, Lane>();
  private readonly invocations: BoundedMap<string, TrackedInvocation>;
  private readonly requests: BoundedMap<string, RequestAttempts>;
  private readonly byMessageId: BoundedMap<string, string>;
  /** By queue, then body: no key is built per record. */
  private readonly byQueueBody = new Map<string, BoundedMap<string, string>>();

  constructor(private readonly options: InvocationTrackerOptions) {
    this.invocations = new BoundedMap(options.maxInvocations);
    this.requests = new BoundedMap(options.maxInvocations);
    this.byMessageId = new BoundedMap(options.maxRememberedMessages);
  }

  /** Reads one log line; lines of groups that are not a function's cost one map lookup. */
  logLine(logGroupName: string, logStreamName: string, timestamp: number, message: string, position: number) {
    const functionName = this.options.functionsByLogGroup.get(logGroupName);
    if (functionName === undefined) return;
    const line = parsePlatformLine(message);
    if (line === undefined && !isInvokeErrorLine(message)) return;
    const laneKey = `${logGroupName}\n${logStreamName}`;
    let lane = this.lanes.get(laneKey);
    if (line === undefined) {
      if (lane?.open !== undefined) lane.open.threw = true;
      return;
    }
    if (lane === undefined) {
      lane = {};
      this.lanes.set(laneKey, lane);
    }
    if (line.kind === 'init-start') lane.initStartMs = timestamp;
    else if (line.kind === 'start') {
      const where = { functionName, logGroupName, logStreamName };
      this.start(lane, line.requestId, where, timestamp, position);
    } else if (line.kind === 'end') {
      const invocation = this.attemptEnding(lane, line.requestId);
      if (invocation !== undefined) invocation.endMs = timestamp;
    } else this.report(lane, line.requestId, line.status, message, position, timestamp);
  }

  /** Adds a settled batch to the invocation it was (message ids, receive counts, failures). */
  batchSettled(settlement: BatchSettlement): void {
    const { requestId } = settlement;
    if (requestId === undefined) return;
    const invocation = this.latestAttempt(requestId);
    const queueName = this.options.queuesByMapping.get(settlement.mapping);
    const failed = new Set(settlement.batchItemFailureIds);
    const bodies = queueName === undefined ? undefined : this.bodiesOf(queueName);
    for (const record of settlement.records) {
      this.byMessageId.set(record.messageId, requestId);
      bodies?.set(record.body, requestId);
    }
    if (invocation === undefined) return;
    invocation.mapping = settlement.mapping;
    // Which records the poller deleted: all but the failures, unless the whole batch stayed.
    const allLeft = settlement.deleted === 0;
    invocation.records = settlement.records.map((record) => ({
      messageId: record.messageId,
      receiveCount: record.receiveCount,
      body: record.body.length > RECORD_BODY_LIMIT ? record.body.slice(0, RECORD_BODY_LIMIT) : record.body,
      deleted: !allLeft && !failed.has(record.messageId),
    }));
    invocation.batchItemFailureIds = settlement.batchItemFailureIds;
    if (settlement.leftOnQueue !== undefined) invocation.leftOnQueue = settlement.leftOnQueue;
    if (settlement.invocationError !== undefined) invocation.invocationError = settlement.invocationError;
    this.options.onChange(invocation.id);
  }

  /**
   * The invocation of this id ({@link invocationId}): a request id is its first attempt, whose
   * summary says how many attempts followed.
   */
  get(id: string): TrackedInvocation | undefined {
    return this.invocations.get(id);
  }

  /** The last attempt of a request recorded, if kept. */
  latestAttempt(requestId: string): TrackedInvocation | undefined {
    const attempts = this.requests.get(requestId)?.attempts;
    return attempts === undefined
      ? undefined
      : this.invocations.get(invocationId({ requestId, attempt: attempts }));
  }

  /** How many invocations are kept. */
  get size(): number {
    return this.invocations.size;
  }

  /** Every invocation kept, oldest first. */
  all(): IterableIterator<TrackedInvocation> {
    return this.invocations.values();
  }

  /** The invocation that last received a message with this id, if remembered. */
  lastReceiverOf(messageId: string): string | undefined {
    return this.byMessageId.get(messageId);
  }

  /** The invocation that last received a message with this body from this queue, if remembered. */
  lastReceiverOfBody(queueName: string, body: string): string | undefined {
    return this.byQueueBody.get(queueName)?.get(body);
  }

  /** Forgets who last received this body from this queue. */
  forgetBody(queueName: string, body: string): void {
    this.byQueueBody.get(queueName)?.delete(body);
  }

  private bodiesOf(queueName: string): BoundedMap<string, string> {
    let bodies = this.byQueueBody.get(queueName);
    if (bodies === undefined) {
      bodies = new BoundedMap(this.options.maxRememberedMessages);
      this.byQueueBody.set(queueName, bodies);
    }
    return bodies;
  }

  /** A START line: the request's first attempt, or its next one when the id started before. */
  private start(
    lane: Lane,
    requestId: string,
    where: Pick<TrackedInvocation, 'functionName' | 'logGroupName' | 'logStreamName'>,
    timestamp: number,
    position: number,
  ): void {
    let request = this.requests.get(requestId);
    if (request === undefined) {
      request = { attempts: 0 };
      this.requests.set(requestId, request);
    }
    request.attempts += 1;
    const attempt = request.attempts;
    const invocation: TrackedInvocation = {
      id: invocationId({ requestId, attempt }),
      requestId,
      attempt,
      request,
      ...where,
      startMs: timestamp,
      firstPosition: position,
      ...(lane.initStartMs === undefined ? {} : { initDurationMs: timestamp - lane.initStartMs }),
    };
    lane.initStartMs = undefined;
    lane.open = invocation;
    this.invocations.set(invocation.id, invocation);
    this.options.onChange(invocation.id);
    // The earlier attempts' summaries now count this one too.
    for (let earlier = 1; earlier < attempt; earlier += 1) {
      const id = invocationId({ requestId, attempt: earlier });
      if (this.invocations.get(id) !== undefined) this.options.onChange(id);
    }
  }

  /** The attempt an END or REPORT line of `requestId` closes: the one open in its lane, else the latest. */
  private attemptEnding(lane: Lane, requestId: string): TrackedInvocation | undefined {
    return lane.open?.requestId === requestId ? lane.open : this.latestAttempt(requestId);
  }

  private report(
    lane: Lane,
    requestId: string,
    status: 'timeout' | 'error' | undefined,
    message: string,
    position: number,
    timestamp: number,
  ): void {
    const invocation = this.attemptEnding(lane, requestId);
    if (lane.open?.requestId === requestId) lane.open = undefined;
    if (invocation === undefined) return;
    invocation.lastPosition = position;
    invocation.reportLine = message;
    invocation.endMs ??= timestamp;
    if (status !== undefined) invocation.reportStatus = status;
    this.options.onChange(invocation.id);
  }
}
