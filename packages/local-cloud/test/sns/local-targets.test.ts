import { ManualClock } from '../../src/clock';
import { ResourceNotFoundException } from '../../src/lambda/errors';
import { localDeliveryTargets, SnsService } from '../../src/sns';
import { SqsModel } from '../../src/sqs/queue-model';
import { functionArn, queueArn } from './support';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:orders';

interface Received {
  readonly Body: string;
  readonly MessageAttributes?: Record<string, { DataType: string; StringValue?: string }>;
}

describe('SNS delivery into the local cloud (localDeliveryTargets)', () => {
  let sqs: SqsModel;
  let service: SnsService;
  const invoked: { functionName: string; payload: unknown }[] = [];
  const printed: string[] = [];
  const lost: unknown[] = [];

  beforeEach(() => {
    invoked.length = 0;
    printed.length = 0;
    lost.length = 0;
    const clock = new ManualClock();
    sqs = new SqsModel({ clock, endpoint: 'http://127.0.0.1:4566' });
    const targets = localDeliveryTargets({
      sqs,
      invokeAsync: (functionName, payload) => {
        if (functionName !== 'worker') throw new ResourceNotFoundException(functionName);
        invoked.push({ functionName, payload });
        return 'request-id';
      },
      print: (text) => printed.push(text),
    });
    service = SnsService.start({
      targets,
      clock,
      retryDelaysMs: [],
      onUndeliverable: (message) => lost.push(message),
    });
    service.model.createTopic('orders', {}, {});
  });

  afterEach(async () => {
    await service.close();
    sqs.close();
  });

  function receive(queue: string): Received[] {
    const result = sqs.receiveMessage({
      QueueUrl: `http://127.0.0.1:4566/000000000000/${queue}`,
      MaxNumberOfMessages: 10,
      MessageAttributeNames: ['All'],
    }) as { Messages?: Received[] };
    return result.Messages ?? [];
  }

  it('puts enveloped and raw messages on SQS queues, with their attributes', async () => {
    sqs.createQueue({ QueueName: 'envelope' });
    sqs.createQueue({ QueueName: 'raw' });
    service.model.subscribe(TOPIC, 'sqs', queueArn('envelope'), {});
    service.model.subscribe(TOPIC, 'sqs', queueArn('raw'), { RawMessageDelivery: 'true' });
    service.publish(TOPIC, {
      message: 'hello',
      messageAttributes: { colour: { dataType: 'String', stringValue: 'red' } },
    });
    await service.idle();
    expect(JSON.parse(receive('envelope')[0].Body)).toMatchObject({ Type: 'Notification', Message: 'hello' });
    const [raw] = receive('raw');
    expect(raw.Body).toBe('hello');
    expect(raw.MessageAttributes?.colour).toMatchObject({ DataType: 'String', StringValue: 'red' });
  });

  it('feeds FIFO queues in group order, deduplicated by SQS as well', async () => {
    sqs.createQueue({ QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' } });
    service.model.createTopic('orders.fifo', { FifoTopic: 'true', ContentBasedDeduplication: 'true' }, {});
    service.model.subscribe(`${TOPIC}.fifo`, 'sqs', queueArn('q.fifo'), { RawMessageDelivery: 'true' });
    for (const body of ['1', '2', '3'])
      service.publish(`${TOPIC}.fifo`, { message: body, messageAttributes: {}, messageGroupId: 'g' });
    await service.idle();
    expect(receive('q.fifo').map((message) => message.Body)).toEqual(['1', '2', '3']);
  });

  it('queues Lambda events, and dead-letters deliveries to missing queues and functions at once', async () => {
    sqs.createQueue({ QueueName: 'dlq' });
    const redrive = { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq') }) };
    service.model.subscribe(TOPIC, 'lambda', functionArn('worker'), {});
    service.model.subscribe(TOPIC, 'lambda', functionArn('deleted'), redrive);
    service.model.subscribe(TOPIC, 'sqs', queueArn('deleted-queue'), redrive);
    service.publish(TOPIC, { message: 'hello', messageAttributes: {} });
    await service.idle();
    expect(invoked.map((call) => call.functionName)).toEqual(['worker']);
    const dead = receive('dlq');
    expect(dead).toHaveLength(2);
    expect(dead.map((message) => message.MessageAttributes?.ErrorMessage?.StringValue).sort()).toEqual([
      `the function ${functionArn('deleted')} does not exist`,
      `the queue ${queueArn('deleted-queue')} does not exist`,
    ]);
    expect(lost).toEqual([]);
  });

  it('prints the email SNS would send', async () => {
    service.model.subscribe(TOPIC, 'email', 'ops@example.com', {});
    service.publish(TOPIC, {
      message: 'The queue has dead letters.',
      subject: 'ALARM: "dlq" in us-east-1',
      messageAttributes: {},
    });
    await service.idle();
    expect(printed[0]).toMatch(
      /^SNS email \(not sent: the local cloud prints it\) from AWS Notifications <no-reply@sns\.amazonaws\.com> to ops@example\.com\nSubject: ALARM: "dlq" in us-east-1\n\nThe queue has dead letters\./,
    );
  });
});
