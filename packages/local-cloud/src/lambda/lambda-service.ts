import type { LocalEnvironment } from '../assembly/local-environment';
import type { LocalFunctionDefinition } from '../assembly/local-stack';
import { type Clock, systemClock } from '../clock';
import { lambdaLogStreamName } from '../logs/log-stream-name';
import type { LogsService } from '../logs/logs-service';
import { asyncSettingsOf } from './async-destinations';
import {
  AsyncInvocationQueue,
  type AsyncInvocationQueueOptions,
  MAXIMUM_ASYNC_PAYLOAD_BYTES,
} from './async-invocations';
import {
  InvalidConcurrencyError,
  RequestTooLargeException,
  ResourceNotFoundException,
  TooManyRequestsException,
} from './errors';
import { functionEnvironment } from './function-environment';
import { functionFolders } from './function-folders';
import { FunctionInstance, type InvocationResult } from './function-instance';
import {
  type FunctionCounters,
  type FunctionStatistics,
  functionStatistics,
  zeroCounters,
} from './function-statistics';

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

interface FunctionEntry extends FunctionCounters {
  /** What new instances start from: {@link LambdaService.updateFunctions} replaces it. */
  definition: LocalFunctionDefinition;
  /** The instances of `definition`, idle ones last, most recently used last. */
  readonly instances: FunctionInstance[];
  /**
   * Instances of an earlier definition that were busy when it was replaced: each is stopped when
   * its invocation ends (then `retired` is called), never to take another.
   */
  readonly retiring: Map<FunctionInstance, { readonly definition: LocalFunctionDefinition; retired(): void }>;
}

/** A one-line notice for each function whose template runtime differs from the Node.js that runs it locally. */
export function runtimeNotices(functions: readonly LocalFunctionDefinition[]): string[] {
  const local = `nodejs${process.versions.node.split('.')[0]}.x`;
  return functions
    .filter((definition) => definition.runtime !== local)
    .map(
      (definition) =>
        `${definition.logicalId}: the template asks for ${definition.runtime}; it runs locally on Node.js ${process.versions.node}`,
    );
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
  private readonly entries = new Map<string, FunctionEntry>();

  constructor(private readonly options: LambdaServiceOptions) {
    const concurrency = options.concurrency ?? 10;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
      throw new InvalidConcurrencyError(concurrency);
    }
    this.concurrency = concurrency;
    this.clock = options.clock ?? systemClock;
    for (const definition of options.functions) {
      this.entries.set(definition.functionName, {
        definition,
        instances: [],
        retiring: new Map(),
        ...zeroCounters(),
      });
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
        this.entries.has(functionName) ? asyncSettingsOf(this.entry(functionName).definition) : {},
    });
  }

  /** Every function of the stack, in template order. */
  listFunctions(): LocalFunctionDefinition[] {
    return [...this.entries.values()].map((entry) => entry.definition);
  }

  /** The function with this name, ARN or logical id. */
  getFunction(functionName: string): LocalFunctionDefinition {
    return this.entry(functionName).definition;
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
    const entries = definitions.map((definition) => this.entry(definition.functionName));
    const retirements: Promise<void>[] = [];
    definitions.forEach((definition, index) => {
      const entry = entries[index];
      const previous = entry.definition;
      entry.definition = definition;
      this.createLogGroup(definition);
      for (const instance of entry.instances.splice(0)) {
        if (instance.state === 'idle' || instance.state === 'stopped') retirements.push(instance.stop());
        else {
          retirements.push(
            new Promise((retired) => entry.retiring.set(instance, { definition: previous, retired })),
          );
        }
      }
    });
    return Promise.all(retirements).then(() => undefined);
  }

  /**
   * The folders that functions run now or will start from (code and layers): those of their
   * definitions, and those of instances that still finish an invocation of an earlier definition.
   */
  foldersInUse(): Set<string> {
    const definitions = [...this.entries.values()].flatMap((entry) => [
      entry.definition,
      ...[...entry.retiring.values()].map((retirement) => retirement.definition),
    ]);
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
    const entry = this.entry(functionName);
    const serialized = JSON.stringify(payload === undefined ? null : payload);
    const bytes = Buffer.byteLength(serialized);
    if (bytes > MAXIMUM_PAYLOAD_BYTES) throw new RequestTooLargeException(bytes, MAXIMUM_PAYLOAD_BYTES);
    const instance = this.acquire(entry);
    entry.invocations++;
    entry.busy++;
    entry.peakConcurrency = Math.max(entry.peakConcurrency, entry.busy);
    try {
      const result = await instance.invoke(serialized, requestId);
      if (result.functionError) entry.errors++;
      if (result.timedOut) entry.timeouts++;
      return result;
    } finally {
      entry.busy--;
      this.release(entry, instance);
    }
  }

  /**
   * Invokes a function asynchronously (`InvocationType: Event`): checks the function and the payload
   * (at most 1 MB), queues the event and returns its request id at once. See {@link AsyncInvocationQueue}.
   */
  invokeAsync(functionName: string, payload: unknown): string {
    const { definition } = this.entry(functionName);
    const bytes = Buffer.byteLength(JSON.stringify(payload === undefined ? null : payload));
    if (bytes > MAXIMUM_ASYNC_PAYLOAD_BYTES) {
      throw new RequestTooLargeException(bytes, MAXIMUM_ASYNC_PAYLOAD_BYTES);
    }
    return this.asyncInvocations.enqueue(definition.functionName, payload);
  }

  /** Statistics of every function, by logical id. */
  statistics(): Record<string, FunctionStatistics> {
    return Object.fromEntries(
      [...this.entries.values()].map((entry) => [
        entry.definition.logicalId,
        functionStatistics(entry.definition, entry, aliveInstances(entry).length),
      ]),
    );
  }

  /** The log streams of a function's instances, alive now. */
  liveLogStreams(functionName: string): string[] {
    return aliveInstances(this.entry(functionName)).map((instance) => instance.logStreamName);
  }

  /**
   * Fault injection: terminates the worker of one busy instance of a function, as if its execution
   * environment died mid-invocation. The invocation fails with `Runtime.ExitError` and the instance
   * is gone; the next invocation starts a new one.
   *
   * @returns the log stream of the instance killed, or `undefined` when none was busy.
   */
  async killBusyInstance(functionName: string): Promise<string | undefined> {
    const entry = this.entry(functionName);
    const instance = [...entry.instances, ...entry.retiring.keys()].find(
      (candidate) => candidate.state === 'busy',
    );
    if (instance === undefined) return undefined;
    await instance.stop();
    return instance.logStreamName;
  }

  /** Drops queued asynchronous invocations and stops every instance; invocations in flight fail. */
  async shutdown(): Promise<void> {
    const drained = this.asyncInvocations.stop();
    const instances = [...this.entries.values()].flatMap((entry) => entry.instances.splice(0));
    const retiring = [...this.entries.values()].flatMap((entry) => {
      const stopping = [...entry.retiring].map(([instance, { retired }]) => instance.stop().then(retired));
      entry.retiring.clear();
      return stopping;
    });
    await Promise.all([...instances.map((instance) => instance.stop()), ...retiring]);
    await drained;
  }

  /**
   * A line of the platform's own in a function's log group: in the given stream, or in a new one
   * when there is none to write to.
   */
  private logPlatformLine(functionName: string, logStreamName: string | undefined, message: string): void {
    const { logGroupName } = this.entry(functionName).definition;
    const { logs } = this.options;
    let stream = logStreamName;
    if (stream === undefined) {
      stream = lambdaLogStreamName(this.clock.now());
      logs.createLogStream(logGroupName, stream);
    }
    logs.putLogEvents(logGroupName, stream, [message]);
  }

  private entry(functionName: string): FunctionEntry {
    const byName = this.entries.get(functionName);
    if (byName) return byName;
    for (const entry of this.entries.values()) {
      const { logicalId, functionArn } = entry.definition;
      if (functionName === logicalId || functionName === functionArn) return entry;
    }
    throw new ResourceNotFoundException(functionName, [...this.entries.keys()]);
  }

  private acquire(entry: FunctionEntry): FunctionInstance {
    for (let index = entry.instances.length - 1; index >= 0; index--) {
      if (entry.instances[index].state === 'stopped') entry.instances.splice(index, 1);
    }
    // Idle instances sit at the end, most recently used last.
    for (let index = entry.instances.length - 1; index >= 0; index--) {
      if (entry.instances[index].state === 'idle') return entry.instances[index];
    }
    const limit = Math.min(
      this.concurrency,
      entry.definition.reservedConcurrentExecutions ?? this.concurrency,
    );
    if (entry.busy >= limit) {
      entry.throttles++;
      throw new TooManyRequestsException(entry.definition.functionName, limit);
    }
    const { definition } = entry;
    const { logs, environment } = this.options;
    const logStreamName = lambdaLogStreamName(this.clock.now());
    logs.createLogStream(definition.logGroupName, logStreamName);
    const instance = new FunctionInstance({
      definition,
      environment: functionEnvironment(definition, environment, logStreamName),
      logStreamName,
      log: (message) => logs.putLogEvents(definition.logGroupName, logStreamName, [message]),
      executionClock: this.options.executionClock ?? systemClock,
      runtimeVersion: `nodejs:${process.versions.node}`,
      runtimeModulePaths: this.options.runtimeModulePaths,
    });
    entry.instances.push(instance);
    entry.started++;
    entry.peakInstances = Math.max(entry.peakInstances, entry.instances.length);
    return instance;
  }

  /** After an invocation: an instance of an earlier definition stops, others wait for the next. */
  private release(entry: FunctionEntry, instance: FunctionInstance): void {
    const retirement = entry.retiring.get(instance);
    if (retirement !== undefined) {
      entry.retiring.delete(instance);
      void instance.stop().then(retirement.retired);
    } else if (instance.state === 'stopped') {
      // acquire() may have dropped it already: splice(-1, 1) would drop another instance.
      const index = entry.instances.indexOf(instance);
      if (index >= 0) entry.instances.splice(index, 1);
    } else this.markRecentlyUsed(entry, instance);
  }

  /** The function's log group, unless it exists (kept from an earlier run, or shared). */
  private createLogGroup(definition: LocalFunctionDefinition): void {
    const { logs } = this.options;
    const exists = logs.describeLogGroups().some((group) => group.logGroupName === definition.logGroupName);
    if (exists) return;
    const label = definition.logicalId.replace(/[0-9A-F]{8}$/, '');
    logs.createLogGroup(definition.logGroupName, label, { retentionInDays: definition.logRetentionInDays });
  }

  private markRecentlyUsed(entry: FunctionEntry, instance: FunctionInstance): void {
    const index = entry.instances.indexOf(instance);
    if (index >= 0) entry.instances.push(...entry.instances.splice(index, 1));
  }
}

/** A function's instances that have not stopped, those finishing an earlier definition's invocation included. */
function aliveInstances(entry: FunctionEntry): FunctionInstance[] {
  return [...entry.instances, ...entry.retiring.keys()].filter((instance) => instance.state !== 'stopped');
}
