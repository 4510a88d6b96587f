import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttributes, SQSRecord, SQSRecordAttributes } from 'aws-lambda';

/** Where the records come from, as Lambda names it in every record. */
export interface EventSourceOrigin {
  /** ARN of the queue, the record's `eventSourceARN`. */
  readonly queueArn: string;
  /** The record's `awsRegion`. */
  readonly region: string;
}

/**
 * Turns a message from ReceiveMessage into the record Lambda hands the function: the same fields,
 * renamed to Lambda's camelCase, message attributes in Lambda's shape (with empty list values), the
 * system attributes SQS returned (receive count, timestamps, sender, DLQ source, FIFO fields).
 */
export function toSqsRecord(message: Message, origin: EventSourceOrigin): SQSRecord {
  const record: SQSRecord = {
    messageId: required(message.MessageId, 'MessageId'),
    receiptHandle: required(message.ReceiptHandle, 'ReceiptHandle'),
    body: message.Body ?? '',
    attributes: (message.Attributes ?? {}) as unknown as SQSRecordAttributes,
    messageAttributes: toLambdaMessageAttributes(message.MessageAttributes ?? {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: origin.queueArn,
    awsRegion: origin.region,
  };
  if (message.MD5OfMessageAttributes !== undefined) {
    return { ...record, md5OfMessageAttributes: message.MD5OfMessageAttributes };
  }
  return record;
}

function toLambdaMessageAttributes(attributes: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        dataType: value.DataType ?? 'String',
        ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        ...(value.BinaryValue !== undefined
          ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') }
          : {}),
        stringListValues: value.StringListValues ?? [],
        binaryListValues: (value.BinaryListValues ?? []).map((item) => Buffer.from(item).toString('base64')),
      },
    ]),
  );
}

function required(value: string | undefined, field: string): string {
  if (value === undefined) throw new Error(`ReceiveMessage returned a message without ${field}`);
  return value;
}
