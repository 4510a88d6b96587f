import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsCliEnvironment, debianAwsCli } from '../../src/testing/aws-cli';
import { notRunHere } from '../../src/testing/not-run-here';
import { COMMAND_DEADLINE_MS, startCli, waitForServed } from './cli-process';

/** A topic fanned out to two queues (one raw and filtered) and a function, with a publisher function. */
const TOPIC_FAN_OUT = join(__dirname, '..', 'apps', 'topic-fan-out');
const CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

async function receiveAll(sqs: SQSClient, queueUrl: string, count: number): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + COMMAND_DEADLINE_MS;
  while (messages.length < count && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    messages.push(...Messages);
  }
  return messages;
}

async function logLines(logs: CloudWatchLogsClient, logGroupName: string, count: number): Promise<string[]> {
  const deadline = Date.now() + COMMAND_DEADLINE_MS;
  for (;;) {
    const { events = [] } = await logs.send(
      new FilterLogEventsCommand({ logGroupName, filterPattern: '"notified"' }),
    );
    if (events.length >= count || Date.now() > deadline) return events.map((event) => event.message ?? '');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('local-cloud serve --app on an app that fans a topic out to queues and a function', () => {
  test(
    "a function's publish reaches every matching subscription: the envelope, raw and filtered, and the Lambda event",
    async () => {
      const serving = startCli(['serve', '--app', TOPIC_FAN_OUT, '--port', '0']);
      try {
        const { endpoint, outputs } = await waitForServed(serving.output, [
          'TopicArn',
          'AuditUrl',
          'EuropeUrl',
          'PublisherName',
          'RecorderLogGroup',
        ]);
        expect(serving.output()).toMatch(/^Europe\w+ +AWS::SNS::Subscription +emulated +sqs subscription/m);
        const lambda = new LambdaClient({ endpoint, ...CLIENT });
        const sqs = new SQSClient({ endpoint, ...CLIENT });
        const logs = new CloudWatchLogsClient({ endpoint, ...CLIENT });
        const publish = async (id: number, region: string) => {
          const { Payload, FunctionError } = await lambda.send(
            new InvokeCommand({
              FunctionName: outputs.PublisherName,
              Payload: JSON.stringify({ order: { id }, region }),
            }),
          );
          expect(FunctionError).toBeUndefined();
          return JSON.parse(Buffer.from(Payload ?? []).toString()).messageId as string;
        };

        const euId = await publish(1, 'eu-west-1');
        const usId = await publish(2, 'us-east-1');
        const audit = await receiveAll(sqs, outputs.AuditUrl, 2);
        const europe = await receiveAll(sqs, outputs.EuropeUrl, 1);
        const notified = await logLines(logs, outputs.RecorderLogGroup, 2);
        lambda.destroy();
        sqs.destroy();
        logs.destroy();

        expect(
          audit
            .map((message) => JSON.parse(message.Body ?? '{}'))
            .sort((a, b) => a.Message.localeCompare(b.Message)),
        ).toStrictEqual([
          expect.objectContaining({
            Type: 'Notification',
            MessageId: euId,
            TopicArn: outputs.TopicArn,
            Subject: 'order',
            Message: '{"id":1}',
            MessageAttributes: { region: { Type: 'String', Value: 'eu-west-1' } },
          }),
          expect.objectContaining({
            Type: 'Notification',
            MessageId: usId,
            TopicArn: outputs.TopicArn,
            Message: '{"id":2}',
          }),
        ]);
        expect(
          europe.map((message) => [message.Body, message.MessageAttributes?.region?.StringValue]),
        ).toStrictEqual([['{"id":1}', 'eu-west-1']]);
        expect(
          notified.map((line) => /notified (\S+) (\S+) from (\S+)/.exec(line)?.slice(1)).sort(),
        ).toStrictEqual(
          [
            [euId, '{"id":1}', 'aws:sns'],
            [usId, '{"id":2}', 'aws:sns'],
          ].sort(),
        );
      } finally {
        serving.child.kill('SIGTERM');
      }
      expect((await serving.finished).code).toBe(0);
    },
    COMMAND_DEADLINE_MS * 2,
  );

  const cli = debianAwsCli();
  if (typeof cli === 'string') {
    notRunHere('aws sns through the gateway is skipped', cli);
    return;
  }

  test(
    "Debian's AWS CLI (Query protocol) publishes through the gateway's port, filtered by the attribute",
    async () => {
      const serving = startCli(['serve', '--app', TOPIC_FAN_OUT, '--port', '0']);
      try {
        const {
          endpoint,
          outputs: { TopicArn: topicArn, EuropeUrl: europeUrl },
        } = await waitForServed(serving.output, ['TopicArn', 'EuropeUrl']);
        const aws = (...args: string[]) =>
          promisify(execFile)(cli.path, ['--endpoint-url', endpoint, ...args], { env: awsCliEnvironment() });

        const published = await aws(
          'sns',
          'publish',
          '--topic-arn',
          topicArn,
          '--message',
          'from the CLI',
          '--message-attributes',
          '{"region":{"DataType":"String","StringValue":"eu-central-1"}}',
        );
        const sqs = new SQSClient({ endpoint, ...CLIENT });
        const europe = await receiveAll(sqs, europeUrl, 1);
        sqs.destroy();

        expect(JSON.parse(published.stdout)).toStrictEqual({
          MessageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
        expect(europe.map((message) => message.Body)).toStrictEqual(['from the CLI']);
      } finally {
        serving.child.kill('SIGTERM');
      }
      expect((await serving.finished).code).toBe(0);
    },
    COMMAND_DEADLINE_MS * 2,
  );
});
