import { randomUUID } from 'node:crypto';
import { type SnsLocation, topicArn, topicOfSubscription } from './arns';
import { invalidParameter, SnsError, subscriptionNotFound, topicNotFound } from './errors';
import { SNS_LIMITS } from './limits';
import {
  checkSubscriptionAttributes,
  type Protocol,
  type SubscriptionRecord,
  subscriptionAttributesView,
} from './subscription-attributes';
import { checkTopicAttribute, isFifoTopic, type TopicRecord, topicAttributesView } from './topic-attributes';

/** A change to the topics and subscriptions, as the state journal records it. */
export type ModelChange =
  | { readonly kind: 'topic'; readonly topic: TopicRecord }
  | { readonly kind: 'topic-deleted'; readonly arn: string }
  | { readonly kind: 'subscription'; readonly subscription: SubscriptionRecord }
  | { readonly kind: 'subscription-deleted'; readonly arn: string };

/** One page of a listing, with the token of the next one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The topics and subscriptions of the local SNS, with SNS's rules for creating, changing and
 * listing them. Every change is reported to `onChange` (the state journal) before it is visible.
 */
export class SnsModel {
  private readonly topics = new Map<string, TopicRecord>();
  private readonly subscriptions = new Map<string, SubscriptionRecord>();

  constructor(
    /** The account and region of the ARNs it hands out. */
    readonly location: SnsLocation,
    private readonly onChange: (change: ModelChange) => void = () => {},
  ) {}

  /** Applies a change read back from the journal, without reporting it again. */
  restore(change: ModelChange): void {
    if (change.kind === 'topic') this.topics.set(change.topic.arn, change.topic);
    else if (change.kind === 'topic-deleted') this.topics.delete(change.arn);
    else if (change.kind === 'subscription')
      this.subscriptions.set(change.subscription.arn, change.subscription);
    else this.subscriptions.delete(change.arn);
  }

  /** The changes that rebuild the current state, for a compacted journal. */
  snapshot(): ModelChange[] {
    return [
      ...[...this.topics.values()].map((topic) => ({ kind: 'topic', topic }) as const),
      ...[...this.subscriptions.values()].map(
        (subscription) => ({ kind: 'subscription', subscription }) as const,
      ),
    ];
  }

  private apply(change: ModelChange): void {
    this.onChange(change);
    this.restore(change);
  }

  /** CreateTopic: idempotent for the same name, attributes and tags. */
  createTopic(
    name: string,
    attributes: Readonly<Record<string, string>>,
    tags: Readonly<Record<string, string>>,
  ): TopicRecord {
    const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
    checkTopicName(name, fifo);
    for (const [attribute, value] of Object.entries(attributes))
      checkTopicAttribute(attribute, value, fifo, true);
    checkTagCount(Object.keys(tags).length);
    const arn = topicArn(this.location, name);
    const existing = this.topics.get(arn);
    if (existing !== undefined) {
      if (Object.entries(attributes).some(([key, value]) => existing.attributes[key] !== value)) {
        throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      }
      if (Object.entries(tags).some(([key, value]) => existing.tags[key] !== value)) {
        throw invalidParameter('Tags Reason: Topic already exists with different tags');
      }
      return existing;
    }
    const topic: TopicRecord = {
      arn,
      name,
      attributes: { ...attributes },
      tags: { ...tags },
      subscriptionsDeleted: 0,
    };
    this.apply({ kind: 'topic', topic });
    return topic;
  }

  /** DeleteTopic: also deletes its subscriptions; deleting a missing topic succeeds, as on SNS. */
  deleteTopic(arn: string): void {
    if (!this.topics.has(arn)) return;
    for (const subscription of this.subscriptionsOf(arn))
      this.apply({ kind: 'subscription-deleted', arn: subscription.arn });
    this.apply({ kind: 'topic-deleted', arn });
  }

  /** The topic an ARN names. @throws SnsError NotFound */
  topic(arn: string): TopicRecord {
    const topic = this.topics.get(arn);
    if (topic === undefined) throw topicNotFound();
    return topic;
  }

  /** Whether a topic exists. */
  hasTopic(arn: string): boolean {
    return this.topics.has(arn);
  }

  listTopics(nextToken: string | undefined): Page<TopicRecord> {
    return page([...this.topics.values()], nextToken);
  }

  getTopicAttributes(arn: string): Record<string, string> {
    const topic = this.topic(arn);
    const subscriptions = this.subscriptionsOf(arn).length;
    return topicAttributesView(topic, this.location.accountId, {
      confirmed: subscriptions,
      pending: 0,
      deleted: topic.subscriptionsDeleted,
    });
  }

  setTopicAttribute(arn: string, name: string, value: string): void {
    const topic = this.topic(arn);
    checkTopicAttribute(name, value, isFifoTopic(topic), false);
    this.apply({ kind: 'topic', topic: { ...topic, attributes: { ...topic.attributes, [name]: value } } });
  }

  /**
   * Subscribe: every local subscription is confirmed at once (no confirmation message is sent to
   * email or http endpoints). Subscribing the same endpoint again gives the same subscription.
   */
  subscribe(
    topicArnText: string,
    protocol: Protocol,
    endpoint: string,
    attributes: Readonly<Record<string, string>>,
  ): SubscriptionRecord {
    this.topic(topicArnText);
    checkSubscriptionAttributes(protocol, attributes);
    const existing = this.subscriptionsOf(topicArnText).find(
      (subscription) => subscription.protocol === protocol && subscription.endpoint === endpoint,
    );
    if (existing !== undefined) {
      if (Object.entries(attributes).some(([key, value]) => existing.attributes[key] !== value)) {
        throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
      }
      return existing;
    }
    const subscription: SubscriptionRecord = {
      arn: `${topicArnText}:${randomUUID()}`,
      topicArn: topicArnText,
      protocol,
      endpoint,
      attributes: { ...attributes },
    };
    this.apply({ kind: 'subscription', subscription });
    return subscription;
  }

  /** Unsubscribe. @throws SnsError NotFound for a subscription that does not exist */
  unsubscribe(arn: string): void {
    const subscription = this.subscription(arn);
    this.apply({ kind: 'subscription-deleted', arn });
    const topic = this.topics.get(topicOfSubscription(subscription.arn));
    if (topic !== undefined) {
      this.apply({
        kind: 'topic',
        topic: { ...topic, subscriptionsDeleted: topic.subscriptionsDeleted + 1 },
      });
    }
  }

  /** The subscription an ARN names. @throws SnsError NotFound */
  subscription(arn: string): SubscriptionRecord {
    const subscription = this.subscriptions.get(arn);
    if (subscription === undefined) throw subscriptionNotFound();
    return subscription;
  }

  /** The subscription an ARN names, if it exists. */
  findSubscription(arn: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(arn);
  }

  /** A topic's subscriptions, in the order they were made. */
  subscriptionsOf(arn: string): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter((subscription) => subscription.topicArn === arn);
  }

  listSubscriptions(nextToken: string | undefined): Page<SubscriptionRecord> {
    return page([...this.subscriptions.values()], nextToken);
  }

  listSubscriptionsByTopic(arn: string, nextToken: string | undefined): Page<SubscriptionRecord> {
    this.topic(arn);
    return page(this.subscriptionsOf(arn), nextToken);
  }

  getSubscriptionAttributes(arn: string): Record<string, string> {
    return subscriptionAttributesView(this.subscription(arn), this.location.accountId);
  }

  setSubscriptionAttribute(arn: string, name: string, value: string): void {
    const subscription = this.subscription(arn);
    const attributes: Record<string, string> = { ...subscription.attributes, [name]: value };
    // An empty FilterPolicy or RedrivePolicy removes it, as on SNS.
    if (value === '' && (name === 'FilterPolicy' || name === 'RedrivePolicy')) delete attributes[name];
    checkSubscriptionAttributes(subscription.protocol, attributes);
    this.apply({ kind: 'subscription', subscription: { ...subscription, attributes } });
  }

  /** The tags of a topic. @throws SnsError ResourceNotFound */
  tagsOf(arn: string): Readonly<Record<string, string>> {
    return this.taggable(arn).tags;
  }

  tagResource(arn: string, tags: Readonly<Record<string, string>>): void {
    const topic = this.taggable(arn);
    const merged = { ...topic.tags, ...tags };
    checkTagCount(Object.keys(merged).length);
    this.apply({ kind: 'topic', topic: { ...topic, tags: merged } });
  }

  untagResource(arn: string, keys: readonly string[]): void {
    const topic = this.taggable(arn);
    const tags = { ...topic.tags };
    for (const key of keys) delete tags[key];
    this.apply({ kind: 'topic', topic: { ...topic, tags } });
  }

  private taggable(arn: string): TopicRecord {
    const topic = this.topics.get(arn);
    if (topic === undefined) throw new SnsError('ResourceNotFound', 'Resource does not exist');
    return topic;
  }
}

/** SNS's topic name rules: letters, digits, `-` and `_`, 1 to 256 characters, `.fifo` for FIFO. */
function checkTopicName(name: string, fifo: boolean): void {
  const base = name.endsWith('.fifo') ? name.slice(0, -'.fifo'.length) : name;
  if (name.length > 256 || !TOPIC_NAME.test(base)) throw invalidParameter('Topic Name');
  if (fifo !== name.endsWith('.fifo')) {
    throw invalidParameter(
      'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.',
    );
  }
}

function checkTagCount(count: number): void {
  if (count > SNS_LIMITS.maxTags) {
    throw new SnsError('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded');
  }
}

/** A page of up to 100 items; the token is the position of the next page's first item. */
function page<T>(items: readonly T[], nextToken: string | undefined): Page<T> {
  const start =
    nextToken === undefined || nextToken === '' ? 0 : Number(Buffer.from(nextToken, 'base64url').toString());
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken');
  const end = start + SNS_LIMITS.pageSize;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined,
  };
}
