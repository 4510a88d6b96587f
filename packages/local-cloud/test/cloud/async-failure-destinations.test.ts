import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import {
  ASYNC_FAILURE_STACK_NAME,
  FULFIL_ERROR,
  writeAsyncFailureAppAssembly,
} from './fixtures/async-failure-app-assembly';

/** Real milliseconds a message may take to come through SNS, a failing function and its dead letters. */
const ARRIVAL_DEADLINE_MS = 20_000;

describe('a function SNS invokes that keeps failing, in the local cloud', () => {
  const directory = mkdtempSync(join(tmpdir(), 'async-failure-'));
  const problems: string[] = [];
  let cloud: LocalCloud;

  beforeAll(async () => {
    writeAsyncFailureAppAssembly(directory);
    cloud = await LocalCloud.start({
      assemblyDirectory: directory,
      stackName: ASYNC_FAILURE_STACK_NAME,
      clock: scaledClock(10),
      onProblem: (problem) => problems.push(problem),
    });
  });

  afterAll(async () => {
    await cloud?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  /** The first message on a queue, waiting for it at most the deadline. */
  async function firstMessage(queueUrl: string): Promise<Message | undefined> {
    const deadline = Date.now() + ARRIVAL_DEADLINE_MS;
    while (Date.now() < deadline) {
      const input = { QueueUrl: queueUrl, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] };
      const { Messages = [] } = await cloud.sqsClient.send(new ReceiveMessageCommand(input));
      if (Messages.length > 0) return Messages[0];
    }
    return undefined;
  }

  test('starts without warnings: its EventInvokeConfigs and dead-letter queue are emulated', () => {
    expect(cloud.support[0].warnings).toStrictEqual([]);
    const rows = cloud.support[0].rows.filter((row) => row.type === 'AWS::Lambda::EventInvokeConfig');
    expect(rows.map((row) => row.status)).toStrictEqual(['emulated', 'emulated']);
  });

  test('a published message ends on the dead-letter queue: the SNS event as body, RequestID, ErrorCode, ErrorMessage', async () => {
    const { outputs } = cloud.stack;
    const { messageId } = cloud.sns.publish(outputs.OrdersArn, {
      message: 'order 42',
      messageAttributes: {},
    });

    const deadLetter = await firstMessage(outputs.FulfilDlqUrl);
    const failure = await firstMessage(outputs.FailureInboxUrl);

    const event = JSON.parse(deadLetter?.Body ?? '{}');
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      EventSource: 'aws:sns',
      Sns: { MessageId: messageId, TopicArn: outputs.OrdersArn, Message: 'order 42' },
    });
    const attributes = deadLetter?.MessageAttributes ?? {};
    expect(attributes.RequestID?.StringValue).toMatch(/^[0-9a-f-]{36}$/);
    expect(attributes.ErrorCode).toMatchObject({ DataType: 'Number', StringValue: '200' });
    expect(attributes.ErrorMessage).toMatchObject({ DataType: 'String', StringValue: FULFIL_ERROR });

    // Audit's on-failure destination is a topic: its record comes through SNS's envelope.
    const record = JSON.parse(JSON.parse(failure?.Body ?? '{}').Message ?? '{}');
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: {
        functionArn: `${outputs.AuditArn}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 1,
      },
      requestPayload: { Records: [{ Sns: { MessageId: messageId } }] },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: FULFIL_ERROR },
    });
    expect(problems).toStrictEqual([]);
  });

  test("the function's log group says where the event went", () => {
    const fulfil = cloud.lambda.getFunction('Fulfil');
    const lines = cloud.logs
      .describeLogStreams(fulfil.logGroupName)
      .flatMap((stream) => cloud.logs.getLogEvents(fulfil.logGroupName, stream.logStreamName))
      .map((event) => event.message)
      .filter((message) => message.startsWith('ASYNC'));
    const dlqArn = cloud.queue('FulfilDlq').queueArn;

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `Attempt 1 of 1 failed: Error: ${FULFIL_ERROR}\tEvent sent to dead-letter queue ${dlqArn}: no retries left \\(MaximumRetryAttempts 0\\)$`,
      ),
    );
  });
});
