import type { LocalSubscriptionDefinition, LocalTopicDefinition } from '../assembly/topic-definitions';
import type { SnsService } from './sns-service';
import { checkEndpoint, checkProtocol } from './subscription-endpoint';

/** Topic attributes SNS sets only when it creates the topic. */
const CREATION_ONLY_ATTRIBUTES = new Set(['FifoTopic']);

/**
 * Brings the template's topics and subscriptions into the local SNS, as a deploy would: a topic or
 * subscription that a restart on a state directory finds already there gets the template's
 * attributes; one the template no longer has is left as it is. A subscription the local SNS cannot
 * deliver (another protocol, an endpoint off this machine) is reported through `onProblem` and left
 * out, so the rest of the stack still runs.
 */
export function applyStackTopics(
  sns: SnsService,
  topics: readonly LocalTopicDefinition[],
  subscriptions: readonly LocalSubscriptionDefinition[],
  onProblem: (message: string) => void,
): void {
  for (const topic of topics) applyTopic(sns, topic);
  for (const subscription of subscriptions) {
    try {
      applySubscription(sns, subscription);
    } catch (error) {
      onProblem(
        `subscription ${subscription.logicalId} (${subscription.protocol} ${subscription.endpoint}) is not delivered locally: ${(error as Error).message}`,
      );
    }
  }
}

function applyTopic(sns: SnsService, topic: LocalTopicDefinition): void {
  if (!sns.model.hasTopic(topic.topicArn)) {
    sns.model.createTopic(topic.topicName, topic.attributes, topic.tags);
    return;
  }
  const current = sns.model.getTopicAttributes(topic.topicArn);
  for (const [name, value] of Object.entries(topic.attributes)) {
    if (!CREATION_ONLY_ATTRIBUTES.has(name) && current[name] !== value) {
      sns.model.setTopicAttribute(topic.topicArn, name, value);
    }
  }
  const tags = sns.model.tagsOf(topic.topicArn);
  if (Object.entries(topic.tags).some(([key, value]) => tags[key] !== value)) {
    sns.model.tagResource(topic.topicArn, topic.tags);
  }
}

function applySubscription(sns: SnsService, definition: LocalSubscriptionDefinition): void {
  const protocol = checkProtocol(definition.protocol);
  const endpoint = checkEndpoint(protocol, definition.endpoint);
  const existing = sns.model
    .subscriptionsOf(definition.topicArn)
    .find((subscription) => subscription.protocol === protocol && subscription.endpoint === endpoint);
  if (existing === undefined) {
    sns.model.subscribe(definition.topicArn, protocol, endpoint, definition.attributes);
    return;
  }
  for (const [name, value] of Object.entries(definition.attributes)) {
    if (existing.attributes[name] !== value) sns.model.setSubscriptionAttribute(existing.arn, name, value);
  }
}
