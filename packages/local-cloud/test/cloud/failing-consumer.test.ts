import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type {
  LocalEventSourceMappingDefinition,
  LocalFunctionDefinition,
  LocalQueueDefinition,
} from '../../src/assembly';
import { type Clock, scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import type { BatchSettlement, PollerSqsClient } from '../../src/event-source-mapping';
import type { LogEvent } from '../../src/logs';
import { parseDeliveryLine } from './fixtures/delivery-log';
import {
  CONSUMER_IDS,
  FAILING_CONSUMER_STACK_NAME,
  FIXTURE_SETTINGS,
  synthesizeFailingConsumerApp,
} from './fixtures/failing-consumer-app';
import { FAILING_BODY } from './fixtures/handlers/fails-marked-records';

/** Keeps each visibility timeout at 0.6 real seconds; function code keeps its real timeouts. */
const TIME_SCALE = 10;
const VISIBILITY_TIMEOUT_MS = FIXTURE_SETTINGS.visibilityTimeoutSeconds * 1000;
/** The cloud time the short-timeout consumer's invocation holds its message: its real second. */
const SHORT_TIMEOUT_IN_CLOUD_MS = FIXTURE_SETTINGS.shortFunctionTimeoutSeconds * 1000 * TIME_SCALE;
const { maxReceiveCount } = FIXTURE_SETTINGS;
/**
 * How much later than SQS itself the poller may see a receive, in cloud milliseconds (0.1 real s):
 * a loopback round trip, on a machine busy with other suites.
 */
const RECEIVE_LAG_TOLERANCE_MS = 1000;
/** Real milliseconds to wait for anything the cloud should do within a few visibility timeouts. */
const WAIT_DEADLINE_MS = 30_000;
/** Long poll on a dead-letter queue, in cloud seconds (0.2 real ones). */
const DEAD_LETTER_WAIT_SECONDS = 2;

/** A ReceiveMessage answered by the local SQS endpoint, as its caller saw it. */
interface ObservedReceive {
  readonly queueUrl: string;
  /** When the answer arrived, by the cloud's clock. */
  readonly at: number;
  readonly messages: readonly Message[];
}

/** The resources of one consumer of the fixture app. */
interface Consumer {
  readonly queue: LocalQueueDefinition;
  readonly deadLetterQueue: LocalQueueDefinition;
  readonly mapping: LocalEventSourceMappingDefinition;
  readonly function: LocalFunctionDefinition;
}

/** A message received, and when, by the cloud's clock. */
interface TimedReceiveCount {
  readonly at: number;
  readonly receiveCount: number;
}

/** Polls `probe` until it returns a value, or fails naming `what` after {@link WAIT_DEADLINE_MS}. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_DEADLINE_MS;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(20);
  }
  throw new Error(`gave up after ${WAIT_DEADLINE_MS} ms waiting for ${what}`);
}

/**
 * Records every ReceiveMessage answered through `client`. The pollers share the cloud's client, so
 * this is when, and with which receive count, Lambda's poller got each message back.
 */
function recordReceives(client: PollerSqsClient, clock: Clock, receives: ObservedReceive[]): void {
  const receive = client.receiveMessage.bind(client);
  client.receiveMessage = async (input) => {
    const result = await receive(input);
    receives.push({ queueUrl: String(input.QueueUrl), at: clock.now(), messages: result.Messages ?? [] });
    return result;
  };
}

function consumerOf(cloud: LocalCloud, consumerId: string): Consumer {
  const queue = cloud.queue(`${consumerId}Queue`);
  const mapping = cloud.stack.eventSourceMappings.find(
    (candidate) => candidate.eventSourceArn === queue.queueArn,
  );
  if (mapping === undefined) throw new Error(`no event source mapping reads ${queue.logicalId}`);
  return {
    queue,
    deadLetterQueue: cloud.queue(`${consumerId}DeadLetterQueue`),
    mapping,
    function: cloud.lambda.getFunction(mapping.functionName),
  };
}

/** Receives from a dead-letter queue until something is there, with every system attribute. */
function receiveDeadLetters(cloud: LocalCloud, deadLetterQueue: LocalQueueDefinition): Promise<Message[]> {
  return eventually(`a message on ${deadLetterQueue.logicalId}`, async () => {
    const { Messages = [] } = await cloud.sqsClient.send(
      new ReceiveMessageCommand({
        QueueUrl: deadLetterQueue.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: DEAD_LETTER_WAIT_SECONDS,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    return Messages.length > 0 ? Messages : undefined;
  });
}

/** Every event of every log stream of a function, oldest first. */
function logEventsOf(cloud: LocalCloud, fn: LocalFunctionDefinition): LogEvent[] {
  return cloud.logs
    .describeLogStreams(fn.logGroupName)
    .flatMap((stream) => cloud.logs.getLogEvents(fn.logGroupName, stream.logStreamName))
    .sort((a, b) => a.timestamp - b.timestamp);
}

/** The receive counts a function logged for a message, in the order it got them. */
function loggedReceiveCounts(cloud: LocalCloud, fn: LocalFunctionDefinition, messageId: string): number[] {
  return logEventsOf(cloud, fn).flatMap((event) => {
    const delivery = parseDeliveryLine(event.message);
    return delivery?.messageId === messageId ? [delivery.receiveCount] : [];
  });
}

function gapsBetween(receives: readonly TimedReceiveCount[]): number[] {
  return receives.slice(1).map((receive, index) => receive.at - receives[index].at);
}

describe('consumers that fail, on the local cloud (time scale 10)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'failing-consumer-'));
  const clock = scaledClock(TIME_SCALE);
  const settlements: BatchSettlement[] = [];
  const problems: string[] = [];
  const receives: ObservedReceive[] = [];
  let cloud: LocalCloud;
  /** Each mapping's pollers, and the receives parked on its queue, as LocalCloud.start resolved. */
  let parkedAtStart: { lanes: number; parked: number }[];

  const settlementsOf = (consumer: Consumer) =>
    settlements.filter((settlement) => settlement.mapping === consumer.mapping.logicalId);
  const receivesOf = (consumer: Consumer, messageId: string): TimedReceiveCount[] =>
    receives
      .filter((receive) => receive.queueUrl === consumer.queue.queueUrl)
      .flatMap((receive) =>
        receive.messages
          .filter((message) => message.MessageId === messageId)
          .map((message) => ({
            at: receive.at,
            receiveCount: Number(message.Attributes?.ApproximateReceiveCount),
          })),
      );
  const depthOf = async (queue: LocalQueueDefinition) => {
    const depth = (await cloud.queueDepths()).find((candidate) => candidate.logicalId === queue.logicalId);
    return { visible: depth?.visible, inFlight: depth?.inFlight, delayed: depth?.delayed };
  };

  beforeAll(async () => {
    synthesizeFailingConsumerApp(outdir);
    cloud = await LocalCloud.start({
      assemblyDirectory: outdir,
      stackName: FAILING_CONSUMER_STACK_NAME,
      clock,
      onBatchSettled: (settlement) => settlements.push(settlement),
      onProblem: (problem) => problems.push(problem),
    });
    parkedAtStart = cloud.pollers.map((poller) => ({
      lanes: poller.activeLanes,
      parked: cloud.sqs.model.pendingReceives(poller.currentSettings.queueUrl),
    }));
    recordReceives(cloud.eventSourceMappings.pollerClient, clock, receives);
    // A long poll already in flight went out before the recorder: wait until each poller has
    // answered one through it, so that no delivery of a test message can go unrecorded.
    const queueUrls = Object.values(CONSUMER_IDS).map((id) => consumerOf(cloud, id).queue.queueUrl);
    await eventually('a recorded receive from every poller', () =>
      queueUrls.every((url) => receives.some((receive) => receive.queueUrl === url)) ? true : undefined,
    );
  }, 120_000);

  afterAll(async () => {
    await cloud?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  test('start resolves once each mapping has its pollers long-polling, as a deployed stack has before anyone sends', () => {
    expect(parkedAtStart.length).toBeGreaterThan(1);
    for (const { lanes, parked } of parkedAtStart) {
      expect(lanes).toBeGreaterThan(1);
      expect(parked).toBeGreaterThanOrEqual(2);
    }
  });

  describe.each([
    {
      handler: 'a handler that throws',
      consumerId: CONSUMER_IDS.throwing,
      invocationError: /^the invocation failed \(Error: the consumer always fails\)/,
      timeouts: 0,
      // An instance whose handler threw stays warm and takes the next delivery.
      instances: 1,
      reportStatus: undefined,
      minimumGapMs: VISIBILITY_TIMEOUT_MS,
    },
    {
      handler: 'a handler that runs past its timeout',
      consumerId: CONSUMER_IDS.timingOut,
      invocationError: /^the invocation failed \(Sandbox\.Timedout: .*Task timed out after 1\.00 seconds\)/,
      timeouts: maxReceiveCount,
      // An instance that ran past its timeout is killed: every delivery is a cold start.
      instances: maxReceiveCount,
      reportStatus: 'timeout',
      // Its real second is 10 cloud seconds, longer than the 6 s visibility timeout: the poller holds
      // the message for as long as the invocation runs, as Lambda's timeout is within it on AWS.
      minimumGapMs: Math.max(VISIBILITY_TIMEOUT_MS, SHORT_TIMEOUT_IN_CLOUD_MS),
    },
  ])('$handler', ({ consumerId, invocationError, timeouts, instances, reportStatus, minimumGapMs }) => {
    const body = `an order for the ${consumerId} consumer`;
    let consumer: Consumer;
    let messageId: string;
    let deadLetters: Message[];

    beforeAll(async () => {
      consumer = consumerOf(cloud, consumerId);
      const sent = await cloud.sqsClient.send(
        new SendMessageCommand({ QueueUrl: consumer.queue.queueUrl, MessageBody: body }),
      );
      messageId = String(sent.MessageId);
      deadLetters = await receiveDeadLetters(cloud, consumer.deadLetterQueue);
    }, 60_000);

    test(`is invoked maxReceiveCount (${maxReceiveCount}) times, and each time the batch is left on the queue`, () => {
      const leftOnQueue = (receiveCount: number) => ({
        mapping: consumer.mapping.logicalId,
        lane: expect.any(Number),
        requestId: expect.any(String),
        records: [{ messageId, body, receiveCount }],
        batchItemFailureIds: [],
        invocationError: expect.any(String),
        deleted: 0,
        leftOnQueue: expect.stringMatching(invocationError),
      });

      const settlements = settlementsOf(consumer);
      expect(settlements).toStrictEqual(
        Array.from({ length: maxReceiveCount }, (_, attempt) => leftOnQueue(attempt + 1)),
      );
      for (const settlement of settlements) {
        expect(settlement.leftOnQueue).toBe(
          `the invocation failed (${settlement.invocationError}); the batch returns after the visibility timeout`,
        );
      }
      expect(cloud.lambda.statistics()[consumer.function.logicalId]).toMatchObject({
        invocations: maxReceiveCount,
        errors: maxReceiveCount,
      });
    });

    test('gets the message back only after each visibility timeout and once its invocation has ended, its receive count one higher each time', () => {
      const polled = receivesOf(consumer, messageId);

      expect(polled.map((receive) => receive.receiveCount)).toStrictEqual([1, 2, 3]);
      for (const gap of gapsBetween(polled)) {
        expect(gap).toBeGreaterThanOrEqual(minimumGapMs - RECEIVE_LAG_TOLERANCE_MS);
      }
      expect(loggedReceiveCounts(cloud, consumer.function, messageId)).toStrictEqual([1, 2, 3]);
    });

    test('dead-letters the message after maxReceiveCount receives, with its id, body and source queue', async () => {
      expect(deadLetters).toHaveLength(1);
      const [deadLetter] = deadLetters;
      expect(deadLetter).toMatchObject({
        MessageId: messageId,
        Body: body,
        Attributes: expect.objectContaining({ DeadLetterQueueSourceArn: consumer.queue.queueArn }),
      });
      expect(Number(deadLetter.Attributes?.ApproximateReceiveCount)).toBeGreaterThanOrEqual(maxReceiveCount);
      expect(await depthOf(consumer.queue)).toStrictEqual({ visible: 0, inFlight: 0, delayed: 0 });
    });

    test(`counts ${timeouts} timeouts in ${instances} instance(s), and its REPORT lines say so`, () => {
      const reports = logEventsOf(cloud, consumer.function)
        .map((event) => event.message)
        .filter((message) => message.startsWith('REPORT RequestId: '));

      expect(cloud.lambda.statistics()[consumer.function.logicalId]).toMatchObject({ timeouts, instances });
      expect(reports).toHaveLength(maxReceiveCount);
      expect(reports.map((report) => /\tStatus: (\w+)$/.exec(report)?.[1])).toStrictEqual(
        Array.from({ length: maxReceiveCount }, () => reportStatus),
      );
    });
  });

  describe('a handler that reports one of two records as a batch item failure', () => {
    let consumer: Consumer;
    let succeedingId: string;
    let failingId: string;
    let deadLetters: Message[];

    beforeAll(async () => {
      consumer = consumerOf(cloud, CONSUMER_IDS.partialBatch);
      // Five pollers wait on the queue, and SQS may spread two messages over two of them. Sent while
      // the mapping is disabled, both are on the queue when polling starts, and one receive takes them.
      const mappings = cloud.eventSourceMappings;
      const [{ UUID = '' }] = mappings.listEventSourceMappings({ eventSourceArn: consumer.queue.queueArn });
      mappings.updateEventSourceMapping(UUID, { Enabled: false });
      await eventually('the mapping disabled', async () =>
        mappings.getEventSourceMapping(UUID).State === 'Disabled' ? true : undefined,
      );
      const { Successful = [], Failed = [] } = await cloud.sqsClient.send(
        new SendMessageBatchCommand({
          QueueUrl: consumer.queue.queueUrl,
          Entries: [
            { Id: 'succeeds', MessageBody: 'succeed' },
            { Id: 'fails', MessageBody: FAILING_BODY },
          ],
        }),
      );
      if (Failed.length > 0) throw new Error(`SendMessageBatch failed: ${JSON.stringify(Failed)}`);
      succeedingId = String(Successful.find((entry) => entry.Id === 'succeeds')?.MessageId);
      failingId = String(Successful.find((entry) => entry.Id === 'fails')?.MessageId);
      mappings.updateEventSourceMapping(UUID, { Enabled: true });
      deadLetters = await receiveDeadLetters(cloud, consumer.deadLetterQueue);
    }, 60_000);

    test('deletes the record that succeeded at once and leaves only the failed one on the queue', () => {
      const [first, ...retries] = settlementsOf(consumer);

      expect(first).toMatchObject({ deleted: 1, leftOnQueue: '1 batch item failure(s) reported' });
      expect(first.records.map((record) => record.messageId).sort()).toStrictEqual(
        [succeedingId, failingId].sort(),
      );
      expect(retries).toStrictEqual(
        Array.from({ length: maxReceiveCount - 1 }, (_, retry) =>
          expect.objectContaining({
            records: [{ messageId: failingId, body: FAILING_BODY, receiveCount: retry + 2 }],
            batchItemFailureIds: [failingId],
            deleted: 0,
            leftOnQueue: '1 batch item failure(s) reported',
          }),
        ),
      );
      expect(loggedReceiveCounts(cloud, consumer.function, succeedingId)).toStrictEqual([1]);
      expect(loggedReceiveCounts(cloud, consumer.function, failingId)).toStrictEqual([1, 2, 3]);
    });

    test('dead-letters only the failed record', async () => {
      expect(deadLetters.map((message) => message.MessageId)).toStrictEqual([failingId]);
      expect(deadLetters[0].Attributes?.DeadLetterQueueSourceArn).toBe(consumer.queue.queueArn);
      expect(await depthOf(consumer.deadLetterQueue)).toStrictEqual({ visible: 0, inFlight: 1, delayed: 0 });
      expect(await depthOf(consumer.queue)).toStrictEqual({ visible: 0, inFlight: 0, delayed: 0 });
    });
  });

  test('the pollers ride out no problems (every delete and receive succeeded)', () => {
    expect(problems).toStrictEqual([]);
  });
});
