import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import { TOPIC_STACK_NAME, writeTopicAppAssembly } from './fixtures/topic-app-assembly';

/** Real milliseconds a delivery may take on a busy machine. */
const DELIVERY_DEADLINE_MS = 10_000;

describe("LocalCloud's SNS, from the template", () => {
  const directory = mkdtempSync(join(tmpdir(), 'sns-in-cloud-'));
  const stateDirectory = join(directory, 'state');
  const problems: string[] = [];
  let cloud: LocalCloud;

  const start = () =>
    LocalCloud.start({
      assemblyDirectory: directory,
      stackName: TOPIC_STACK_NAME,
      clock: scaledClock(10),
      stateDirectory,
      onProblem: (problem) => problems.push(problem),
    });

  beforeAll(async () => {
    writeTopicAppAssembly(directory);
    cloud = await start();
  });

  afterAll(async () => {
    await cloud?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  async function receive(queueUrl: string, count: number): Promise<Message[]> {
    const messages: Message[] = [];
    const deadline = Date.now() + DELIVERY_DEADLINE_MS;
    while (messages.length < count && Date.now() < deadline) {
      const { Messages = [] } = await cloud.sqsClient.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          MessageAttributeNames: ['All'],
        }),
      );
      messages.push(...Messages);
      // Deleted as a consumer does: a FIFO group's next message waits until the one before is gone.
      if (Messages.length > 0) {
        await cloud.sqsClient.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle ?? '',
            })),
          }),
        );
      }
    }
    return messages;
  }

  test('an alarm whose action is a topic publishes its notification to the subscribed queue', async () => {
    cloud.cloudWatch.setAlarmState('Backlog', 'ALARM', 'testing the action');

    const [message] = await receive(cloud.stack.outputs.AlertInboxUrl, 1);
    const envelope = JSON.parse(message?.Body ?? '{}');

    expect(envelope).toMatchObject({
      Type: 'Notification',
      TopicArn: cloud.stack.outputs.AlertsArn,
      Subject: 'ALARM: "Backlog" in us-east-1',
    });
    expect(JSON.parse(envelope.Message)).toMatchObject({
      AlarmName: 'Backlog',
      NewStateValue: 'ALARM',
      NewStateReason: 'testing the action',
    });
  });

  test('a delivery to a queue that does not exist goes to the subscription dead-letter queue', async () => {
    const { messageId } = cloud.sns.publish(cloud.stack.outputs.AlertsArn, {
      message: 'for a queue long gone',
      messageAttributes: {},
    });

    const deadLetters = await receive(cloud.stack.outputs.UndeliverableUrl, 2);
    const bodies = deadLetters.map((message) => JSON.parse(message.Body ?? '{}'));

    // The alarm notification of the test before went there too: the subscription is the topic's.
    expect(bodies.map((body) => body.MessageId)).toContain(messageId);
    expect(bodies.find((body) => body.MessageId === messageId)?.Message).toBe('for a queue long gone');
  });

  test('a FIFO topic delivers a group to a FIFO queue in order, a duplicate once', async () => {
    for (const body of ['first', 'second', 'third', 'second']) {
      cloud.sns.publish(cloud.stack.outputs.EventsArn, {
        message: body,
        messageAttributes: {},
        messageGroupId: 'order-1',
      });
    }

    const received = await receive(cloud.stack.outputs.EventLogUrl, 3);

    expect(received.map((message) => message.Body)).toStrictEqual(['first', 'second', 'third']);
  });

  test('a subscription it cannot deliver is left out with a warning; the rest runs', () => {
    expect(problems).toContainEqual(
      expect.stringMatching(/^subscription Texts \(sms \+15555550100\) is not delivered locally/),
    );
    const rows = Object.fromEntries(cloud.support[0].rows.map((row) => [row.logicalId, row.status]));
    expect(rows).toMatchObject({
      Alerts: 'emulated',
      Events: 'emulated',
      AlertInboxSubscription: 'emulated',
      Texts: 'ignored',
      AlertsPolicy: 'not-enforced',
    });
  });

  test('a restart on the state directory keeps the subscriptions, without making them twice', async () => {
    const before = cloud.sns.model.subscriptionsOf(cloud.stack.outputs.AlertsArn).map((s) => s.arn);
    await cloud.stop();

    cloud = await start();

    expect(cloud.sns.model.subscriptionsOf(cloud.stack.outputs.AlertsArn).map((s) => s.arn)).toStrictEqual(
      before,
    );
    expect(before).toHaveLength(2);
  });
});
