import type { Message } from '@aws-sdk/client-sqs';
import { systemClock } from '../clock';
import { SQS_LIMITS } from '../sqs/sqs-limits';
import { BatchSettler, describeError, type ReceivedMessage } from './batch-settler';
import { EventFilter } from './event-filter';
import { InitFailureBackoff, isInitFailure } from './init-backoff';
import { InvocationSlots } from './invocation-slots';
import type {
  InvocationOutcome,
  SqsEventSourceSettings,
  SqsEventSourceUpdate,
  SqsPollerDependencies,
} from './poller-types';
import { QueueVisibilityTimeout } from './queue-visibility-timeout';

export type {
  BatchSettlement,
  InvocationOutcome,
  PollerClock,
  PollerSqsClient,
  SqsEventSourceSettings,
  SqsEventSourceUpdate,
  SqsPollerDependencies,
} from './poller-types';

/** Pause before polling again after a failed receive, so a stopped endpoint is not hammered. */
const RECEIVE_RETRY_MILLISECONDS = 1000;
/** Without a long poll (the last fraction of a batching window, or no idle wait), re-poll this often. */
const SHORT_POLL_MILLISECONDS = 50;
/** Lambda starts an SQS event source with five pollers (services-sqs-scaling). */
const INITIAL_POLLERS = 5;
/** Lambda adds "up to 300 more instances per minute" while messages remain: one per 200 cloud ms. */
const SCALE_UP_INTERVAL_MILLISECONDS = 60_000 / 300;
/** How often a poller paused by a failed init looks whether it is stopping, in cloud milliseconds. */
const BACKOFF_CHECK_MILLISECONDS = 100;

/**
 * Lambda's poller fleet for one SQS event source mapping.
 *
 * As on AWS, it starts five pollers that long-poll the queue in parallel, whatever
 * `maximumConcurrency`; a burst is split among them and each poller's batch is its own invocation.
 * While every invocation slot is taken, no poller starts a receive, so few batches wait for a slot
 * while their visibility timeout runs. A poller gathers up to `batchSize` records, or until the batching window has run since
 * its first record arrived, invokes the function with them and waits for the answer before gathering
 * again. While batches come back full (a backlog), a poller is added, at most one per 200 cloud
 * milliseconds (300 a minute), up to `maximumConcurrency` when it is over five; a poller whose receive comes back empty
 * stops, down to the initial five. Invocations take a slot of `maximumConcurrency` first, so
 * concurrent invocations never exceed the cap, even while pollers over a lowered cap finish.
 *
 * Batches are filtered and settled by `batch-settler.ts`. A function whose init fails makes the
 * mapping back off (`init-backoff.ts`).
 */
export class SqsEventSourcePoller {
  private stopping = false;
  private pollers = 0;
  private nextPollerId = 1;
  private lastScaleUp = 0;
  private readonly running = new Set<Promise<void>>();
  private readonly slots: InvocationSlots;
  private readonly backoff = new InitFailureBackoff();
  private readonly settler?: BatchSettler;
  /** Why the filters cannot be used, when Lambda would have refused them. */
  private readonly filterProblem?: string;
  private filterProblemReported = false;

  constructor(
    private settings: SqsEventSourceSettings,
    private readonly dependencies: SqsPollerDependencies,
  ) {
    const real = dependencies.realClock ?? systemClock;
    this.slots = new InvocationSlots(() => this.settings.maximumConcurrency);
    let filter: EventFilter;
    try {
      filter = EventFilter.parse(settings.filterPatterns ?? []);
    } catch (error) {
      this.filterProblem = (error as Error).message;
      return;
    }
    const visibilityTimeout = new QueueVisibilityTimeout(
      async () => {
        const { Attributes = {} } = await dependencies.sqs.getQueueAttributes({
          QueueUrl: this.settings.queueUrl,
          AttributeNames: ['VisibilityTimeout'],
        });
        return Number(Attributes.VisibilityTimeout);
      },
      () => real.now(),
      (message) => this.report(message),
    );
    this.settler = new BatchSettler({
      dependencies,
      settings: () => this.settings,
      holdClocks: { cloud: dependencies.clock, real },
      visibilityTimeout,
      filter,
    });
  }

  /**
   * Starts polling with the initial pollers; call it again only once {@link stop} has resolved. A
   * mapping whose filters Lambda would refuse does not poll: it reports why once, and leaves every
   * message on the queue rather than delete one because of a filter it could not read.
   */
  start(): void {
    if (this.pollers > 0 && !this.stopping) return;
    if (this.settler === undefined) {
      if (!this.filterProblemReported) {
        this.report(`not polling: ${this.filterProblem} (Lambda refuses such a pattern at deploy)`);
      }
      this.filterProblemReported = true;
      return;
    }
    this.stopping = false;
    this.lastScaleUp = this.dependencies.clock.now();
    this.startInitialPollers();
  }

  /** Stops gathering; resolves once every in-flight invocation has been settled. */
  async stop(): Promise<void> {
    this.stopping = true;
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  /**
   * Changes settings while polling, as UpdateEventSourceMapping does: a batch in flight keeps what it
   * was gathered with, the next gather uses the new batch size and window, invocations past a lowered
   * concurrency cap wait for a slot and the pollers over it end once their batch has settled, and a
   * raised cap lets more pollers start.
   */
  update(changes: SqsEventSourceUpdate): void {
    this.settings = { ...this.settings, ...changes };
    this.slots.wake();
    if (this.pollers > 0 && !this.stopping) this.startInitialPollers();
  }

  /** The settings the next gather uses. */
  get currentSettings(): SqsEventSourceSettings {
    return this.settings;
  }

  /** Pollers gathering or invoking now: 0 once stopped. */
  get activeLanes(): number {
    return this.pollers;
  }

  /** The most invocations that ran at once. */
  get peakConcurrency(): number {
    return this.slots.peakInUse;
  }

  /** Failed inits in a row: while above 0, the mapping is backing off. */
  get consecutiveInitFailures(): number {
    return this.backoff.consecutiveFailures;
  }

  /**
   * Lambda keeps its five pollers reading whatever the maximum concurrency ("this optimization is
   * not available when you enable the maximum concurrency setting", services-sqs-scaling): a burst
   * is spread over them, and the cap limits the invocations, not the receives.
   */
  private get minimumPollers(): number {
    return this.dependencies.initialPollers ?? INITIAL_POLLERS;
  }

  /** A cap over the initial pollers lets a backlog add pollers up to it. */
  private get maximumPollers(): number {
    return Math.max(this.minimumPollers, this.settings.maximumConcurrency);
  }

  private startInitialPollers(): void {
    while (this.pollers < this.minimumPollers) this.startPoller();
  }

  private startPoller(): void {
    this.pollers += 1;
    const poller = this.runPoller(this.nextPollerId++).finally(() => this.running.delete(poller));
    this.running.add(poller);
  }

  /** Adds a poller for a backlog, at Lambda's scale-up rate and never past the cap. */
  private scaleUp(): void {
    const now = this.dependencies.clock.now();
    if (this.stopping || this.pollers >= this.maximumPollers) return;
    if (now - this.lastScaleUp < SCALE_UP_INTERVAL_MILLISECONDS) return;
    this.lastScaleUp = now;
    this.startPoller();
  }

  private async runPoller(pollerId: number): Promise<void> {
    try {
      await this.poll(pollerId);
    } finally {
      // Counted off as the poller decides to end, so that the next one to decide sees it gone.
      this.pollers -= 1;
    }
  }

  private async poll(pollerId: number): Promise<void> {
    while (!this.stopping) {
      if (this.pollers > this.maximumPollers) return;
      await this.waitOutBackoff();
      // With every invocation slot taken, Lambda's pollers stop reading until one ends.
      await this.slots.untilFree();
      if (this.stopping) return;
      // A batch is settled as it was gathered, whatever an update changes meanwhile.
      const settings = this.settings;
      const batch = await this.gatherBatch(settings);
      if (batch.length === 0) {
        if (this.pollers > this.minimumPollers) return;
        continue;
      }
      if (batch.length >= settings.batchSize) this.scaleUp();
      await this.slots.acquire();
      let outcome: InvocationOutcome | undefined;
      try {
        outcome = await this.settler?.settle(pollerId, batch, settings);
      } finally {
        this.slots.release();
      }
      if (outcome !== undefined) this.recordOutcome(outcome);
    }
  }

  private recordOutcome(outcome: InvocationOutcome): void {
    const failedInit = outcome.status === 'failed' && isInitFailure(outcome.error);
    const { started } = this.backoff.record({ failedInit }, this.dependencies.clock.now());
    if (started && outcome.status === 'failed') {
      this.report(
        `the function's init failed (${outcome.error}); backing off as Lambda does: no batch for 1 s, ` +
          'then twice as long after each failed init in a row, up to 60 s (cloud time), until an invocation ' +
          'succeeds. The failed batches return after their visibility timeout.',
      );
    }
  }

  /** Waits while failed inits make the mapping back off; returns at once when stopping. */
  private async waitOutBackoff(): Promise<void> {
    const { clock } = this.dependencies;
    // Bounded: the longest pause is 60 s, checked every 100 cloud ms.
    for (let check = 0; check < 1000 && !this.stopping; check += 1) {
      const wait = this.backoff.waitAt(clock.now());
      if (wait <= 0) return;
      await clock.sleep(Math.min(wait, BACKOFF_CHECK_MILLISECONDS));
    }
  }

  private async gatherBatch(settings: SqsEventSourceSettings): Promise<ReceivedMessage[]> {
    const { batchSize, maximumBatchingWindowSeconds } = settings;
    const { clock, idleWaitSeconds = 1 } = this.dependencies;
    const batch: ReceivedMessage[] = [];
    let windowEnd: number | undefined;
    while (batch.length < batchSize && !this.stopping) {
      const remaining = windowEnd === undefined ? undefined : windowEnd - clock.now();
      if (remaining !== undefined && remaining <= 0) break;
      const waitSeconds = remaining === undefined ? idleWaitSeconds : Math.floor(remaining / 1000);
      const messages = await this.receive(
        Math.min(SQS_LIMITS.maxReceiveMessages, batchSize - batch.length),
        waitSeconds,
      );
      if (messages.length === 0) {
        // A receive that did not wait must not spin: pause as a long poll would have.
        if (waitSeconds === 0)
          await clock.sleep(Math.min(remaining ?? SHORT_POLL_MILLISECONDS, SHORT_POLL_MILLISECONDS));
        if (remaining === undefined) return batch;
        continue;
      }
      const receivedAt = clock.now();
      if (windowEnd === undefined) windowEnd = receivedAt + maximumBatchingWindowSeconds * 1000;
      for (const message of messages) {
        batch.push({ message, receiptHandle: message.ReceiptHandle ?? '', receivedAt });
      }
    }
    return batch;
  }

  private async receive(maxNumberOfMessages: number, waitTimeSeconds: number): Promise<Message[]> {
    try {
      const response = await this.dependencies.sqs.receiveMessage({
        QueueUrl: this.settings.queueUrl,
        MaxNumberOfMessages: maxNumberOfMessages,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      });
      return response.Messages ?? [];
    } catch (error) {
      this.report(`ReceiveMessage failed: ${describeError(error)}`);
      await this.dependencies.clock.sleep(RECEIVE_RETRY_MILLISECONDS);
      return [];
    }
  }

  private report(message: string): void {
    this.dependencies.onProblem?.(`${this.settings.name}: ${message}`);
  }
}
