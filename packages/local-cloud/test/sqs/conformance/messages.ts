import {
  type QueueAttributeName,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { md5OfBody, md5OfMessageAttributes } from '../../../src/sqs/md5';
import type { SqsConformanceContext } from './context';

/**
 * What a received message carries: its body and attributes intact, their MD5s as AWS computes them,
 * system attributes and a receipt handle per receive.
 */
export function messageTests(context: SqsConformanceContext): void {
  const { clock, createQueue, receive } = context;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ sqs } = context);
  });

  it('returns the MD5s of body and attributes as AWS computes them, and the message intact', async () => {
    const QueueUrl = await createQueue();
    const body = 'tab\t lf\n cr\r emoji \u{1F600} cjk \u4E2D <xml> & "quotes"';
    const MessageAttributes = {
      city: { DataType: 'String', StringValue: 'Any City' },
      count: { DataType: 'Number', StringValue: '1250800' },
      blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) },
      custom: { DataType: 'String.json', StringValue: '{"a":1}' },
    };

    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageAttributes }));
    const [message] = await receive(QueueUrl);

    const wireAttributes = Object.fromEntries(
      Object.entries(MessageAttributes).map(([name, value]) => [
        name,
        'BinaryValue' in value
          ? { DataType: value.DataType, BinaryValue: Buffer.from(value.BinaryValue).toString('base64') }
          : value,
      ]),
    );
    expect(sent.MD5OfMessageBody).toBe(md5OfBody(body));
    expect(sent.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(wireAttributes));
    expect(message.Body).toBe(body);
    expect(message.MD5OfBody).toBe(md5OfBody(body));
    expect(message.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message.MessageAttributes?.city).toStrictEqual({
      DataType: 'String',
      StringValue: 'Any City',
    });
    expect(Buffer.from(message.MessageAttributes?.blob.BinaryValue ?? []).toString('hex')).toBe('000102ff');
    expect(message.MessageId).toBe(sent.MessageId);
  });

  it('returns the MD5 of message attributes that AWS returns for the same attributes', async () => {
    const QueueUrl = await createQueue();

    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'x',
        MessageAttributes: {
          attribName1: { DataType: 'String', StringValue: 'attribValue 1' },
          binaryAttribute: { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') },
        },
      }),
    );
    const [message] = await receive(QueueUrl);

    expect(sent.MD5OfMessageAttributes).toBe('7ff2266dfcd29f327c6e98acaf4b559c');
    expect(message.MD5OfMessageAttributes).toBe('7ff2266dfcd29f327c6e98acaf4b559c');
  });

  it('returns system attributes by either parameter, and message attributes by name or prefix', async () => {
    const QueueUrl = await createQueue();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'x',
        MessageAttributes: {
          'a.one': { DataType: 'String', StringValue: '1' },
          b: { DataType: 'String', StringValue: '2' },
        },
        MessageSystemAttributes: {
          AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
        },
      }),
    );

    const sentAt = clock.now();
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        // The deprecated parameter is typed as queue attribute names, yet SQS takes message ones.
        AttributeNames: ['SentTimestamp' as QueueAttributeName],
        MessageAttributeNames: ['a.*'],
        VisibilityTimeout: 0,
      }),
    );
    const [all] = await receive(QueueUrl, { VisibilityTimeout: 0 });

    expect(Messages?.[0].Attributes).toStrictEqual({ SentTimestamp: String(sentAt) });
    expect(Object.keys(Messages?.[0].MessageAttributes ?? {})).toStrictEqual(['a.one']);
    expect(Messages?.[0].MD5OfMessageAttributes).toBe(
      md5OfMessageAttributes({ 'a.one': { DataType: 'String', StringValue: '1' } }),
    );
    expect(all.Attributes).toStrictEqual({
      SenderId: 'test',
      SentTimestamp: String(sentAt),
      ApproximateReceiveCount: '2',
      ApproximateFirstReceiveTimestamp: String(sentAt),
      AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793',
    });
  });

  it('gives a new receipt handle per receive and counts receives from the first receive', async () => {
    const QueueUrl = await createQueue({ VisibilityTimeout: '10' });
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'again' }));
    const firstReceiveAt = clock.now();

    const [first] = await receive(QueueUrl);
    clock.advance(10_000);
    const [second] = await receive(QueueUrl);

    expect(second.ReceiptHandle).not.toBe(first.ReceiptHandle);
    expect(first.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(second.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(second.Attributes?.ApproximateFirstReceiveTimestamp).toBe(String(firstReceiveAt));
  });
}
