import type { Clock } from '../clock';
import { type DeliveryTargets, PermanentDeliveryError } from './delivery-targets';
import {
  isRawDelivery,
  lambdaEvent,
  messageFor,
  type NotificationUrls,
  notificationEnvelope,
  sqsMessageAttributes,
  unsubscribeUrl,
} from './notification-formats';
import type { PublishedMessage } from './published-message';
import { deadLetterTargetOf, type SubscriptionRecord } from './subscription-attributes';

/** A message that could not be delivered to a subscription, nor to its dead-letter queue. */
export interface UndeliverableMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly subscriptionArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly attempts: number;
  /** Why the last attempt failed. */
  readonly error: string;
  /** The dead-letter queue that refused it too, if the subscription has one. */
  readonly deadLetterQueue?: { readonly arn: string; readonly error: string };
}

/** What a {@link SubscriptionDelivery} needs. */
export interface DeliveryOptions {
  readonly targets: DeliveryTargets;
  readonly clock: Clock;
  readonly urls: NotificationUrls;
  /**
   * Cloud milliseconds to wait before each retry: SNS retries SQS and Lambda deliveries for days;
   * the local SNS makes these few attempts, then uses the dead-letter queue.
   */
  readonly retryDelaysMs: readonly number[];
  /** Told of a message lost for a subscription: it must not be dropped silently. */
  readonly onUndeliverable: (lost: UndeliverableMessage) => void;
  /** The name in an email's From: the topic's DisplayName, else SNS's "AWS Notifications". */
  readonly senderName: (topicArn: string) => string;
  /** Whether the service is stopping: retries stop, and the delivery stays pending in the journal. */
  readonly stopping: () => boolean;
}

/**
 * How a delivery ended: delivered, dead-lettered, reported lost, or not made because the
 * subscription was deleted since the publish; or left pending by a stop.
 */
export type DeliveryOutcome = 'delivered' | 'dead-lettered' | 'lost' | 'unsubscribed' | 'interrupted';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The body a subscription's endpoint gets, which is also what its dead-letter queue gets. */
function payloadOf(
  published: PublishedMessage,
  subscription: SubscriptionRecord,
  urls: NotificationUrls,
): string {
  if (isRawDelivery(subscription)) return messageFor(published, subscription.protocol);
  if (subscription.protocol === 'email') {
    return emailText(messageFor(published, 'email'), unsubscribeUrl(urls, subscription.arn));
  }
  return JSON.stringify(notificationEnvelope(published, subscription, urls));
}

/** The text of an email notification: the message, then SNS's unsubscribe footer. */
function emailText(message: string, unsubscribe: string): string {
  return `${message}\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n${unsubscribe}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support\n`;
}

/** One attempt to hand a message to a subscription's endpoint. */
async function attempt(
  published: PublishedMessage,
  subscription: SubscriptionRecord,
  options: DeliveryOptions,
): Promise<void> {
  const { targets, urls } = options;
  const body = payloadOf(published, subscription, urls);
  switch (subscription.protocol) {
    case 'sqs': {
      const attributes = isRawDelivery(subscription) ? sqsMessageAttributes(published) : {};
      await targets.sendToQueue(
        subscription.endpoint,
        body,
        attributes,
        published.messageGroupId,
        published.messageDeduplicationId,
      );
      return;
    }
    case 'lambda':
      await targets.invokeAsync(subscription.endpoint, lambdaEvent(published, subscription, urls));
      return;
    case 'email':
    case 'email-json':
      await targets.printEmail({
        to: subscription.endpoint,
        from: `${options.senderName(published.topicArn)} <no-reply@sns.amazonaws.com>`,
        subject: published.subject ?? 'AWS Notification Message',
        body,
        protocol: subscription.protocol,
        topicArn: published.topicArn,
        subscriptionArn: subscription.arn,
      });
      return;
    default:
      await postNotification(published, subscription, body, options);
  }
}

async function postNotification(
  published: PublishedMessage,
  subscription: SubscriptionRecord,
  body: string,
  options: DeliveryOptions,
): Promise<void> {
  const status = await options.targets.postHttp(subscription.endpoint, body, {
    'content-type': 'text/plain; charset=UTF-8',
    'x-amz-sns-message-type': 'Notification',
    'x-amz-sns-message-id': published.messageId,
    'x-amz-sns-topic-arn': published.topicArn,
    'x-amz-sns-subscription-arn': subscription.arn,
    'x-amz-sns-rawdelivery': String(isRawDelivery(subscription)),
  });
  if (status < 200 || status > 299) throw new Error(`${subscription.endpoint} answered HTTP ${status}`);
}

/**
 * Delivers one message to one subscription as SNS does, bounded: a few attempts with waits between
 * them (none after a permanent error), then the subscription's dead-letter queue (RedrivePolicy),
 * then {@link DeliveryOptions.onUndeliverable}. Never throws.
 */
export async function deliverToSubscription(
  published: PublishedMessage,
  subscription: SubscriptionRecord,
  options: DeliveryOptions,
): Promise<DeliveryOutcome> {
  let lastError = '';
  let attempts = 0;
  for (let index = 0; index <= options.retryDelaysMs.length; index++) {
    if (index > 0) {
      if (options.stopping()) return 'interrupted';
      await options.clock.sleep(options.retryDelaysMs[index - 1]);
      if (options.stopping()) return 'interrupted';
    }
    attempts++;
    try {
      await attempt(published, subscription, options);
      return 'delivered';
    } catch (error) {
      lastError = describe(error);
      if (error instanceof PermanentDeliveryError) break;
    }
  }
  return deadLetter(published, subscription, options, { attempts, error: lastError });
}

/**
 * Sends an undeliverable message to the subscription's dead-letter queue: the body its endpoint
 * would have received, with the reason in the `ErrorCode` and `ErrorMessage` message attributes
 * and the message id in `RequestID`; without a dead-letter queue, or if it fails too, it is reported.
 */
async function deadLetter(
  published: PublishedMessage,
  subscription: SubscriptionRecord,
  options: DeliveryOptions,
  failure: { readonly attempts: number; readonly error: string },
): Promise<DeliveryOutcome> {
  const lost: UndeliverableMessage = {
    messageId: published.messageId,
    topicArn: published.topicArn,
    subscriptionArn: subscription.arn,
    protocol: subscription.protocol,
    endpoint: subscription.endpoint,
    ...failure,
  };
  const redrive = subscription.attributes.RedrivePolicy;
  if (redrive === undefined || redrive === '') {
    options.onUndeliverable(lost);
    return 'lost';
  }
  const queueArn = deadLetterTargetOf(redrive);
  try {
    await options.targets.sendToQueue(
      queueArn,
      payloadOf(published, subscription, options.urls),
      {
        ErrorCode: { DataType: 'String', StringValue: 'EndpointUnavailable' },
        ErrorMessage: { DataType: 'String', StringValue: failure.error || 'delivery failed' },
        RequestID: { DataType: 'String', StringValue: published.messageId },
      },
      published.messageGroupId,
      published.messageDeduplicationId,
    );
    return 'dead-lettered';
  } catch (error) {
    options.onUndeliverable({ ...lost, deadLetterQueue: { arn: queueArn, error: describe(error) } });
    return 'lost';
  }
}
