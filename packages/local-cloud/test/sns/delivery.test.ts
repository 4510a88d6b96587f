import { systemClock } from '../../src/clock';
import type { UndeliverableMessage } from '../../src/sns';
import { type PublishRequest, preparePublish } from '../../src/sns/publish';
import { functionArn, queueArn, testService } from './support';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:orders';

function request(message: string, extra: Partial<PublishRequest> = {}): PublishRequest {
  return { message, messageAttributes: {}, ...extra };
}

describe('SNS delivery', () => {
  it('sends SQS subscriptions the SNS JSON envelope', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    const subscription = service.model.subscribe(TOPIC, 'sqs', queueArn('q'), {});
    const { messageId } = service.publish(
      TOPIC,
      request('hello', {
        messageAttributes: {
          colour: { dataType: 'String', stringValue: 'red' },
          size: { dataType: 'Number', stringValue: '3' },
          blob: { dataType: 'Binary', binaryValue: 'AAE=' },
        },
      }),
    );
    await service.idle();
    const [delivered] = targets.queues.get(queueArn('q')) ?? [];
    expect(delivered.messageAttributes).toEqual({});
    const envelope = JSON.parse(delivered.body);
    expect(Object.keys(envelope)).toEqual([
      'Type',
      'MessageId',
      'TopicArn',
      'Message',
      'Timestamp',
      'SignatureVersion',
      'Signature',
      'SigningCertURL',
      'UnsubscribeURL',
      'MessageAttributes',
    ]);
    expect(envelope).toMatchObject({
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: TOPIC,
      Message: 'hello',
      SignatureVersion: '1',
      MessageAttributes: {
        colour: { Type: 'String', Value: 'red' },
        size: { Type: 'Number', Value: '3' },
        blob: { Type: 'Binary', Value: 'AAE=' },
      },
    });
    expect(new Date(envelope.Timestamp).toISOString()).toBe(envelope.Timestamp);
    expect(Buffer.from(envelope.Signature, 'base64').toString()).toBe('not signed locally');
    expect(envelope.UnsubscribeURL).toContain(encodeURIComponent(subscription.arn));
  });

  it('gives the Subject when there is one, and no MessageAttributes when there are none', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'sqs', queueArn('q'), {});
    service.publish(TOPIC, request('hello', { subject: 'Greeting' }));
    await service.idle();
    const envelope = JSON.parse(targets.bodies(queueArn('q'))[0]);
    expect(envelope.Subject).toBe('Greeting');
    expect(envelope).not.toHaveProperty('MessageAttributes');
  });

  it('delivers the raw body and the attributes as SQS message attributes with RawMessageDelivery', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'sqs', queueArn('raw'), { RawMessageDelivery: 'true' });
    service.publish(
      TOPIC,
      request('{"id":1}', {
        messageAttributes: {
          colour: { dataType: 'String', stringValue: 'red' },
          tags: { dataType: 'String.Array', stringValue: '["a","b"]' },
          blob: { dataType: 'Binary', binaryValue: 'AAE=' },
        },
      }),
    );
    await service.idle();
    expect(targets.queues.get(queueArn('raw'))).toEqual([
      {
        body: '{"id":1}',
        messageAttributes: {
          colour: { DataType: 'String', StringValue: 'red' },
          tags: { DataType: 'String.Array', StringValue: '["a","b"]' },
          blob: { DataType: 'Binary', BinaryValue: 'AAE=' },
        },
      },
    ]);
  });

  it('invokes Lambda subscriptions with the Records[].Sns event', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    const subscription = service.model.subscribe(TOPIC, 'lambda', functionArn('f'), {});
    const { messageId } = service.publish(
      TOPIC,
      request('hello', {
        messageAttributes: { colour: { dataType: 'String', stringValue: 'red' } },
      }),
    );
    await service.idle();
    expect(targets.invocations).toHaveLength(1);
    const { functionArn: invoked, event } = targets.invocations[0];
    expect(invoked).toBe(functionArn('f'));
    expect(event).toEqual({
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: subscription.arn,
          Sns: {
            Type: 'Notification',
            MessageId: messageId,
            TopicArn: TOPIC,
            Subject: null,
            Message: 'hello',
            Timestamp: expect.any(String),
            SignatureVersion: '1',
            Signature: expect.any(String),
            SigningCertUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1/),
            UnsubscribeUrl: expect.stringContaining('Action=Unsubscribe'),
            MessageAttributes: { colour: { Type: 'String', Value: 'red' } },
          },
        },
      ],
    });
  });

  it('prints emails: the message for email, the envelope for email-json', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'email', 'ops@example.com', {});
    service.model.subscribe(TOPIC, 'email-json', 'robot@example.com', {});
    service.publish(TOPIC, request('disk full', { subject: 'ALARM' }));
    await service.idle();
    const byProtocol = Object.fromEntries(targets.emails.map((email) => [email.protocol, email]));
    expect(byProtocol.email).toMatchObject({
      to: 'ops@example.com',
      from: 'AWS Notifications <no-reply@sns.amazonaws.com>',
      subject: 'ALARM',
      body: expect.stringMatching(
        /^disk full\n\n--\nIf you wish to stop receiving notifications from this topic.*\nhttp:\/\/127\.0\.0\.1:4566\/\?Action=Unsubscribe/s,
      ),
    });
    expect(JSON.parse(byProtocol['email-json'].body)).toMatchObject({
      Type: 'Notification',
      Message: 'disk full',
    });
  });

  it("sends email from the topic's DisplayName", async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', { DisplayName: 'Shop alarms' }, {});
    service.model.subscribe(TOPIC, 'email', 'ops@example.com', {});
    service.publish(TOPIC, request('disk full'));
    await service.idle();
    expect(targets.emails[0]).toMatchObject({
      from: 'Shop alarms <no-reply@sns.amazonaws.com>',
      subject: 'AWS Notification Message',
    });
  });

  it('posts to http endpoints with the SNS headers', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    const subscription = service.model.subscribe(TOPIC, 'http', 'http://127.0.0.1:9/hook', {});
    const { messageId } = service.publish(TOPIC, request('hello'));
    await service.idle();
    expect(targets.posts[0].headers).toEqual({
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': messageId,
      'x-amz-sns-topic-arn': TOPIC,
      'x-amz-sns-subscription-arn': subscription.arn,
      'x-amz-sns-rawdelivery': 'false',
    });
    expect(JSON.parse(targets.posts[0].body).Message).toBe('hello');
  });

  it('gives each protocol its own message with MessageStructure json', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'sqs', queueArn('q'), { RawMessageDelivery: 'true' });
    service.model.subscribe(TOPIC, 'lambda', functionArn('f'), {});
    service.model.subscribe(TOPIC, 'email', 'a@example.com', {});
    const message = JSON.stringify({ default: 'for everyone', sqs: 'for queues', lambda: 'for functions' });
    service.publish(TOPIC, request(message, { messageStructure: 'json' }));
    await service.idle();
    expect(targets.bodies(queueArn('q'))).toEqual(['for queues']);
    expect(
      (targets.invocations[0].event as { Records: { Sns: { Message: string } }[] }).Records[0].Sns.Message,
    ).toBe('for functions');
    expect(targets.emails[0].body).toMatch(/^for everyone\n/);
  });

  it('delivers only to the subscriptions whose filter policy matches', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'sqs', queueArn('red'), { FilterPolicy: '{"colour":["red"]}' });
    service.model.subscribe(TOPIC, 'sqs', queueArn('big'), {
      FilterPolicy: '{"size":[{"numeric":[">",10]}]}',
      FilterPolicyScope: 'MessageBody',
    });
    service.model.subscribe(TOPIC, 'sqs', queueArn('all'), {});
    service.publish(
      TOPIC,
      request('{"size":20}', { messageAttributes: { colour: { dataType: 'String', stringValue: 'red' } } }),
    );
    service.publish(
      TOPIC,
      request('{"size":5}', { messageAttributes: { colour: { dataType: 'String', stringValue: 'blue' } } }),
    );
    await service.idle();
    expect(targets.bodies(queueArn('red')).map((body) => JSON.parse(body).Message)).toEqual(['{"size":20}']);
    expect(targets.bodies(queueArn('big')).map((body) => JSON.parse(body).Message)).toEqual(['{"size":20}']);
    expect(targets.bodies(queueArn('all'))).toHaveLength(2);
  });
});

describe('SNS delivery failures', () => {
  const dlq = JSON.stringify({ deadLetterTargetArn: queueArn('dlq') });

  it('sends a delivery to a deleted queue to the dead-letter queue at once, with the error', async () => {
    const { service, targets, lost } = testService({ retryDelaysMs: [1, 1, 1], clock: systemClock });
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'sqs', queueArn('gone'), { RedrivePolicy: dlq });
    targets.missingQueues.add(queueArn('gone'));
    const { messageId } = service.publish(TOPIC, request('hello'));
    await service.idle();
    // A client-side error is not retried: one attempt, then the dead-letter queue.
    expect(targets.attempts).toBe(2);
    const [dead] = targets.queues.get(queueArn('dlq')) ?? [];
    expect(JSON.parse(dead.body)).toMatchObject({
      Type: 'Notification',
      MessageId: messageId,
      Message: 'hello',
    });
    expect(dead.messageAttributes).toMatchObject({
      ErrorCode: { DataType: 'String', StringValue: 'EndpointUnavailable' },
      ErrorMessage: { DataType: 'String', StringValue: expect.stringContaining('does not exist') },
      RequestID: { DataType: 'String', StringValue: messageId },
    });
    expect(lost).toEqual([]);
  });

  it('retries a failing function a bounded number of times, then uses the dead-letter queue', async () => {
    const { service, targets } = testService({ retryDelaysMs: [1, 1], clock: systemClock });
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'lambda', functionArn('f'), { RedrivePolicy: dlq });
    targets.failingFunctions.add(functionArn('f'));
    service.publish(TOPIC, request('hello'));
    await service.idle();
    expect(targets.attempts).toBe(3 + 1);
    expect(targets.queues.get(queueArn('dlq'))).toHaveLength(1);
  });

  it('reports a message lost, never silently, without a dead-letter queue or when it fails too', async () => {
    const { service, targets, lost } = testService();
    service.model.createTopic('orders', {}, {});
    const plain = service.model.subscribe(TOPIC, 'http', 'http://127.0.0.1:9/a', {});
    const withDlq = service.model.subscribe(TOPIC, 'http', 'http://127.0.0.1:9/b', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('gone-dlq') }),
    });
    targets.httpStatus = 500;
    targets.missingQueues.add(queueArn('gone-dlq'));
    service.publish(TOPIC, request('hello'));
    await service.idle();
    const bySubscription = Object.fromEntries(
      (lost as UndeliverableMessage[]).map((message) => [message.subscriptionArn, message]),
    );
    expect(bySubscription[plain.arn]).toMatchObject({
      error: expect.stringContaining('HTTP 500'),
      attempts: 1,
    });
    expect(bySubscription[plain.arn].deadLetterQueue).toBeUndefined();
    expect(bySubscription[withDlq.arn].deadLetterQueue).toMatchObject({ arn: queueArn('gone-dlq') });
  });

  it('does not deliver to a subscription removed after the publish', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders', {}, {});
    const subscription = service.model.subscribe(TOPIC, 'sqs', queueArn('q'), {});
    service.publish(TOPIC, request('hello'));
    service.model.unsubscribe(subscription.arn);
    await service.idle();
    expect(targets.queues.size).toBe(0);
  });
});

describe('SNS FIFO topics', () => {
  const FIFO = `${TOPIC}.fifo`;

  it('keeps the order of each message group, passing the group and deduplication ids on', async () => {
    const { service, targets } = testService();
    const send = targets.sendToQueue.bind(targets);
    // Deliveries that take random times would reorder a group if it were not kept in order.
    targets.sendToQueue = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      return send(...args);
    };
    service.model.createTopic('orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' }, {});
    service.model.subscribe(FIFO, 'sqs', queueArn('q.fifo'), { RawMessageDelivery: 'true' });
    for (let index = 0; index < 20; index++) {
      service.publish(
        FIFO,
        request(`${index % 2 ? 'b' : 'a'}-${index}`, { messageGroupId: index % 2 ? 'b' : 'a' }),
      );
    }
    await service.idle();
    const received = targets.queues.get(queueArn('q.fifo')) ?? [];
    for (const group of ['a', 'b']) {
      const bodies = received
        .filter((message) => message.messageGroupId === group)
        .map((message) => message.body);
      const expected = Array.from({ length: 20 }, (_, index) => index)
        .filter((index) => (index % 2 ? 'b' : 'a') === group)
        .map((index) => `${group}-${index}`);
      expect(bodies).toEqual(expected);
    }
    expect(received.every((message) => /^[0-9a-f]{64}$/.test(message.messageDeduplicationId ?? ''))).toBe(
      true,
    );
  });

  it('accepts a duplicate within the window without delivering it again', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders.fifo', { FifoTopic: 'true' }, {});
    service.model.subscribe(FIFO, 'sqs', queueArn('q.fifo'), {});
    const first = service.publish(
      FIFO,
      request('one', { messageGroupId: 'g', messageDeduplicationId: 'd1' }),
    );
    const again = service.publish(
      FIFO,
      request('one again', { messageGroupId: 'g', messageDeduplicationId: 'd1' }),
    );
    const second = service.publish(
      FIFO,
      request('two', { messageGroupId: 'g', messageDeduplicationId: 'd2' }),
    );
    await service.idle();
    expect(again).toEqual(first);
    expect(BigInt(second.sequenceNumber ?? 0)).toBeGreaterThan(BigInt(first.sequenceNumber ?? 0));
    expect(targets.bodies(queueArn('q.fifo')).map((body) => JSON.parse(body).Message)).toEqual([
      'one',
      'two',
    ]);
    expect(JSON.parse(targets.bodies(queueArn('q.fifo'))[0]).SequenceNumber).toBe(first.sequenceNumber);
  });

  it('delivers once the entries of one batch that share a deduplication id', async () => {
    const { service, targets } = testService();
    service.model.createTopic('orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' }, {});
    service.model.subscribe(FIFO, 'sqs', queueArn('q.fifo'), { RawMessageDelivery: 'true' });
    const topic = service.model.topic(FIFO);
    const prepare = (message: string) =>
      preparePublish(
        topic,
        request(message, { messageGroupId: 'g' }),
        service.now(),
        service.fifoDeduplication,
      );
    const [first, second, third] = service.accept([prepare('same'), prepare('same'), prepare('other')]);
    await service.idle();
    expect(second).toEqual(first);
    expect(third.messageId).not.toBe(first.messageId);
    expect(targets.bodies(queueArn('q.fifo'))).toEqual(['same', 'other']);
  });
});
