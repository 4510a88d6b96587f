/** The errors the local DynamoDB can inject, each answered as DynamoDB answers it. */
export const DYNAMODB_FAULT_ERRORS = {
  ProvisionedThroughputExceededException: {
    status: 400,
    type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  ThrottlingException: {
    status: 400,
    type: 'com.amazon.coral.availability#ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
  },
  RequestLimitExceeded: {
    status: 400,
    type: 'com.amazonaws.dynamodb.v20120810#RequestLimitExceeded',
    message: 'Throughput exceeds the current throughput limit for your account.',
  },
  InternalServerError: {
    status: 500,
    type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: 'Internal server error',
  },
} as const;

/** An error code the local DynamoDB can inject. */
export type DynamoDbFaultCode = keyof typeof DYNAMODB_FAULT_ERRORS;

/** What {@link DynamoDbFaults.set} injects. Every field is optional; `{}` injects nothing. */
export interface DynamoDbFaultSettings {
  /**
   * Only requests that name this table (`TableName`, or a key of `RequestItems`) are affected.
   * @default - every table
   */
  readonly tableName?: string;
  /** Only these operations (`PutItem`, `GetItem`, ...) are affected. @default - every operation */
  readonly operations?: readonly string[];
  /** The fraction of affected requests answered with an error, from 0 to 1. @default 0 */
  readonly errorRate?: number;
  /**
   * The error to answer with; with several, each injected error picks one at random.
   * @default 'ProvisionedThroughputExceededException'
   */
  readonly errorCode?: DynamoDbFaultCode | readonly DynamoDbFaultCode[];
  /** Real milliseconds each affected request waits before it is answered (or failed), 0 to 60,000. @default 0 */
  readonly latencyMs?: number;
  /** Faults end at this time (epoch milliseconds, `Date.now()`). @default - until {@link DynamoDbFaults.clear} */
  readonly untilMs?: number;
  /**
   * Faults end once this many requests were affected: a window measured in work rather than time,
   * which a busy machine does not shrink. @default - no limit
   */
  readonly affectedRequestLimit?: number;
  /** Draws the error rate and the code; replace it to make a run reproducible. @default Math.random */
  readonly random?: () => number;
}

/** What the faults did, counted since the service started. */
export interface DynamoDbFaultStatistics {
  /** Requests the endpoint received. */
  readonly requests: number;
  /**
   * Requests that are a client's retry: the AWS SDK's say so (`amz-sdk-request: attempt=N`, N above
   * 1); from a client that sends no such header (aws-lite), a request byte for byte the same as one
   * an injected error failed is one (while faults are active, when request bodies are read).
   */
  readonly retriedRequests: number;
  /** Requests the faults applied to (table and operation matched while active). */
  readonly affectedRequests: number;
  /** Requests held back by `latencyMs`. */
  readonly delayedRequests: number;
  /** Errors injected, by code. */
  readonly injectedErrors: Readonly<Partial<Record<DynamoDbFaultCode, number>>>;
}

/** What to do with one request. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly error?: DynamoDbFaultCode;
}

/** Settings {@link DynamoDbFaults.set} refuses; the message lists every problem. */
export class InvalidDynamoDbFaultsError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`invalid DynamoDB faults: ${problems.join('; ')}`);
    this.name = 'InvalidDynamoDbFaultsError';
  }
}

const MAXIMUM_LATENCY_MS = 60_000;
/** Failed requests whose retry can still be recognised; a retry comes within seconds. */
const FAILED_REQUESTS_REMEMBERED = 10_000;
const PASS: FaultDecision = { delayMs: 0 };

/**
 * Fault injection for the local DynamoDB, off until {@link set} turns it on: errors in DynamoDB's
 * own JSON shape and status, so a client (the SDK, aws-lite) retries them as it retries AWS's, and latency, for one table
 * and some operations, for a while. The endpoint asks it about every request.
 *
 * @example
 * // a third of the orders table's writes throttled for five seconds
 * cloud.dynamodb.faults.set({
 *   tableName: ordersTableName,
 *   operations: ['PutItem'],
 *   errorRate: 1 / 3,
 *   untilMs: Date.now() + 5000,
 * });
 */
export class DynamoDbFaults {
  private settings?: DynamoDbFaultSettings;
  /** Requests affected under the settings in force, for their `affectedRequestLimit`. */
  private affectedUnderSettings = 0;
  private requests = 0;
  private retriedRequests = 0;
  private affectedRequests = 0;
  private delayedRequests = 0;
  private readonly injectedErrors: Partial<Record<DynamoDbFaultCode, number>> = {};
  /** Fingerprints of the requests an injected error failed, oldest first, to recognise their retries. */
  private readonly failedRequests = new Set<string>();

  /** Replaces the faults in force; `{}` injects nothing. */
  set(settings: DynamoDbFaultSettings): void {
    const problems = settingsProblems(settings);
    if (problems.length > 0) throw new InvalidDynamoDbFaultsError(problems);
    this.settings = settings;
    this.affectedUnderSettings = 0;
  }

  /** Turns every fault off. */
  clear(): void {
    this.settings = undefined;
  }

  /** Whether a fault may apply now: when it is not, requests go through untouched and unread. */
  get active(): boolean {
    const settings = this.settings;
    if (settings === undefined) return false;
    const limitReached =
      settings.affectedRequestLimit !== undefined &&
      this.affectedUnderSettings >= settings.affectedRequestLimit;
    if (limitReached || (settings.untilMs !== undefined && Date.now() >= settings.untilMs)) {
      this.settings = undefined;
      return false;
    }
    return (settings.errorRate ?? 0) > 0 || (settings.latencyMs ?? 0) > 0;
  }

  statistics(): DynamoDbFaultStatistics {
    return {
      requests: this.requests,
      retriedRequests: this.retriedRequests,
      affectedRequests: this.affectedRequests,
      delayedRequests: this.delayedRequests,
      injectedErrors: { ...this.injectedErrors },
    };
  }

  /** Counts a request by its `amz-sdk-request` header, whether faults are active or not. */
  noteRequest(sdkRequestHeader: string | undefined): void {
    this.requests++;
    const attempt = /attempt=(\d+)/.exec(sdkRequestHeader ?? '')?.[1];
    if (attempt !== undefined && Number(attempt) > 1) this.retriedRequests++;
  }

  /**
   * Decides what happens to one request, from its `X-Amz-Target` header (`DynamoDB_20120810.PutItem`)
   * and its JSON body, and counts it. `fingerprint` (a hash of target and body, given for requests
   * without the SDK's attempt header) recognises the retry of a request an injected error failed.
   */
  decide(target: string, body: unknown, fingerprint?: string): FaultDecision {
    if (fingerprint !== undefined && this.failedRequests.delete(fingerprint)) this.retriedRequests++;
    const settings = this.settings;
    if (settings === undefined || !this.active) return PASS;
    const operation = target.split('.')[1] ?? '';
    if (settings.operations !== undefined && !settings.operations.includes(operation)) return PASS;
    if (settings.tableName !== undefined && !tablesNamedIn(body).includes(settings.tableName)) return PASS;
    this.affectedRequests++;
    this.affectedUnderSettings++;
    const delayMs = settings.latencyMs ?? 0;
    if (delayMs > 0) this.delayedRequests++;
    const random = settings.random ?? Math.random;
    if (random() >= (settings.errorRate ?? 0)) return { delayMs };
    const codes = errorCodes(settings);
    const error = codes[Math.min(codes.length - 1, Math.floor(random() * codes.length))];
    this.injectedErrors[error] = (this.injectedErrors[error] ?? 0) + 1;
    if (fingerprint !== undefined) this.rememberFailed(fingerprint);
    return { delayMs, error };
  }

  private rememberFailed(fingerprint: string): void {
    if (this.failedRequests.size >= FAILED_REQUESTS_REMEMBERED) {
      this.failedRequests.delete(this.failedRequests.values().next().value as string);
    }
    this.failedRequests.add(fingerprint);
  }
}

/** The tables a DynamoDB request names: `TableName`, or the keys of `RequestItems` in batch operations. */
export function tablesNamedIn(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const { TableName, RequestItems } = body as { TableName?: unknown; RequestItems?: unknown };
  const tables = typeof TableName === 'string' ? [TableName] : [];
  if (typeof RequestItems === 'object' && RequestItems !== null) tables.push(...Object.keys(RequestItems));
  return tables;
}

function errorCodes(settings: DynamoDbFaultSettings): readonly DynamoDbFaultCode[] {
  const { errorCode = 'ProvisionedThroughputExceededException' } = settings;
  return typeof errorCode === 'string' ? [errorCode] : errorCode;
}

function settingsProblems(settings: DynamoDbFaultSettings): string[] {
  const problems: string[] = [];
  const { errorRate, latencyMs, untilMs } = settings;
  if (errorRate !== undefined && !(errorRate >= 0 && errorRate <= 1)) {
    problems.push(`errorRate must be between 0 and 1 (given ${errorRate})`);
  }
  if (
    latencyMs !== undefined &&
    !(Number.isFinite(latencyMs) && latencyMs >= 0 && latencyMs <= MAXIMUM_LATENCY_MS)
  ) {
    problems.push(`latencyMs must be between 0 and ${MAXIMUM_LATENCY_MS} (given ${latencyMs})`);
  }
  const { affectedRequestLimit: limit } = settings;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) {
    problems.push(`affectedRequestLimit must be an integer of at least 1 (given ${limit})`);
  }
  if (untilMs !== undefined && !Number.isFinite(untilMs)) {
    problems.push(`untilMs must be a time in epoch milliseconds (given ${untilMs})`);
  }
  const known = Object.keys(DYNAMODB_FAULT_ERRORS);
  const codes = settings.errorCode === undefined ? [] : errorCodes(settings);
  if (settings.errorCode !== undefined && codes.length === 0)
    problems.push('errorCode must name at least one code');
  for (const code of codes) {
    if (!known.includes(code)) problems.push(`errorCode must be one of ${known.join(', ')} (given ${code})`);
  }
  return problems;
}
