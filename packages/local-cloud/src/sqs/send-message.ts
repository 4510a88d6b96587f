import { randomUUID } from 'node:crypto';
import type {
  SendMessageBatchRequest,
  SendMessageBatchRequestEntry,
  SendMessageRequest,
  SendMessageResult,
} from '@aws-sdk/client-sqs';
import { type BatchOutcome, runBatchEntries } from './batch-entries';
import { invalidParameter, missingParameter, SqsError } from './errors';
import { type FifoSendFields, readFifoSendFields, recordFifoSend } from './fifo';
import { readInteger, readObjectList, readObjectMap, readString } from './input';
import { toRecord } from './journal-events';
import { type MessageAttributeValue, md5OfBody, md5OfMessageAttributes } from './md5';
import { parseMessageAttributes, parseSystemAttributes } from './message-attributes';
import { assertAllowedCharacters, assertBatchEntries, messageSize } from './message-validation';
import type { Queue, StoredMessage } from './queue';
import type { RequestContext } from './request-context';
import { SQS_LIMITS } from './sqs-limits';
import type { SqsState } from './sqs-state';
import type { WireInput, WithMembers } from './wire-shapes';

/** SendMessage's result, and each SendMessageBatch success without its Id. */
export type SendResult = WithMembers<SendMessageResult, 'MessageId' | 'MD5OfMessageBody'>;

/** A message to send, as SendMessage and each SendMessageBatch entry carry it. */
type MessageToSend = WireInput<Omit<SendMessageRequest, 'QueueUrl'>>;

/** A send's fields after validation. */
interface ValidSend {
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue>;
  readonly systemAttributes: Record<string, MessageAttributeValue>;
  readonly delay: number | undefined;
}

const DEFAULT_SENDER_ID = 'AIDAIENQZJOLO23YVJ4VO';

/** SendMessage. */
export function sendMessage(
  state: SqsState,
  input: WireInput<SendMessageRequest>,
  context: RequestContext,
): SendResult {
  const queue = state.resolveQueue(input);
  const result = send(state, queue, input, context);
  state.longPolls.wake(queue);
  return result;
}

/** SendMessageBatch: batch-wide rules fail the request, everything else fails only its entry. */
export function sendMessageBatch(
  state: SqsState,
  input: WireInput<SendMessageBatchRequest>,
  context: RequestContext,
): BatchOutcome<SendResult> {
  const queue = state.resolveQueue(input);
  const entries: readonly WireInput<SendMessageBatchRequestEntry>[] = readObjectList(input, 'Entries');
  assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'SendMessageBatchRequestEntry');
  const total = entries.reduce((sum, entry) => sum + messageSize(entry), 0);
  if (total > SQS_LIMITS.maxMessageBytes) {
    throw new SqsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${SQS_LIMITS.maxMessageBytes} bytes. You have sent ${total} bytes.`,
    );
  }
  const result = runBatchEntries(entries, (entry) => send(state, queue, entry, context));
  state.longPolls.wake(queue);
  return result;
}

/** Validates one message and stores it, unless it repeats a FIFO send within the deduplication window. */
function send(state: SqsState, queue: Queue, input: MessageToSend, context: RequestContext): SendResult {
  const valid = validateSend(queue, input);
  const now = state.clock.now();
  const fifo = readFifoSendFields(queue, input, valid.body, valid.delay, now);
  if (fifo.duplicate) {
    return {
      MessageId: fifo.duplicate.messageId,
      MD5OfMessageBody: md5OfBody(valid.body),
      MD5OfMessageAttributes: md5OfMessageAttributes(valid.attributes),
      MD5OfMessageSystemAttributes: md5OfMessageAttributes(valid.systemAttributes),
      SequenceNumber: fifo.duplicate.sequenceNumber,
    };
  }
  const message = newMessage(queue, valid, context, now);
  if (fifo.group !== undefined) message.group = fifo.group;
  storeMessage(state, queue, message, fifo);
  return sendResult(message);
}

/** Checks body, attributes, size and delay, in the order SQS reports their errors. */
function validateSend(queue: Queue, input: MessageToSend): ValidSend {
  const body = readString(input, 'MessageBody');
  if (body === undefined || body === '') throw missingParameter('MessageBody');
  assertAllowedCharacters(body, 'message body');
  const attributes = parseMessageAttributes(readObjectMap(input, 'MessageAttributes'));
  const systemAttributes = parseSystemAttributes(readObjectMap(input, 'MessageSystemAttributes'));
  const maxSize = queue.numberAttribute('MaximumMessageSize');
  const size = messageSize({ MessageBody: body, MessageAttributes: attributes });
  if (size > maxSize) {
    throw invalidParameter(
      'MessageBody',
      `(${size} bytes)`,
      `Message must be shorter than ${maxSize} bytes.`,
    );
  }
  const delay = readInteger(input, 'DelaySeconds', 0, SQS_LIMITS.maxDelaySeconds);
  return { body, attributes, systemAttributes, delay };
}

/** A new message, delayed by the send's DelaySeconds or else the queue's. */
function newMessage(queue: Queue, valid: ValidSend, context: RequestContext, now: number): StoredMessage {
  const delayMs = (valid.delay ?? queue.numberAttribute('DelaySeconds')) * 1000;
  const message: StoredMessage = {
    id: randomUUID(),
    body: valid.body,
    md5: md5OfBody(valid.body),
    sentAt: now,
    sender: context.senderId ?? DEFAULT_SENDER_ID,
    rc: 0,
    fr: 0,
    at: now + delayMs,
    st: delayMs > 0 ? 'delayed' : 'ready',
    version: 0,
    removed: false,
  };
  if (Object.keys(valid.attributes).length > 0) {
    message.attrs = valid.attributes;
    message.md5a = md5OfMessageAttributes(valid.attributes);
  }
  if (Object.keys(valid.systemAttributes).length > 0) {
    message.sys = valid.systemAttributes;
    message.md5s = md5OfMessageAttributes(valid.systemAttributes);
  }
  return message;
}

/** Adds the message to its queue (numbered and remembered for deduplication on FIFO) and journals it. */
function storeMessage(state: SqsState, queue: Queue, message: StoredMessage, fifo: FifoSendFields): void {
  if (queue.fifo && fifo.deduplicationId !== undefined && fifo.group !== undefined) {
    recordFifoSend(queue, message, fifo.group, fifo.deduplicationId);
  }
  queue.add(message);
  state.record({ t: 'put', q: queue.name, m: toRecord(message) });
}

function sendResult(message: StoredMessage): SendResult {
  const result: SendResult = { MessageId: message.id, MD5OfMessageBody: message.md5 };
  if (message.md5a) result.MD5OfMessageAttributes = message.md5a;
  if (message.md5s) result.MD5OfMessageSystemAttributes = message.md5s;
  if (message.seq) result.SequenceNumber = message.seq;
  return result;
}
