import type {
  CancelMessageMoveTaskResult,
  CreateQueueResult,
  GetQueueAttributesResult,
  GetQueueUrlResult,
  ListDeadLetterSourceQueuesResult,
  ListMessageMoveTasksResult,
  ListQueuesResult,
  ListQueueTagsResult,
  ReceiveMessageResult,
  SendMessageBatchResult,
  SendMessageResult,
  StartMessageMoveTaskResult,
} from '@aws-sdk/client-sqs';
import { ManualClock } from '../../src/clock';
import { SqsModel } from '../../src/sqs/queue-model';
import type { WireResult } from '../../src/sqs/wire-shapes';
import { sqsErrorOf } from './model-support';

// Each result is assigned to a variable of the SDK's result type: a shape drifting from the SDK's
// fails the type check of this file before any assertion runs.
describe('SqsModel operations answer in the SDK result shapes', () => {
  let model: SqsModel;

  beforeEach(() => {
    model = new SqsModel({ clock: new ManualClock(), endpoint: 'http://127.0.0.1:9324' });
  });

  afterEach(() => model.close());

  it('queue operations return CreateQueueResult, GetQueueUrlResult, ListQueuesResult and the attribute and tag results', () => {
    const created: CreateQueueResult = model.createQueue({ QueueName: 'shapes', tags: { team: 'orders' } });
    const found: GetQueueUrlResult = model.getQueueUrl({ QueueName: 'shapes' });
    const listed: ListQueuesResult = model.listQueues({ QueueNamePrefix: 'sha' });
    const attributes: GetQueueAttributesResult = model.getQueueAttributes({
      QueueUrl: created.QueueUrl,
      AttributeNames: ['VisibilityTimeout', 'QueueArn'],
    });
    const tags: ListQueueTagsResult = model.listQueueTags({ QueueUrl: created.QueueUrl });
    const sources: ListDeadLetterSourceQueuesResult = model.listDeadLetterSourceQueues({
      QueueUrl: created.QueueUrl,
    });

    expect(created).toStrictEqual({ QueueUrl: 'http://127.0.0.1:9324/000000000000/shapes' });
    expect(found).toStrictEqual(created);
    expect(listed).toStrictEqual({ QueueUrls: [created.QueueUrl] });
    expect(attributes).toStrictEqual({
      Attributes: { VisibilityTimeout: '30', QueueArn: 'arn:aws:sqs:us-east-1:000000000000:shapes' },
    });
    expect(tags).toStrictEqual({ Tags: { team: 'orders' } });
    expect(sources).toStrictEqual({ queueUrls: [] });
  });

  it('message operations return SendMessageResult, SendMessageBatchResult and ReceiveMessageResult, binary values in base64', () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'messages' });
    const binary = Buffer.from([0, 1, 2, 255]).toString('base64');

    const sent: SendMessageResult = model.sendMessage({
      QueueUrl,
      MessageBody: 'one',
      MessageAttributes: { blob: { DataType: 'Binary', BinaryValue: binary } },
    });
    const batch: SendMessageBatchResult = model.sendMessageBatch({
      QueueUrl,
      Entries: [
        { Id: 'a', MessageBody: 'two' },
        { Id: 'b', MessageBody: '' },
      ],
    });
    const received = model.receiveMessage({
      QueueUrl,
      MaxNumberOfMessages: 1,
      MessageAttributeNames: ['All'],
    });
    if (received instanceof Promise) throw new Error('expected an immediate receive');
    const onTheWire: WireResult<ReceiveMessageResult> = received;

    expect(Object.keys(sent).sort()).toStrictEqual([
      'MD5OfMessageAttributes',
      'MD5OfMessageBody',
      'MessageId',
    ]);
    expect(batch.Successful?.map((entry) => entry.Id)).toStrictEqual(['a']);
    expect(batch.Failed).toStrictEqual([
      {
        Id: 'b',
        SenderFault: true,
        Code: 'MissingParameter',
        Message: expect.stringContaining('MessageBody'),
      },
    ]);
    expect(onTheWire.Messages?.[0].MessageAttributes).toStrictEqual({
      blob: { DataType: 'Binary', BinaryValue: binary },
    });
  });

  it('move task operations return StartMessageMoveTaskResult, ListMessageMoveTasksResult and CancelMessageMoveTaskResult', () => {
    const { QueueUrl: deadLetters } = model.createQueue({ QueueName: 'dead-letters' });
    model.createQueue({
      QueueName: 'source',
      Attributes: {
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dead-letters',
          maxReceiveCount: 1,
        }),
      },
    });
    model.sendMessage({ QueueUrl: deadLetters, MessageBody: 'stuck' });
    const SourceArn = 'arn:aws:sqs:us-east-1:000000000000:dead-letters';

    const started: StartMessageMoveTaskResult = model.startMessageMoveTask({ SourceArn });
    const listed: ListMessageMoveTasksResult = model.listMessageMoveTasks({ SourceArn });
    const cancelled: CancelMessageMoveTaskResult = model.cancelMessageMoveTask({
      TaskHandle: started.TaskHandle,
    });

    expect(listed.Results?.map((task) => [task.Status, task.TaskHandle])).toStrictEqual([
      ['RUNNING', started.TaskHandle],
    ]);
    expect(cancelled).toStrictEqual({ ApproximateNumberOfMessagesMoved: 0 });
  });

  it('takes each parameter off the wire unchecked and refuses a value of the wrong type', () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'untrusted' });

    const error = sqsErrorOf(() => model.sendMessage({ QueueUrl, MessageBody: { not: 'a string' } }));

    expect([error.code, error.message]).toStrictEqual([
      'InvalidParameterValue',
      expect.stringContaining('MessageBody'),
    ]);
  });
});
