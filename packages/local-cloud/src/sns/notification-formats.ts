import { envelopeAttributes } from './message-attributes';
import type { PublishedMessage } from './published-message';
import type { Protocol, SubscriptionRecord } from './subscription-attributes';

/**
 * The local SNS does not sign its notifications: `Signature` is this placeholder (base64 of
 * "not signed locally") and `SigningCertURL` points at the local endpoint, where no certificate is
 * served. Code that verifies SNS signatures must skip verification against the local cloud.
 */
export const LOCAL_SIGNATURE = Buffer.from('not signed locally').toString('base64');

/** Where notifications say their signing certificate and unsubscribe link are. */
export interface NotificationUrls {
  /** The local endpoint's base URL, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
}

/**
 * The message a subscription receives: with MessageStructure json, the entry for its protocol, else
 * the `default` one (SNS uses `sqs`, `lambda`, `http`, `https`, `email`, `email-json` keys).
 */
export function messageFor(published: PublishedMessage, protocol: Protocol): string {
  if (published.messageStructure !== 'json') return published.message;
  const messages = JSON.parse(published.message) as Record<string, unknown>;
  const specific = messages[protocol];
  return typeof specific === 'string' ? specific : (messages.default as string);
}

function signingCertUrl(urls: NotificationUrls): string {
  return `${urls.endpoint}/SimpleNotificationService-local.pem`;
}

/** The link that unsubscribes a subscription (served by the local SNS as an unsigned GET). */
export function unsubscribeUrl(urls: NotificationUrls, subscriptionArn: string): string {
  return `${urls.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
}

/**
 * The SNS JSON notification that SQS (without raw delivery), http(s) and email-json endpoints
 * receive, with SNS's field order; `Subject`, `SequenceNumber` and `MessageAttributes` only when
 * the message has them.
 */
export function notificationEnvelope(
  published: PublishedMessage,
  subscription: SubscriptionRecord,
  urls: NotificationUrls,
): Record<string, unknown> {
  const attributes = envelopeAttributes(published.messageAttributes);
  return {
    Type: 'Notification',
    MessageId: published.messageId,
    SequenceNumber: published.sequenceNumber,
    TopicArn: published.topicArn,
    Subject: published.subject,
    Message: messageFor(published, subscription.protocol),
    Timestamp: new Date(published.timestamp).toISOString(),
    SignatureVersion: '1',
    Signature: LOCAL_SIGNATURE,
    SigningCertURL: signingCertUrl(urls),
    UnsubscribeURL: unsubscribeUrl(urls, subscription.arn),
    MessageAttributes: Object.keys(attributes).length > 0 ? attributes : undefined,
  };
}

/**
 * The event a Lambda subscription's function is invoked with (`SNSEvent` in @types/aws-lambda): one
 * record whose `Sns` spells `SigningCertUrl` and `UnsubscribeUrl` so, and has `Subject` null when
 * the message has none.
 */
export function lambdaEvent(
  published: PublishedMessage,
  subscription: SubscriptionRecord,
  urls: NotificationUrls,
): { Records: Record<string, unknown>[] } {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscription.arn,
        Sns: {
          Type: 'Notification',
          MessageId: published.messageId,
          TopicArn: published.topicArn,
          Subject: published.subject ?? null,
          Message: messageFor(published, 'lambda'),
          Timestamp: new Date(published.timestamp).toISOString(),
          SignatureVersion: '1',
          Signature: LOCAL_SIGNATURE,
          SigningCertUrl: signingCertUrl(urls),
          UnsubscribeUrl: unsubscribeUrl(urls, subscription.arn),
          MessageAttributes: envelopeAttributes(published.messageAttributes),
        },
      },
    ],
  };
}

/** An SQS message attribute, as SendMessage takes it. */
export interface SqsMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  /** Base64. */
  readonly BinaryValue?: string;
}

/** With raw delivery, the message's attributes become the SQS message's attributes. */
export function sqsMessageAttributes(published: PublishedMessage): Record<string, SqsMessageAttribute> {
  const result: Record<string, SqsMessageAttribute> = {};
  for (const [name, attribute] of Object.entries(published.messageAttributes)) {
    result[name] =
      attribute.binaryValue !== undefined
        ? { DataType: attribute.dataType, BinaryValue: attribute.binaryValue }
        : { DataType: attribute.dataType, StringValue: attribute.stringValue };
  }
  return result;
}

/** Whether a subscription has raw message delivery on. */
export function isRawDelivery(subscription: SubscriptionRecord): boolean {
  return subscription.attributes.RawMessageDelivery?.toLowerCase() === 'true';
}
