import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { scaledClock } from '../../src/clock';
import { type InvocationOutcome, SqsEventSourcePoller } from '../../src/event-source-mapping/sqs-poller';
import { SqsJsonProtocolClient } from '../../src/sqs/json-protocol-client';
import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { eventually, sqsClient, TEST_CREDENTIALS } from '../sqs/support';
import { settingsFor } from './poller-fixtures';

const TIME_SCALE = 10;
/** 6 cloud seconds: 0.6 real ones at scale 10. */
const VISIBILITY_TIMEOUT_SECONDS = 6;
/** How long each invocation runs, in real ms: past the visibility timeout's 0.6 real seconds. */
const INVOCATION_MS = 1_500;

describe('an event source mapping poller on the local SQS endpoint at time scale 10', () => {
  let server: SqsServer;
  let sdk: SQSClient;
  let pollerClient: SqsJsonProtocolClient;
  let poller: SqsEventSourcePoller | undefined;

  beforeEach(async () => {
    const clock = scaledClock(TIME_SCALE);
    server = await startSqsServer({ port: 0, clock });
    sdk = sqsClient(server.endpoint, 'json');
    pollerClient = new SqsJsonProtocolClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: TEST_CREDENTIALS,
    });
  });

  afterEach(async () => {
    await poller?.stop();
    pollerClient.close();
    sdk.destroy();
    await server.close();
  });

  test('keeps a message invisible while the invocation holding it runs past the scaled visibility timeout, and gives it back once the invocation has failed', async () => {
    const { QueueUrl = '' } = await sdk.send(
      new CreateQueueCommand({
        QueueName: 'held',
        Attributes: { VisibilityTimeout: String(VISIBILITY_TIMEOUT_SECONDS) },
      }),
    );
    const invocations: { started: number; ended?: number }[] = [];
    const invoke = async (): Promise<InvocationOutcome> => {
      const invocation: { started: number; ended?: number } = { started: Date.now() };
      invocations.push(invocation);
      await sleep(INVOCATION_MS);
      invocation.ended = Date.now();
      return { status: 'failed', error: 'Sandbox.Timedout' };
    };
    poller = new SqsEventSourcePoller(settingsFor({ queueUrl: QueueUrl, batchSize: 1 }), {
      sqs: pollerClient,
      invoke,
      clock: scaledClock(TIME_SCALE),
      idleWaitSeconds: 1,
    });
    poller.start();
    await sdk.send(new SendMessageCommand({ QueueUrl, MessageBody: 'held order' }));

    expect(await eventually(() => invocations.length === 1, 10_000)).toBe(true);
    // twice the scaled visibility timeout into the invocation: without a hold it is visible now
    await sleep((VISIBILITY_TIMEOUT_SECONDS * 1000 * 2) / TIME_SCALE);
    const peek = await sdk.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    expect(peek.Messages ?? []).toHaveLength(0);

    expect(await eventually(() => invocations.length === 2, 10_000)).toBe(true);
    const [first, second] = invocations;
    // its cloud visibility timeout had long passed: it came back as soon as the first one failed
    expect(second.started).toBeGreaterThanOrEqual(first.ended ?? Number.POSITIVE_INFINITY);
    expect(second.started - (first.ended ?? 0)).toBeLessThan(1_000);
  }, 30_000);
});
