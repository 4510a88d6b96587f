import type { MessageAttributes } from './message-attributes';

/** A message accepted by Publish or PublishBatch, as it is journaled and delivered. */
export interface PublishedMessage {
  readonly messageId: string;
  readonly topicArn: string;
  /** The Message parameter as published (for MessageStructure json, the whole JSON document). */
  readonly message: string;
  readonly subject?: string;
  /** `json` when the message holds one message per protocol. */
  readonly messageStructure?: 'json';
  readonly messageAttributes: MessageAttributes;
  /** FIFO topics (and standard topics, for SQS fair queues): the message group. */
  readonly messageGroupId?: string;
  /** FIFO topics: the deduplication id given or derived from the body. */
  readonly messageDeduplicationId?: string;
  /** FIFO topics: the sequence number SNS assigns. */
  readonly sequenceNumber?: string;
  /** Cloud epoch milliseconds of publication. */
  readonly timestamp: number;
}
