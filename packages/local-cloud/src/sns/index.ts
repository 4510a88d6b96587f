/**
 * The local SNS: topics (standard and FIFO), subscriptions (sqs, lambda, email, email-json, and
 * http(s) to loopback addresses), filter policies, Publish and PublishBatch, tags, and delivery with
 * bounded retries and subscription dead-letter queues, over the Query protocol (the only protocol
 * SNS's service models declare). {@link SnsService} holds the state and journal; {@link snsApi}
 * serves it behind the local cloud's gateway; {@link startSnsServer} serves it on a port of its own.
 * What it delivers goes through {@link DeliveryTargets}, which the local cloud implements.
 */
export { publishAlarmNotification } from './alarm-notifications';
export type { UndeliverableMessage } from './delivery';
export { type DeliveryTargets, type LocalEmail, PermanentDeliveryError } from './delivery-targets';
export { SNS_XML_NAMESPACE, SnsError } from './errors';
export { FilterPolicy } from './filter-policy';
export { matchesFilterPolicy } from './filter-policy-match';
export { emailLines, type LocalTargetsOptions, localDeliveryTargets } from './local-targets';
export { isLoopbackUrl, postToLoopback } from './loopback-http';
export { LOCAL_SIGNATURE, type SqsMessageAttribute } from './notification-formats';
export type { PublishedMessage } from './published-message';
export { type SnsServer, startSnsServer } from './server';
export { handleSnsQuery, isSnsRequest, SNS_API_VERSION, snsApi } from './sns-api';
export { SnsModel } from './sns-model';
export { type PublishResult, SnsService, type SnsServiceOptions } from './sns-service';
