import type { IntrinsicResolver } from './intrinsic-resolver';
import type { LogicalResource } from './template';
import { resolveSome } from './template-properties';

/** A subscription as SNS's Subscribe takes it: protocol, endpoint and attributes as strings. */
export interface LocalSubscriptionDefinition {
  /** The `AWS::SNS::Subscription`'s logical id, or `<topic>.Subscription[<index>]` for an inline one. */
  readonly logicalId: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  /** Subscribe's attributes: `RawMessageDelivery`, `FilterPolicy` (JSON), `FilterPolicyScope`, `RedrivePolicy` (JSON), `DeliveryPolicy` (JSON). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** An `AWS::SNS::Topic`, with its attributes as CreateTopic takes them. */
export interface LocalTopicDefinition {
  readonly logicalId: string;
  readonly topicName: string;
  /** `arn:aws:sns:<region>:<account>:<name>` */
  readonly topicArn: string;
  /** CreateTopic attributes, strings as the SNS API takes them. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  /** The topic's inline `Subscription` list, which CloudFormation subscribes with no attributes. */
  readonly subscriptions: readonly LocalSubscriptionDefinition[];
}

/** The CreateTopic attributes that CloudFormation sets from properties of the same name. */
const TOPIC_ATTRIBUTES = [
  'DisplayName',
  'FifoTopic',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'FifoThroughputScope',
] as const;

/** The Subscribe attributes that CloudFormation sets from properties of the same name. */
const SUBSCRIPTION_ATTRIBUTES = [
  'RawMessageDelivery',
  'FilterPolicy',
  'FilterPolicyScope',
  'RedrivePolicy',
  'DeliveryPolicy',
] as const;

/** SNS takes every attribute as a string; policies are JSON objects in the template. */
function attributeString(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function stringAttributes(
  resolved: Record<string, unknown>,
  names: readonly string[],
): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of names) {
    if (resolved[name] !== undefined) attributes[name] = attributeString(resolved[name]);
  }
  return attributes;
}

function tagsOf(tags: unknown): Record<string, string> {
  if (!Array.isArray(tags)) return {};
  const result: Record<string, string> = {};
  for (const tag of tags as { Key?: unknown; Value?: unknown }[]) {
    if (typeof tag?.Key === 'string') result[tag.Key] = String(tag.Value ?? '');
  }
  return result;
}

export function topicDefinition(resolver: IntrinsicResolver, topic: LogicalResource): LocalTopicDefinition {
  const { logicalId } = topic;
  const resolved = resolveSome(resolver, topic, [...TOPIC_ATTRIBUTES, 'Tags', 'Subscription']);
  const topicArn = resolver.ref(logicalId, logicalId);
  const inline = Array.isArray(resolved.Subscription) ? resolved.Subscription : [];
  return {
    logicalId,
    topicName: resolver.physicalName(logicalId),
    topicArn,
    attributes: stringAttributes(resolved, TOPIC_ATTRIBUTES),
    tags: tagsOf(resolved.Tags),
    subscriptions: inline.map((subscription: { Protocol?: unknown; Endpoint?: unknown }, index) => ({
      logicalId: `${logicalId}.Subscription[${index}]`,
      topicArn,
      protocol: String(subscription?.Protocol ?? ''),
      endpoint: String(subscription?.Endpoint ?? ''),
      attributes: {},
    })),
  };
}

export function subscriptionDefinition(
  resolver: IntrinsicResolver,
  subscription: LogicalResource,
): LocalSubscriptionDefinition {
  const resolved = resolveSome(resolver, subscription, [
    'TopicArn',
    'Protocol',
    'Endpoint',
    ...SUBSCRIPTION_ATTRIBUTES,
  ]);
  return {
    logicalId: subscription.logicalId,
    topicArn: String(resolved.TopicArn ?? ''),
    protocol: String(resolved.Protocol ?? ''),
    endpoint: String(resolved.Endpoint ?? ''),
    attributes: stringAttributes(resolved, SUBSCRIPTION_ATTRIBUTES),
  };
}
