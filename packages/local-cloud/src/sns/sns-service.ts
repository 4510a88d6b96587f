import { type Clock, systemClock } from '../clock';
import { type DeliveryOutcome, deliverToSubscription, type UndeliverableMessage } from './delivery';
import { DeliveryScheduler } from './delivery-scheduler';
import type { DeliveryTargets } from './delivery-targets';
import { SnsError } from './errors';
import { FifoDeduplication } from './fifo-deduplication';
import type { FilterPolicy } from './filter-policy';
import { matchesFilterPolicy } from './filter-policy-match';
import type { NotificationUrls } from './notification-formats';
import { commitPublish, type PreparedPublish, type PublishRequest, preparePublish } from './publish';
import type { PublishedMessage } from './published-message';
import { SnsModel } from './sns-model';
import { type JournalRecord, SnsStateJournal } from './state-journal';
import { compiledFilterPolicy, type SubscriptionRecord } from './subscription-attributes';
import { isFifoTopic } from './topic-attributes';

/** Options of {@link SnsService.start}. */
export interface SnsServiceOptions {
  /** Where deliveries go: the local cloud's queues, functions, loopback HTTP and terminal. */
  readonly targets: DeliveryTargets;
  /** Account id in ARNs. @default '000000000000' */
  readonly accountId?: string;
  /** Region in ARNs. @default 'us-east-1' */
  readonly region?: string;
  /** Directory of the durable journal. @default - state in memory only */
  readonly stateDir?: string;
  /** Time source of timestamps and retry waits. @default systemClock */
  readonly clock?: Clock;
  /** Base URL in SigningCertURL and UnsubscribeURL. @default 'http://127.0.0.1:4566' */
  readonly endpoint?: string;
  /** Cloud milliseconds before each retry of a failed delivery. @default [1000, 5000, 20000] */
  readonly retryDelaysMs?: readonly number[];
  /** Told of every message lost for a subscription. @default - a line on stderr */
  readonly onUndeliverable?: (lost: UndeliverableMessage) => void;
  /** Told of every delivery's end, for ledgers and tests. */
  readonly onDeliverySettled?: (messageId: string, subscriptionArn: string, outcome: DeliveryOutcome) => void;
  /** Journal bytes appended before it is compacted again. @default 16 MiB */
  readonly compactAfterBytes?: number;
}

/** What Publish and each successful PublishBatch entry return. */
export interface PublishResult {
  readonly messageId: string;
  readonly sequenceNumber?: string;
}

/**
 * A batch's FIFO entries whose deduplication id an earlier entry of the same batch used become
 * duplicates of it: accepted, not delivered twice.
 */
function withinBatchDuplicates(prepared: readonly PreparedPublish[]): PreparedPublish[] {
  const first = new Map<string, PublishedMessage>();
  return prepared.map((entry) => {
    const id = entry.kind === 'deliver' ? entry.message.messageDeduplicationId : undefined;
    if (entry.kind !== 'deliver' || id === undefined) return entry;
    const earlier = first.get(id);
    if (earlier === undefined) {
      first.set(id, entry.message);
      return entry;
    }
    return { kind: 'duplicate', messageId: earlier.messageId, sequenceNumber: earlier.sequenceNumber ?? '' };
  });
}

/** One line naming a message lost for a subscription, and why: a loss is never silent. */
export function lostMessageLine(lost: UndeliverableMessage): string {
  const deadLetter = lost.deadLetterQueue
    ? `; its dead-letter queue ${lost.deadLetterQueue.arn} refused it too: ${lost.deadLetterQueue.error}`
    : '; the subscription has no dead-letter queue (RedrivePolicy)';
  return `SNS message ${lost.messageId} of ${lost.topicArn} LOST for ${lost.protocol} subscription ${lost.subscriptionArn} (${lost.endpoint}) after ${lost.attempts} attempt(s): ${lost.error}${deadLetter}`;
}

function reportLost(lost: UndeliverableMessage): void {
  process.stderr.write(`local ${lostMessageLine(lost)}\n`);
}

/**
 * The local SNS: topics and subscriptions ({@link model}), publishing with filter policies, and
 * delivery to SQS, Lambda, email and loopback http(s) through {@link DeliveryTargets}.
 *
 * Durability, with a state directory: every change to topics and subscriptions, and every accepted
 * publish with the subscriptions its filter policies let it reach, is in the journal (fdatasync'ed)
 * before the request is answered; each delivery is marked once it ends (delivered, dead-lettered or
 * reported lost). At start the journal is replayed and every delivery not marked is made again, so
 * an acknowledged publish reaches every matching subscription even after `kill -9` (at least once:
 * a delivery made but not yet marked is repeated, as SNS may also repeat one).
 */
export class SnsService {
  /** The topics and subscriptions. */
  readonly model: SnsModel;
  /** Where notifications say their certificate and unsubscribe links are; the gateway may set it. */
  readonly urls: { endpoint: string } & NotificationUrls;
  private readonly clock: Clock;
  private readonly deduplication = new FifoDeduplication();
  private readonly scheduler = new DeliveryScheduler();
  /** Accepted messages with the subscriptions they have still to reach. */
  private readonly pending = new Map<string, { message: PublishedMessage; remaining: Set<string> }>();
  private journal: SnsStateJournal | undefined;
  private stopped = false;
  private readonly filterPolicies = new WeakMap<SubscriptionRecord, FilterPolicy | undefined>();

  private constructor(private readonly options: SnsServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.urls = { endpoint: options.endpoint ?? 'http://127.0.0.1:4566' };
    this.model = new SnsModel(
      { accountId: options.accountId ?? '000000000000', region: options.region ?? 'us-east-1' },
      (change) => this.record(change, true),
    );
  }

  /** Starts the service: replays the journal, if any, and resumes the deliveries it left pending. */
  static start(options: SnsServiceOptions): SnsService {
    const service = new SnsService(options);
    if (options.stateDir !== undefined) {
      service.journal = SnsStateJournal.open(options.stateDir, (record) => service.replay(record));
      service.journal.compact(service.snapshot());
    }
    for (const { message, remaining } of service.pending.values()) {
      for (const subscriptionArn of remaining) service.schedule(message, subscriptionArn);
    }
    return service;
  }

  /** Publish: checks, filters, journals (before returning) and schedules the deliveries. */
  publish(topicArn: string, request: PublishRequest): PublishResult {
    const topic = this.model.topic(topicArn);
    const prepared = preparePublish(topic, request, this.clock.now(), this.deduplication);
    return this.accept([prepared])[0];
  }

  /**
   * The accepted entries of a PublishBatch, prepared by the caller (which reports the refused ones):
   * journaled together, with one sync.
   */
  accept(prepared: readonly PreparedPublish[]): PublishResult[] {
    // After close nothing would be journaled: refuse rather than acknowledge what may be lost.
    if (this.stopped) throw new SnsError('InternalError', 'The local SNS is stopping.');
    const entries = withinBatchDuplicates(prepared);
    const publishes = entries.flatMap((entry) =>
      entry.kind === 'deliver'
        ? [{ message: entry.message, subscriptionArns: this.matching(entry.message) }]
        : [],
    );
    if (publishes.length > 0) this.record({ kind: 'publish', publishes }, true);
    for (const { message, subscriptionArns } of publishes) {
      commitPublish(message, this.deduplication);
      this.pending.set(message.messageId, { message, remaining: new Set(subscriptionArns) });
      for (const subscriptionArn of subscriptionArns) this.schedule(message, subscriptionArn);
    }
    return entries.map((entry) =>
      entry.kind === 'deliver'
        ? { messageId: entry.message.messageId, sequenceNumber: entry.message.sequenceNumber }
        : { messageId: entry.messageId, sequenceNumber: entry.sequenceNumber },
    );
  }

  /** The current clock time, for callers that prepare publishes themselves. */
  now(): number {
    return this.clock.now();
  }

  /** The FIFO deduplication window, for callers that prepare publishes themselves. */
  get fifoDeduplication(): FifoDeduplication {
    return this.deduplication;
  }

  /** Resolves once no delivery is in progress (retries included). */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  /**
   * Stops retrying and closes the journal, once the deliveries in progress have ended or after
   * `waitMs` real milliseconds: what is left stays in the journal for the next start.
   */
  async close(waitMs = 5000): Promise<void> {
    this.stopped = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
    });
    await Promise.race([this.scheduler.idle(), timeout]);
    clearTimeout(timer);
    this.journal?.close();
    this.journal = undefined;
  }

  /** The subscriptions of the message's topic whose filter policy lets it through, in order. */
  private matching(message: PublishedMessage): string[] {
    return this.model
      .subscriptionsOf(message.topicArn)
      .filter((subscription) => {
        const policy = this.filterPolicyOf(subscription);
        return policy === undefined || matchesFilterPolicy(policy, message);
      })
      .map((subscription) => subscription.arn);
  }

  /** A subscription's filter policy, parsed once per version of the subscription (records are immutable). */
  private filterPolicyOf(subscription: SubscriptionRecord): FilterPolicy | undefined {
    if (!this.filterPolicies.has(subscription)) {
      this.filterPolicies.set(subscription, compiledFilterPolicy(subscription.attributes));
    }
    return this.filterPolicies.get(subscription);
  }

  private schedule(message: PublishedMessage, subscriptionArn: string): void {
    const topic = this.model.hasTopic(message.topicArn) ? this.model.topic(message.topicArn) : undefined;
    const key =
      topic !== undefined && isFifoTopic(topic) ? `${subscriptionArn}\n${message.messageGroupId}` : undefined;
    this.scheduler.run(key, () => this.deliver(message, subscriptionArn));
  }

  private async deliver(message: PublishedMessage, subscriptionArn: string): Promise<void> {
    // A subscription deleted since the publish gets nothing, as on SNS.
    let outcome: DeliveryOutcome = 'unsubscribed';
    try {
      const subscription = this.model.findSubscription(subscriptionArn);
      if (subscription !== undefined) {
        outcome = await deliverToSubscription(message, subscription, {
          targets: this.options.targets,
          clock: this.clock,
          urls: this.urls,
          retryDelaysMs: this.options.retryDelaysMs ?? [1000, 5000, 20_000],
          onUndeliverable: this.options.onUndeliverable ?? reportLost,
          stopping: () => this.stopped,
          senderName: (topicArn) =>
            (this.model.hasTopic(topicArn) && this.model.topic(topicArn).attributes.DisplayName) ||
            'AWS Notifications',
        });
      }
    } catch (error) {
      // A bug, not a failed delivery: say so loudly; the delivery stays pending for the next start.
      process.stderr.write(`local SNS: delivering ${message.messageId} failed: ${String(error)}\n`);
      return;
    }
    if (outcome === 'interrupted') return;
    this.settle(message.messageId, subscriptionArn);
    this.options.onDeliverySettled?.(message.messageId, subscriptionArn, outcome);
  }

  private settle(messageId: string, subscriptionArn: string): void {
    const entry = this.pending.get(messageId);
    entry?.remaining.delete(subscriptionArn);
    if (entry?.remaining.size === 0) this.pending.delete(messageId);
    this.record({ kind: 'delivered', messageId, subscriptionArn }, false);
  }

  /** Journals a record; a journal grown large is compacted first, from the state before it. */
  private record(record: JournalRecord, durable: boolean): void {
    if (this.journal === undefined) return;
    if (this.journal.appendedBytes > (this.options.compactAfterBytes ?? 16 * 1024 * 1024)) {
      this.journal.compact(this.snapshot());
    }
    this.journal.append(record, durable);
  }

  private replay(record: JournalRecord): void {
    if (record.kind === 'publish') {
      for (const { message, subscriptionArns } of record.publishes) {
        this.pending.set(message.messageId, { message, remaining: new Set(subscriptionArns) });
      }
    } else if (record.kind === 'delivered') {
      const entry = this.pending.get(record.messageId);
      entry?.remaining.delete(record.subscriptionArn);
      if (entry?.remaining.size === 0) this.pending.delete(record.messageId);
    } else {
      this.model.restore(record);
    }
  }

  private *snapshot(): Iterable<JournalRecord> {
    yield* this.model.snapshot();
    for (const { message, remaining } of this.pending.values()) {
      yield { kind: 'publish', publishes: [{ message, subscriptionArns: [...remaining] }] };
    }
  }
}
