import { invalidParameter } from './errors';
import { FilterPolicy, type FilterPolicyScope } from './filter-policy';

/** The protocols the local SNS delivers to. */
export const PROTOCOLS = ['sqs', 'lambda', 'email', 'email-json', 'http', 'https'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** A subscription as the local SNS keeps (and persists) it. */
export interface SubscriptionRecord {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: Protocol;
  readonly endpoint: string;
  /** The attributes set at subscription or since. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** The subscription attributes Subscribe and SetSubscriptionAttributes accept. */
const SETTABLE = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
]);

/**
 * Checks the attributes a subscription would have once `changes` are applied, as SNS checks them:
 * known names, RawMessageDelivery true/false (sqs and http(s) only), a valid filter policy in its
 * scope, a RedrivePolicy naming an SQS queue ARN.
 */
export function checkSubscriptionAttributes(
  protocol: Protocol,
  attributes: Readonly<Record<string, string>>,
): void {
  for (const name of Object.keys(attributes))
    if (!SETTABLE.has(name)) throw invalidParameter('AttributeName');
  const raw = attributes.RawMessageDelivery;
  if (raw !== undefined) {
    if (!/^(true|false)$/i.test(raw))
      throw invalidParameter('Attributes Reason: RawMessageDelivery: Invalid value');
    if (raw.toLowerCase() === 'true' && !['sqs', 'http', 'https'].includes(protocol)) {
      throw invalidParameter(
        `Attributes Reason: Delivery protocol [${protocol}] does not support raw message delivery.`,
      );
    }
  }
  compiledFilterPolicy(attributes);
  const redrive = attributes.RedrivePolicy;
  if (redrive !== undefined && redrive !== '') deadLetterTargetOf(redrive);
}

/** The scope a subscription's filter policy applies to. */
export function filterPolicyScope(attributes: Readonly<Record<string, string>>): FilterPolicyScope {
  const scope = attributes.FilterPolicyScope ?? 'MessageAttributes';
  if (scope !== 'MessageAttributes' && scope !== 'MessageBody') {
    throw invalidParameter(
      'Attributes Reason: FilterPolicyScope: Invalid value [' +
        scope +
        ']. Please use either MessageBody or MessageAttributes',
    );
  }
  return scope;
}

/** The subscription's filter policy, parsed; undefined when it has none (every message matches). */
export function compiledFilterPolicy(attributes: Readonly<Record<string, string>>): FilterPolicy | undefined {
  const scope = filterPolicyScope(attributes);
  const text = attributes.FilterPolicy;
  return text === undefined || text === '' ? undefined : FilterPolicy.parse(text, scope);
}

/** The dead-letter queue ARN of a RedrivePolicy (`{"deadLetterTargetArn": "arn:aws:sqs:…"}`). */
export function deadLetterTargetOf(redrivePolicy: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(redrivePolicy);
  } catch {
    throw invalidParameter('RedrivePolicy: failed to parse JSON.');
  }
  const target = (parsed as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  if (typeof target !== 'string' || !/^arn:[^:]+:sqs:[^:]*:[^:]*:[^:]+$/.test(target)) {
    throw invalidParameter('RedrivePolicy: deadLetterTargetArn is not a valid SQS queue ARN');
  }
  return target;
}

/** Every attribute GetSubscriptionAttributes returns; local subscriptions are always confirmed. */
export function subscriptionAttributesView(
  subscription: SubscriptionRecord,
  accountId: string,
): Record<string, string> {
  const view: Record<string, string> = {
    Owner: accountId,
    RawMessageDelivery: 'false',
    TopicArn: subscription.topicArn,
    Endpoint: subscription.endpoint,
    Protocol: subscription.protocol,
    PendingConfirmation: 'false',
    ConfirmationWasAuthenticated: 'true',
    SubscriptionArn: subscription.arn,
    SubscriptionPrincipal: `arn:aws:iam::${accountId}:user/local`,
  };
  for (const [name, value] of Object.entries(subscription.attributes)) view[name] = value;
  if (view.FilterPolicy !== undefined && view.FilterPolicyScope === undefined) {
    view.FilterPolicyScope = 'MessageAttributes';
  }
  return view;
}
