import type { LocalFunctionDefinition } from '../assembly/local-stack';
import { TooManyRequestsException } from './errors';
import type { FunctionInstance } from './function-instance';
import {
  type FunctionCounters,
  type FunctionStatistics,
  functionStatistics,
  zeroCounters,
} from './function-statistics';
import type { InvocationResult } from './invocation-result';

/** Starts an instance of a definition, with its own log stream. */
export type InstanceStarter = (definition: LocalFunctionDefinition) => FunctionInstance;

/** What an instance of an earlier definition still needs: its folders, and to say when it stopped. */
interface Retirement {
  readonly definition: LocalFunctionDefinition;
  retired(): void;
}

/**
 * The instances of one function and what it has done: an invocation takes the most recently used
 * idle instance (a warm start) or starts a new one (a cold start), up to the concurrency limit;
 * beyond it, it is throttled.
 */
export class FunctionInstancePool {
  /** What new instances start from: {@link replaceDefinition} replaces it. */
  private current: LocalFunctionDefinition;
  /** The instances of `current`, idle ones last, most recently used last. */
  private readonly instances: FunctionInstance[] = [];
  /**
   * Instances of an earlier definition that were busy when it was replaced: each is stopped when
   * its invocation ends (then `retired` is called), never to take another.
   */
  private readonly retiring = new Map<FunctionInstance, Retirement>();
  private readonly counters: FunctionCounters = zeroCounters();

  /** @param concurrency the account's limit; the function's `ReservedConcurrentExecutions` lowers it. */
  constructor(
    definition: LocalFunctionDefinition,
    private readonly concurrency: number,
    private readonly startInstance: InstanceStarter,
  ) {
    this.current = definition;
  }

  get definition(): LocalFunctionDefinition {
    return this.current;
  }

  /** Runs one invocation of the serialized payload on an instance, counting what happens. */
  async invoke(serialized: string, requestId?: string): Promise<InvocationResult> {
    const counters = this.counters;
    const instance = this.acquire();
    counters.invocations++;
    counters.busy++;
    counters.peakConcurrency = Math.max(counters.peakConcurrency, counters.busy);
    try {
      const result = await instance.invoke(serialized, requestId);
      if (result.functionError) counters.errors++;
      if (result.timedOut) counters.timeouts++;
      return result;
    } finally {
      counters.busy--;
      this.release(instance);
    }
  }

  /**
   * Makes new instances start from `definition`. Idle instances stop at once; busy ones finish
   * their invocation first, then stop.
   *
   * @returns when every instance of the earlier definition has stopped
   */
  replaceDefinition(definition: LocalFunctionDefinition): Promise<void>[] {
    const previous = this.current;
    this.current = definition;
    return this.instances
      .splice(0)
      .map((instance) =>
        instance.state === 'idle' || instance.state === 'stopped'
          ? instance.stop()
          : new Promise<void>((retired) => this.retiring.set(instance, { definition: previous, retired })),
      );
  }

  /** The definitions whose folders are in use: the current one and those instances still finish. */
  definitionsInUse(): LocalFunctionDefinition[] {
    return [this.current, ...[...this.retiring.values()].map((retirement) => retirement.definition)];
  }

  /** Instances that have not stopped, those finishing an earlier definition's invocation included. */
  aliveInstances(): FunctionInstance[] {
    return [...this.instances, ...this.retiring.keys()].filter((instance) => instance.state !== 'stopped');
  }

  /** One instance running an invocation now, if any. */
  busyInstance(): FunctionInstance | undefined {
    return [...this.instances, ...this.retiring.keys()].find((instance) => instance.state === 'busy');
  }

  statistics(): FunctionStatistics {
    return functionStatistics(this.current, this.counters, this.aliveInstances().length);
  }

  /** Stops every instance; invocations in flight fail. */
  async stopAll(): Promise<void> {
    const stopping = this.instances.splice(0).map((instance) => instance.stop());
    for (const [instance, { retired }] of this.retiring) stopping.push(instance.stop().then(retired));
    this.retiring.clear();
    await Promise.all(stopping);
  }

  private acquire(): FunctionInstance {
    const { instances, counters } = this;
    for (let index = instances.length - 1; index >= 0; index--) {
      if (instances[index].state === 'stopped') instances.splice(index, 1);
    }
    // Idle instances sit at the end, most recently used last.
    for (let index = instances.length - 1; index >= 0; index--) {
      if (instances[index].state === 'idle') return instances[index];
    }
    const limit = Math.min(this.concurrency, this.current.reservedConcurrentExecutions ?? this.concurrency);
    if (counters.busy >= limit) {
      counters.throttles++;
      throw new TooManyRequestsException(this.current.functionName, limit);
    }
    const instance = this.startInstance(this.current);
    instances.push(instance);
    counters.started++;
    counters.peakInstances = Math.max(counters.peakInstances, instances.length);
    return instance;
  }

  /** After an invocation: an instance of an earlier definition stops, others wait for the next. */
  private release(instance: FunctionInstance): void {
    const retirement = this.retiring.get(instance);
    const index = this.instances.indexOf(instance);
    if (retirement !== undefined) {
      this.retiring.delete(instance);
      void instance.stop().then(retirement.retired);
    } else if (instance.state === 'stopped') {
      // acquire() may have dropped it already: splice(-1, 1) would drop another instance.
      if (index >= 0) this.instances.splice(index, 1);
    } else if (index >= 0) {
      // Most recently used last.
      this.instances.push(...this.instances.splice(index, 1));
    }
  }
}
