import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import { toSqsRecord } from '../../src/event-source-mapping/sqs-event';

const fixture = (name: string): SQSEvent =>
  JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8'));

describe('toSqsRecord', () => {
  test('builds the record Lambda delivered in the lecture, from the message SQS returns', () => {
    const expected = fixture('sqs-event-plain-text.json').Records[0];
    const record = toSqsRecord(
      {
        MessageId: expected.messageId,
        ReceiptHandle: expected.receiptHandle,
        Body: expected.body,
        MD5OfBody: expected.md5OfBody,
        Attributes: { ...expected.attributes } as Record<string, string>,
      },
      { queueArn: expected.eventSourceARN, region: expected.awsRegion },
    );
    expect(record).toStrictEqual(expected);
  });

  test("gives message attributes Lambda's shape, binary values in base64", () => {
    const record = toSqsRecord(
      {
        MessageId: 'm1',
        ReceiptHandle: 'r1',
        Body: 'b',
        MD5OfBody: 'x',
        MD5OfMessageAttributes: 'y',
        MessageAttributes: {
          RejectionReason: { DataType: 'String', StringValue: 'INVALID_ORDER' },
          Blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi') },
        },
      },
      { queueArn: 'arn:aws:sqs:us-east-1:000000000000:q', region: 'us-east-1' },
    );
    expect(record.md5OfMessageAttributes).toBe('y');
    expect(record.messageAttributes).toStrictEqual({
      RejectionReason: {
        dataType: 'String',
        stringValue: 'INVALID_ORDER',
        stringListValues: [],
        binaryListValues: [],
      },
      Blob: { dataType: 'Binary', binaryValue: 'aGk=', stringListValues: [], binaryListValues: [] },
    });
  });

  test('fails clearly on a message without a receipt handle', () => {
    expect(() => toSqsRecord({ MessageId: 'm1' }, { queueArn: 'a', region: 'r' })).toThrow(
      /without ReceiptHandle/,
    );
  });
});
