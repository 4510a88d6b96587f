import type { LocalEnvironment } from '../assembly/local-environment';
import type { LocalFunctionDefinition } from '../assembly/local-stack';
import { type Clock, systemClock } from '../clock';
import { lambdaLogStreamName } from '../logs/log-stream-name';
import type { LogsService } from '../logs/logs-service';
import { asyncSettingsOf } from './async-destinations';
import type { AsyncInvocationQueueOptions } from './async-invocation-options';
import { AsyncInvocationQueue, MAXIMUM_ASYNC_PAYLOAD_BYTES } from './async-invocations';
import { InvalidConcurrencyError, RequestTooLargeException, ResourceNotFoundException } from './errors';
import { functionEnvironment } from './function-environment';
import { functionFolders } from './function-folders';
import { FunctionInstance } from './function-instance';
import { FunctionInstancePool } from './function-instance-pool';
import type { FunctionStatistics } from './function-statistics';
import type { InvocationResult } from './invocation-result';

export type { FunctionStatistics } from './function-statistics';

/** Lambda's limit on a synchronous invocation's payload. */
export const MAXIMUM_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** Options of a {@link LambdaService}. */
export interface LambdaServiceOptions {
  readonly functions: readonly LocalFunctionDefinition[];
  /** Region, account and the endpoints the functions' SDK clients are pointed at. */
  readonly environment: LocalEnvironment;
  /** Where the instances' log streams go; each function's log group is created here. */
  readonly logs: LogsService;
  /** The cloud's clock: log stream names and the retries of asynchronous invocations. @default systemClock */
  readonly clock?: Clock;
  /**
   * The clock that times function code: the init limit and each function's timeout. Code runs at
   * real speed whatever the cloud's time scale, so it keeps Lambda's budget in real time; a scaled
   * one would time out code that fits its timeout on Lambda. Tests pass a faster one.
   * @default systemClock
   */
  readonly executionClock?: Clock;
  /**
   * Instances each function may run at once, like the account's concurrency limit; a function's
   * `ReservedConcurrentExecutions` lowers it. An invocation beyond it is throttled with
   * TooManyRequestsException. Between 1 and 1000.
   * @default 10
   */
  readonly concurrency?: number;
  /**
   * Folders the runtime's own modules are resolved from when an asset does not have them, as
   * Lambda's runtime provides them: `@aws-sdk/*` from nodejs18.x, `aws-sdk` (v2) before.
   * @default - the local-cloud package's folder, so its SDK clients and those of the app it is installed in
   */
  readonly runtimeModulePaths?: readonly string[];
  /**
   * How asynchronous invocations are retried and dropped, who is told about them, and what the
   * functions' dead-letter queues and destinations are sent through. Each function's own
   * EventInvokeConfig and DeadLetterConfig, from its definition, come first.
   * @default - Lambda's defaults: 2 retries, events dropped after 6 hours; no targets
   */
  readonly asyncInvocations?: Pick<
    AsyncInvocationQueueOptions,
    | 'maximumRetryAttempts'
    | 'maximumEventAgeSeconds'
    | 'onAttempt'
    | 'onSettled'
    | 'journalFile'
    | 'targets'
    | 'onProblem'
  >;
}

/**
 * The local Lambda: runs each function of a stack from its bundled asset, in instances that are
 * worker threads. An invocation takes the most recently used idle instance of its function (a warm
 * start) or starts a new one (a cold start, with INIT_START and an Init Duration in its REPORT), up
 * to the concurrency limit. Each instance writes to its own log stream in the function's log group.
 *
 * @example
 * const lambda = new LambdaService({ functions: local.functions, environment: local.environment, logs });
 * const result = await lambda.invoke('OrderPipeline-GenerateOrders9F60A001', {});
 * await lambda.shutdown();
 */
export class LambdaService {
  public readonly concurrency: number;
  /** The cloud's clock, which names log streams and times every asynchronous retry. */
  private readonly clock: Clock;
  /** The queue of `Event` invocations, retried as Lambda retries them. */
  private readonly asyncInvocations: AsyncInvocationQueue;
  private readonly pools = new Map<string, FunctionInstancePool>();

  constructor(private readonly options: LambdaServiceOptions) {
    const concurrency = options.concurrency ?? 10;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
      throw new InvalidConcurrencyError(concurrency);
    }
    this.concurrency = concurrency;
    this.clock = options.clock ?? systemClock;
    const start = (definition: LocalFunctionDefinition) => this.startInstance(definition);
    for (const definition of options.functions) {
      this.pools.set(definition.functionName, new FunctionInstancePool(definition, concurrency, start));
      this.createLogGroup(definition);
    }
    this.asyncInvocations = new AsyncInvocationQueue({
      ...options.asyncInvocations,
      clock: this.clock,
      invoke: (functionName, payload, requestId) => this.invoke(functionName, payload, requestId),
      log: (functionName, logStreamName, message) =>
        this.logPlatformLine(functionName, logStreamName, message),
      // A journaled event of a function the template no longer has keeps the queue's settings.
      functionSettings: (functionName) =>
        this.pools.has(functionName) ? asyncSettingsOf(this.pool(functionName).definition) : {},
    });
  }

  /** Every function of the stack, in template order. */
  listFunctions(): LocalFunctionDefinition[] {
    return [...this.pools.values()].map((pool) => pool.definition);
  }

  /** The function with this name, ARN or logical id. */
  getFunction(functionName: string): LocalFunctionDefinition {
    return this.pool(functionName).definition;
  }

  /**
   * Swaps functions' code and settings (code folder, layers, handler, environment, timeout, memory) for
   * those of a new synthesis, each found by its name, as an UpdateFunctionCode would. Invocations
   * from now on run new instances of the new definition; an invocation in flight finishes on the
   * instance it has, which then stops, and idle instances stop at once, so that no invocation
   * runs the old code again. Statistics and log groups carry on.
   *
   * @returns when every instance of the old definitions has stopped, so their files may go
   * @throws ResourceNotFoundException, before anything is swapped, for a name with no function
   */
  updateFunctions(definitions: readonly LocalFunctionDefinition[]): Promise<void> {
    const pools = definitions.map((definition) => this.pool(definition.functionName));
    const retirements = definitions.flatMap((definition, index) => {
      this.createLogGroup(definition);
      return pools[index].replaceDefinition(definition);
    });
    return Promise.all(retirements).then(() => undefined);
  }

  /**
   * The folders that functions run now or will start from (code and layers): those of their
   * definitions, and those of instances that still finish an invocation of an earlier definition.
   */
  foldersInUse(): Set<string> {
    const definitions = [...this.pools.values()].flatMap((pool) => pool.definitionsInUse());
    return new Set(definitions.flatMap(functionFolders).filter((folder) => folder !== undefined));
  }

  /**
   * Invokes a function synchronously (RequestResponse) with a JSON-serializable payload. A function
   * error (thrown, timed out, crashed) is a result with `functionError`, as in Lambda's Invoke API;
   * only a missing function, a throttle or an oversized payload rejects.
   *
   * @param requestId the invocation's id. @default - a new UUID
   */
  async invoke(functionName: string, payload: unknown, requestId?: string): Promise<InvocationResult> {
    const pool = this.pool(functionName);
    const serialized = JSON.stringify(payload === undefined ? null : payload);
    const bytes = Buffer.byteLength(serialized);
    if (bytes > MAXIMUM_PAYLOAD_BYTES) throw new RequestTooLargeException(bytes, MAXIMUM_PAYLOAD_BYTES);
    return pool.invoke(serialized, requestId);
  }

  /**
   * Invokes a function asynchronously (`InvocationType: Event`): checks the function and the payload
   * (at most 1 MB), queues the event and returns its request id at once. See {@link AsyncInvocationQueue}.
   */
  invokeAsync(functionName: string, payload: unknown): string {
    const { definition } = this.pool(functionName);
    const bytes = Buffer.byteLength(JSON.stringify(payload === undefined ? null : payload));
    if (bytes > MAXIMUM_ASYNC_PAYLOAD_BYTES) {
      throw new RequestTooLargeException(bytes, MAXIMUM_ASYNC_PAYLOAD_BYTES);
    }
    return this.asyncInvocations.enqueue(definition.functionName, payload);
  }

  /** Statistics of every function, by logical id. */
  statistics(): Record<string, FunctionStatistics> {
    return Object.fromEntries(
      [...this.pools.values()].map((pool) => [pool.definition.logicalId, pool.statistics()]),
    );
  }

  /** The log streams of a function's instances, alive now. */
  liveLogStreams(functionName: string): string[] {
    return this.pool(functionName)
      .aliveInstances()
      .map((instance) => instance.logStreamName);
  }

  /**
   * Fault injection: terminates the worker of one busy instance of a function, as if its execution
   * environment died mid-invocation. The invocation fails with `Runtime.ExitError` and the instance
   * is gone; the next invocation starts a new one.
   *
   * @returns the log stream of the instance killed, or `undefined` when none was busy.
   */
  async killBusyInstance(functionName: string): Promise<string | undefined> {
    const instance = this.pool(functionName).busyInstance();
    if (instance === undefined) return undefined;
    await instance.stop();
    return instance.logStreamName;
  }

  /** Drops queued asynchronous invocations and stops every instance; invocations in flight fail. */
  async shutdown(): Promise<void> {
    const drained = this.asyncInvocations.stop();
    await Promise.all([...this.pools.values()].map((pool) => pool.stopAll()));
    await drained;
  }

  /**
   * A line of the platform's own in a function's log group: in the given stream, or in a new one
   * when there is none to write to.
   */
  private logPlatformLine(functionName: string, logStreamName: string | undefined, message: string): void {
    const { logGroupName } = this.pool(functionName).definition;
    const { logs } = this.options;
    let stream = logStreamName;
    if (stream === undefined) {
      stream = lambdaLogStreamName(this.clock.now());
      logs.createLogStream(logGroupName, stream);
    }
    logs.putLogEvents(logGroupName, stream, [message]);
  }

  private pool(functionName: string): FunctionInstancePool {
    const byName = this.pools.get(functionName);
    if (byName) return byName;
    for (const pool of this.pools.values()) {
      const { logicalId, functionArn } = pool.definition;
      if (functionName === logicalId || functionName === functionArn) return pool;
    }
    throw new ResourceNotFoundException(functionName, [...this.pools.keys()]);
  }

  /** A new instance of a function, writing to a new log stream of its log group. */
  private startInstance(definition: LocalFunctionDefinition): FunctionInstance {
    const { logs, environment } = this.options;
    const logStreamName = lambdaLogStreamName(this.clock.now());
    logs.createLogStream(definition.logGroupName, logStreamName);
    return new FunctionInstance({
      definition,
      environment: functionEnvironment(definition, environment, logStreamName),
      logStreamName,
      log: (message) => logs.putLogEvents(definition.logGroupName, logStreamName, [message]),
      executionClock: this.options.executionClock ?? systemClock,
      runtimeVersion: `nodejs:${process.versions.node}`,
      runtimeModulePaths: this.options.runtimeModulePaths,
    });
  }

  /** The function's log group, unless it exists (kept from an earlier run, or shared). */
  private createLogGroup(definition: LocalFunctionDefinition): void {
    const { logs } = this.options;
    const exists = logs.describeLogGroups().some((group) => group.logGroupName === definition.logGroupName);
    if (exists) return;
    const label = definition.logicalId.replace(/[0-9A-F]{8}$/, '');
    logs.createLogGroup(definition.logGroupName, label, { retentionInDays: definition.logRetentionInDays });
  }
}
