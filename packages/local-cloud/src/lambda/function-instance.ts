import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { TimerHandle } from '../clock';
import { bootstrapData } from './bootstrap-data';
import type { FunctionInstanceOptions, InstanceState } from './function-instance-options';
import type { InvocationResult } from './invocation-result';
import {
  billedDurationMs,
  endLine,
  initErrorLine,
  initReportLine,
  initStartLine,
  reportLine,
  startLine,
  timeoutError,
  timeoutLine,
} from './platform-lines';
import type { InvokeMessage, LambdaErrorPayload, WorkerMessage } from './runtime-bootstrap';
import { runtimeBootstrapSource } from './runtime-bootstrap-source';
import { crashError, exitError, type InvocationOutcome, resultOutcome } from './worker-outcomes';

const MEGABYTE = 1024 * 1024;

interface PendingInvocation {
  readonly requestId: string;
  /** Wall-clock epoch ms at which the handler (or, before START, the invocation) started. */
  startedAt: number;
  readonly coldStart: boolean;
  readonly resolve: (result: InvocationResult) => void;
  timer: TimerHandle;
  /** START is logged: a failure from now on is this invocation's, not the init phase's. */
  started: boolean;
}

/** Lambda's limit on an on-demand instance's init phase, in milliseconds of the execution clock. */
const INIT_TIMEOUT_MS = 10_000;

/**
 * One execution environment of a function: a worker thread with its own module state, its own
 * `process.env` and a heap capped at the function's memory size. It loads the bundle once (the init
 * phase), then runs one invocation at a time; an invocation that outlasts the function's timeout,
 * by the execution clock (real time), terminates the worker, and so does a crash. A stopped instance
 * never runs again.
 */
export class FunctionInstance {
  public readonly instanceId: string;
  private readonly worker: Worker;
  private readonly ready: Promise<LambdaErrorPayload | undefined>;
  private stateValue: InstanceState = 'initializing';
  private initDurationMs?: number;
  /** Wall-clock epoch ms at which the worker was created. */
  private readonly initStartedAt: number;
  /** The init phase has ended, and an INIT_REPORT was written if it failed. */
  private initEnded = false;
  private maxMemoryUsedBytes = 0;
  private pending?: PendingInvocation;
  private invocationsValue = 0;
  private readonly settings: FunctionInstanceOptions;

  constructor(options: FunctionInstanceOptions) {
    this.settings = options;
    const { definition } = options;
    this.instanceId = options.logStreamName.slice(-32);
    options.log(initStartLine(options.runtimeVersion, `local:${definition.runtime}`));
    this.worker = new Worker(runtimeBootstrapSource(), {
      eval: true,
      workerData: bootstrapData(options),
      env: { ...options.environment },
      execArgv: [],
      // Anything that bypasses the patched streams still lands in this instance's log stream.
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: definition.memorySizeMb },
    });
    this.worker.stdout.on('data', (chunk: Buffer) => this.logRaw(chunk));
    this.worker.stderr.on('data', (chunk: Buffer) => this.logRaw(chunk));
    this.initStartedAt = Date.now();
    this.ready = new Promise((resolve) => this.follow(resolve));
  }

  get state(): InstanceState {
    return this.stateValue;
  }

  get logStreamName(): string {
    return this.settings.logStreamName;
  }

  /** Invocations this instance has started. */
  get invocations(): number {
    return this.invocationsValue;
  }

  /**
   * Runs one invocation. The caller must not invoke a busy instance; the result is never a rejection,
   * failures come back as Lambda reports them, with `functionError`.
   *
   * @param requestId the invocation's id; an asynchronous invocation keeps its id across retries.
   *   @default - a new UUID
   */
  async invoke(payload: string, requestId: string = randomUUID()): Promise<InvocationResult> {
    const coldStart = this.stateValue === 'initializing';
    if (this.stateValue === 'busy') throw new Error(`instance ${this.instanceId} is busy`);
    const { definition, executionClock: clock } = this.settings;
    const timeoutMs = definition.timeoutSeconds * 1000;
    const startedAt = Date.now();
    this.invocationsValue++;
    this.stateValue = this.stateValue === 'stopped' ? 'stopped' : 'busy';
    this.worker.ref();
    return new Promise<InvocationResult>((resolve) => {
      // Like Lambda, the init phase has a limit of its own; the function's timeout starts with the handler.
      const initTimer = clock.setTimer(() => this.timeOut('init'), INIT_TIMEOUT_MS);
      const pending: PendingInvocation = {
        requestId,
        startedAt,
        coldStart,
        resolve,
        timer: initTimer,
        started: false,
      };
      this.pending = pending;
      void this.ready.then((initError) => {
        if (this.pending !== pending) return;
        initTimer.cancel();
        this.logStart(pending);
        if (initError) {
          this.fail(initError, true);
          return;
        }
        pending.startedAt = Date.now();
        pending.timer = clock.setTimer(() => this.timeOut('invoke'), timeoutMs);
        const message: InvokeMessage = {
          type: 'invoke',
          requestId,
          payload,
          deadline: pending.startedAt + timeoutMs / clock.scale,
          timeScale: clock.scale,
        };
        this.worker.postMessage(message);
      });
    });
  }

  /** Ends the instance; an invocation in flight fails. */
  async stop(): Promise<void> {
    this.stateValue = 'stopped';
    this.failPending({ errorType: 'Runtime.ExitError', errorMessage: 'instance stopped', stack: [] });
    await this.worker.terminate();
  }

  /** Follows the worker: its log lines, the end of its init phase, its results, its crash or exit. */
  private follow(resolveReady: (initError: LambdaErrorPayload | undefined) => void): void {
    const { log } = this.settings;
    const endInit = (initError?: LambdaErrorPayload) => {
      if (!this.initEnded && initError) {
        // As on Lambda, why the init phase failed reaches the log group, not only the caller.
        const durationMs = this.initDurationMs ?? Date.now() - this.initStartedAt;
        log(initReportLine(durationMs, 'error', initError.errorType));
      }
      this.initEnded = true;
      resolveReady(initError);
    };
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') log(message.message);
      else if (message.type === 'ready') {
        this.initDurationMs = message.initDurationMs;
        this.noteMemory(message.memoryUsedBytes);
        // The invocation that started this instance may already hold it: it stays busy.
        if (this.stateValue === 'initializing') this.stateValue = 'idle';
        endInit();
      } else if (message.type === 'initError') {
        this.initDurationMs = message.initDurationMs;
        log(initErrorLine(new Date().toISOString(), message.error));
        endInit(message.error);
      } else if (message.type === 'result') this.complete(message);
    });
    this.worker.on('error', (error) => {
      const crash = crashError(error);
      // As Lambda's runtime does, the crash is logged even when no invocation is running.
      const requestId = this.pending?.requestId ?? 'undefined';
      log(`${new Date().toISOString()}\t${requestId}\tERROR\tUncaught Exception \t${JSON.stringify(crash)}`);
      endInit(crash);
      this.failPending(crash);
    });
    this.worker.on('exit', (code) => {
      const crash = exitError(code);
      endInit(crash);
      this.failPending(crash);
      this.stateValue = 'stopped';
    });
  }

  private logRaw(chunk: Buffer): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line !== '') this.settings.log(line);
  }

  private noteMemory(bytes: number): void {
    this.maxMemoryUsedBytes = Math.max(this.maxMemoryUsedBytes, bytes);
  }

  private logStart(pending: PendingInvocation): void {
    if (pending.started) return;
    pending.started = true;
    this.settings.log(startLine(pending.requestId));
  }

  private complete(message: Extract<WorkerMessage, { type: 'result' }>): void {
    const pending = this.pending;
    if (!pending || pending.requestId !== message.requestId) return;
    this.noteMemory(message.memoryUsedBytes);
    this.finish(pending, message.durationMs, resultOutcome(message));
    if (this.stateValue === 'busy') this.stateValue = 'idle';
    this.worker.unref();
  }

  private timeOut(phase: 'init' | 'invoke'): void {
    const pending = this.pending;
    if (!pending) return;
    const { definition } = this.settings;
    const seconds = phase === 'init' ? INIT_TIMEOUT_MS / 1000 : definition.timeoutSeconds;
    if (phase === 'init' && !this.initEnded) {
      this.initEnded = true;
      // Lambda's words for it (runtimes-context, "Failures during the Init phase"): no error type.
      this.settings.log(initReportLine(INIT_TIMEOUT_MS, 'timeout'));
    }
    this.logStart(pending);
    this.settings.log(timeoutLine(new Date().toISOString(), pending.requestId, seconds));
    this.stateValue = 'stopped';
    void this.worker.terminate();
    this.finish(pending, Date.now() - pending.startedAt, {
      error: timeoutError(pending.requestId, seconds, phase),
      status: 'timeout',
      initFailed: phase === 'init',
    });
  }

  /** The worker crashed or was stopped; before START, the init phase's handler reports it. */
  private failPending(error: LambdaErrorPayload): void {
    this.stateValue = 'stopped';
    if (this.pending?.started) this.fail(error);
  }

  private fail(error: LambdaErrorPayload, initFailed = false): void {
    const pending = this.pending;
    if (!pending) return;
    this.stateValue = 'stopped';
    void this.worker.terminate();
    this.finish(pending, Date.now() - pending.startedAt, { error, status: 'error', initFailed });
  }

  private finish(pending: PendingInvocation, durationMs: number, outcome: InvocationOutcome): void {
    pending.timer.cancel();
    this.pending = undefined;
    const { definition, log } = this.settings;
    const initDurationMs = pending.coldStart ? this.initDurationMs : undefined;
    const maxMemoryUsedMb = Math.max(1, Math.ceil(this.maxMemoryUsedBytes / MEGABYTE));
    const billed = billedDurationMs(durationMs, initDurationMs);
    log(endLine(pending.requestId));
    log(
      reportLine({
        requestId: pending.requestId,
        durationMs,
        billedDurationMs: billed,
        memorySizeMb: definition.memorySizeMb,
        maxMemoryUsedMb,
        initDurationMs,
        status: outcome.status,
      }),
    );
    pending.resolve({
      requestId: pending.requestId,
      functionName: definition.functionName,
      logStreamName: this.settings.logStreamName,
      payload: outcome.error ?? outcome.payload ?? null,
      functionError: outcome.error ? 'Unhandled' : undefined,
      error: outcome.error,
      coldStart: pending.coldStart,
      initDurationMs,
      durationMs,
      billedDurationMs: billed,
      maxMemoryUsedMb,
      timedOut: outcome.status === 'timeout',
      ...(outcome.initFailed ? { initFailed: true } : {}),
    });
  }
}
