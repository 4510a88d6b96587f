import { XmlMap } from '../protocol/query-xml';
import { requireTopicArn } from './arns';
import { invalidParameter } from './errors';
import type { Page } from './sns-model';
import type { SubscriptionRecord } from './subscription-attributes';
import { checkEndpoint, checkProtocol } from './subscription-endpoint';
import type { SnsOperation } from './topic-operations';

function subscriptionView(subscription: SubscriptionRecord, owner: string) {
  return {
    SubscriptionArn: subscription.arn,
    Owner: owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: subscription.topicArn,
  };
}

/** A page of subscriptions, as ListSubscriptions and ListSubscriptionsByTopic answer it. */
function pageView(page: Page<SubscriptionRecord>, owner: string) {
  return {
    Subscriptions: page.items.map((item) => subscriptionView(item, owner)),
    NextToken: page.nextToken,
  };
}

/** A subscription ARN parameter, checked for its form (`<topic arn>:<id>`). */
function subscriptionArnOf(text: string | undefined): string {
  if (text === undefined || !/^arn:[^:]+:sns:[^:]*:[^:]*:[^:]+:[^:]+$/.test(text)) {
    throw invalidParameter('SubscriptionArn');
  }
  return text;
}

/**
 * The operations on subscriptions. Subscribe returns the subscription's ARN at once for every
 * protocol: the local SNS confirms email and http(s) subscriptions itself, without sending a
 * confirmation message, so ReturnSubscriptionArn changes nothing.
 */
export const SUBSCRIPTION_OPERATIONS: Readonly<Record<string, SnsOperation>> = {
  Subscribe: (service, input) => {
    const topicArn = requireTopicArn(input.string('TopicArn'));
    const protocol = checkProtocol(input.required('Protocol'));
    input.boolean('ReturnSubscriptionArn');
    const endpoint = checkEndpoint(protocol, input.string('Endpoint'));
    const subscription = service.model.subscribe(topicArn, protocol, endpoint, input.map('Attributes'));
    return { SubscriptionArn: subscription.arn };
  },
  Unsubscribe: (service, input) => {
    service.model.unsubscribe(subscriptionArnOf(input.string('SubscriptionArn')));
    return undefined;
  },
  ListSubscriptions: (service, input) =>
    pageView(service.model.listSubscriptions(input.string('NextToken')), service.model.location.accountId),
  ListSubscriptionsByTopic: (service, input) => {
    const topicArn = requireTopicArn(input.string('TopicArn'));
    const page = service.model.listSubscriptionsByTopic(topicArn, input.string('NextToken'));
    return pageView(page, service.model.location.accountId);
  },
  GetSubscriptionAttributes: (service, input) => ({
    Attributes: new XmlMap(
      service.model.getSubscriptionAttributes(subscriptionArnOf(input.string('SubscriptionArn'))),
    ),
  }),
  SetSubscriptionAttributes: (service, input) => {
    service.model.setSubscriptionAttribute(
      subscriptionArnOf(input.string('SubscriptionArn')),
      input.required('AttributeName'),
      input.string('AttributeValue') ?? '',
    );
    return undefined;
  },
};
