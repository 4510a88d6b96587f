import type { Message, MessageSystemAttributeName } from '@aws-sdk/client-sqs';
import { type MessageAttributeValue, md5OfMessageAttributes } from './md5';
import type { Queue, StoredMessage } from './queue';
import { encodeReceiptHandle } from './receipt-handles';
import type { WireResult, WithMembers } from './wire-shapes';

/** A message as ReceiveMessage returns it: the SDK's Message, with the members SQS always sends. */
export type ReceivedMessage = WithMembers<
  WireResult<Message>,
  'MessageId' | 'ReceiptHandle' | 'MD5OfBody' | 'Body'
>;

/** What a ReceiveMessage asked for, read once from its input. */
export interface ReceiveRequest {
  readonly max: number;
  readonly visibilityTimeout: number;
  readonly attributeNames: ReadonlySet<string>;
  readonly messageAttributeNames: readonly string[];
}

const SYSTEM_ATTRIBUTE_NAMES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const satisfies readonly MessageSystemAttributeName[];

type SystemAttributeName = (typeof SYSTEM_ATTRIBUTE_NAMES)[number];

/**
 * A received message as the request asked for it: the system attributes it named (or `All`), the
 * message attributes matching its names or `prefix.*` patterns, and their MD5 over that selection.
 */
export function renderReceivedMessage(
  queue: Queue,
  message: StoredMessage,
  request: ReceiveRequest,
): ReceivedMessage {
  const result: ReceivedMessage = {
    MessageId: message.id,
    ReceiptHandle: encodeReceiptHandle(queue.name, message.id, message.tok ?? ''),
    MD5OfBody: message.md5,
    Body: message.body,
  };
  if (request.attributeNames.size > 0) {
    const all = request.attributeNames.has('All');
    const values: Record<SystemAttributeName, string | undefined> = {
      SenderId: message.sender,
      SentTimestamp: String(message.sentAt),
      ApproximateReceiveCount: String(message.rc),
      ApproximateFirstReceiveTimestamp: String(message.fr),
      SequenceNumber: message.seq,
      MessageDeduplicationId: message.dedup,
      MessageGroupId: message.group,
      AWSTraceHeader: message.sys?.AWSTraceHeader?.StringValue,
      DeadLetterQueueSourceArn: message.dlqSource,
    };
    const attributes: Partial<Record<SystemAttributeName, string>> = {};
    for (const name of SYSTEM_ATTRIBUTE_NAMES) {
      const value = values[name];
      if (value !== undefined && (all || request.attributeNames.has(name))) attributes[name] = value;
    }
    if (Object.keys(attributes).length > 0) result.Attributes = attributes;
  }
  if (message.attrs && request.messageAttributeNames.length > 0) {
    const selected: Record<string, MessageAttributeValue> = {};
    for (const [name, value] of Object.entries(message.attrs)) {
      if (matchesAttributeName(name, request.messageAttributeNames)) selected[name] = value;
    }
    if (Object.keys(selected).length > 0) {
      result.MessageAttributes = selected;
      result.MD5OfMessageAttributes = md5OfMessageAttributes(selected);
    }
  }
  return result;
}

function matchesAttributeName(name: string, patterns: readonly string[]): boolean {
  return patterns.some(
    (pattern) =>
      pattern === 'All' ||
      pattern === '.*' ||
      pattern === name ||
      (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))),
  );
}
