import { createHash, randomUUID } from 'node:crypto';
import { invalidParameter } from './errors';
import type { FifoDeduplication } from './fifo-deduplication';
import { SNS_LIMITS } from './limits';
import { attributesByteSize, type MessageAttributes } from './message-attributes';
import type { PublishedMessage } from './published-message';
import { isFifoTopic, type TopicRecord } from './topic-attributes';

/** A Publish request, or one PublishBatch entry, once read from the wire. */
export interface PublishRequest {
  readonly message: string | undefined;
  readonly subject?: string;
  readonly messageStructure?: string;
  readonly messageAttributes: MessageAttributes;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/** A publish SNS accepts: to deliver, or a FIFO duplicate it acknowledges without delivering. */
export type PreparedPublish =
  | { readonly kind: 'deliver'; readonly message: PublishedMessage }
  | { readonly kind: 'duplicate'; readonly messageId: string; readonly sequenceNumber: string };

/**
 * Checks a publish as SNS does and gives the message to journal and deliver: a non-empty message,
 * at most 256 KiB with its attributes, a valid Subject and MessageStructure, and for FIFO topics a
 * MessageGroupId and a deduplication id (given, or the SHA-256 of the body with
 * ContentBasedDeduplication). Does not remember the deduplication id: see {@link commitPublish}.
 */
export function preparePublish(
  topic: TopicRecord,
  request: PublishRequest,
  now: number,
  deduplication: FifoDeduplication,
): PreparedPublish {
  const message = request.message;
  if (message === undefined || message === '') throw invalidParameter('Empty message');
  if (
    Buffer.byteLength(message) + attributesByteSize(request.messageAttributes) >
    SNS_LIMITS.maxMessageBytes
  ) {
    throw invalidParameter('Message too long');
  }
  checkSubject(request.subject);
  const structure = checkStructure(request.messageStructure, message);
  const fifo = fifoFields(topic, request, message);
  if (fifo !== undefined) {
    const duplicate = deduplication.duplicateOf(topic.arn, fifo.deduplicationId, now);
    if (duplicate !== undefined) return { kind: 'duplicate', ...duplicate };
  }
  return {
    kind: 'deliver',
    message: {
      messageId: randomUUID(),
      topicArn: topic.arn,
      message,
      subject: request.subject,
      messageStructure: structure,
      messageAttributes: request.messageAttributes,
      messageGroupId: request.messageGroupId,
      messageDeduplicationId: fifo?.deduplicationId,
      sequenceNumber: fifo === undefined ? undefined : deduplication.nextSequenceNumber(now),
      timestamp: now,
    },
  };
}

/** Remembers an accepted FIFO message's deduplication id, once it is journaled. */
export function commitPublish(message: PublishedMessage, deduplication: FifoDeduplication): void {
  if (message.messageDeduplicationId === undefined || message.sequenceNumber === undefined) return;
  deduplication.remember(
    message.topicArn,
    message.messageDeduplicationId,
    message.messageId,
    message.sequenceNumber,
    message.timestamp,
  );
}

function checkSubject(subject: string | undefined): void {
  if (subject === undefined) return;
  // SNS: UTF-8 text, no line breaks or control characters, under 100 characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (subject === '' || subject.length > SNS_LIMITS.maxSubjectLength || /[\u0000-\u001f]/.test(subject)) {
    throw invalidParameter('Subject');
  }
}

function checkStructure(structure: string | undefined, message: string): 'json' | undefined {
  if (structure === undefined || structure === '') return undefined;
  if (structure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof (parsed as { default?: unknown } | null)?.default !== 'string') {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  return 'json';
}

/** The FIFO fields of a publish to a FIFO topic; a standard topic refuses a deduplication id. */
function fifoFields(
  topic: TopicRecord,
  request: PublishRequest,
  message: string,
): { readonly deduplicationId: string } | undefined {
  const group = request.messageGroupId;
  if (group !== undefined && !validFifoId(group)) throw invalidParameter('MessageGroupId');
  if (!isFifoTopic(topic)) {
    if (request.messageDeduplicationId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
      );
    }
    return undefined;
  }
  if (group === undefined) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  const given = request.messageDeduplicationId;
  if (given !== undefined) {
    if (!validFifoId(given)) throw invalidParameter('MessageDeduplicationId');
    return { deduplicationId: given };
  }
  if (topic.attributes.ContentBasedDeduplication?.toLowerCase() !== 'true') {
    throw invalidParameter(
      'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
  return { deduplicationId: createHash('sha256').update(message).digest('hex') };
}

/** Up to 128 alphanumeric and punctuation characters, as SNS allows in group and deduplication ids. */
function validFifoId(id: string): boolean {
  return id.length > 0 && id.length <= SNS_LIMITS.maxFifoIdLength && /^[\x21-\x7e]+$/.test(id);
}
