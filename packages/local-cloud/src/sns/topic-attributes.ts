import { invalidParameter } from './errors';

/** A topic as the local SNS keeps (and persists) it. */
export interface TopicRecord {
  readonly arn: string;
  readonly name: string;
  /** The attributes set at creation or since, as strings (SNS's attribute values are strings). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** Subscriptions deleted from this topic, for the SubscriptionsDeleted attribute. */
  readonly subscriptionsDeleted: number;
}

/**
 * The topic attributes SetTopicAttributes and CreateTopic accept. Policy, DeliveryPolicy,
 * KmsMasterKeyId and the delivery-status logging ones are kept and returned but not enforced.
 */
const SETTABLE = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'ContentBasedDeduplication',
  'FifoThroughputScope',
  'ArchivePolicy',
  'DataProtectionPolicy',
]);

/** Delivery-status logging attributes: `<Protocol>Success|FailureFeedbackRoleArn` and `…SampleRate`. */
const FEEDBACK =
  /^(Application|Firehose|HTTP|Lambda|SQS)(SuccessFeedbackRoleArn|SuccessFeedbackSampleRate|FailureFeedbackRoleArn)$/;

/** Checks one attribute a request sets on a topic; `creating` allows FifoTopic. */
export function checkTopicAttribute(name: string, value: string, fifo: boolean, creating: boolean): void {
  if (name === 'FifoTopic') {
    if (!creating) throw invalidParameter('AttributeName');
    if (!/^(true|false)$/i.test(value))
      throw invalidParameter('Attributes Reason: FifoTopic must be true or false');
    return;
  }
  if (!SETTABLE.has(name) && !FEEDBACK.test(name)) throw invalidParameter('AttributeName');
  if (name === 'ContentBasedDeduplication') {
    if (!fifo)
      throw invalidParameter('Attributes Reason: ContentBasedDeduplication applies only to FIFO topics');
    if (!/^(true|false)$/i.test(value)) {
      throw invalidParameter('Attributes Reason: ContentBasedDeduplication must be true or false');
    }
  }
  if ((name === 'Policy' || name === 'DeliveryPolicy') && value !== '' && !isJsonObject(value)) {
    throw invalidParameter(`${name}: the value is not a JSON object`);
  }
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}

/** Whether the topic is a FIFO topic. */
export function isFifoTopic(topic: TopicRecord): boolean {
  return topic.attributes.FifoTopic?.toLowerCase() === 'true';
}

/** The access policy SNS gives a topic that has none: the owner may do everything. */
function defaultPolicy(topic: TopicRecord, accountId: string): string {
  const actions = ['GetTopicAttributes', 'SetTopicAttributes', 'AddPermission', 'RemovePermission'];
  actions.push('DeleteTopic', 'Subscribe', 'ListSubscriptionsByTopic', 'Publish');
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: actions.map((action) => `SNS:${action}`),
        Resource: topic.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

/** The delivery policy SNS applies when a topic sets none (its documented HTTP defaults). */
const DEFAULT_EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

/** Counts of a topic's subscriptions, for GetTopicAttributes. */
export interface SubscriptionCounts {
  readonly confirmed: number;
  readonly pending: number;
  readonly deleted: number;
}

/** Every attribute GetTopicAttributes returns for a topic. */
export function topicAttributesView(
  topic: TopicRecord,
  accountId: string,
  counts: SubscriptionCounts,
): Record<string, string> {
  const view: Record<string, string> = {
    Policy: defaultPolicy(topic, accountId),
    Owner: accountId,
    SubscriptionsPending: String(counts.pending),
    TopicArn: topic.arn,
    EffectiveDeliveryPolicy: topic.attributes.DeliveryPolicy ?? DEFAULT_EFFECTIVE_DELIVERY_POLICY,
    SubscriptionsConfirmed: String(counts.confirmed),
    DisplayName: '',
    SubscriptionsDeleted: String(counts.deleted),
  };
  if (isFifoTopic(topic)) {
    view.FifoTopic = 'true';
    view.ContentBasedDeduplication = 'false';
  }
  for (const [name, value] of Object.entries(topic.attributes)) {
    if (name === 'FifoTopic') continue;
    view[name] = value;
  }
  return view;
}
