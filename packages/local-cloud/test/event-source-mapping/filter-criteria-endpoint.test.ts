import { setTimeout as sleep } from 'node:timers/promises';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { scaledClock } from '../../src/clock';
import {
  type BatchSettlement,
  EventSourceMappingService,
  type EventSourceMappingServiceOptions,
  eventSourceMappingUuid,
} from '../../src/event-source-mapping';
import { type SqsServer, startSqsServer } from '../../src/sqs';

const clock = scaledClock(10);
const ENVIRONMENT = { region: 'us-east-1', accountId: '000000000000', partition: 'aws' };
const FUNCTION_NAME = 'Stack-Consumer';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Polls `done` every 20 ms for at most 10 real seconds. */
async function eventually(done: () => Promise<boolean> | boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !(await done()); attempt += 1) await sleep(20);
}

/** A function that records the events it is invoked with and succeeds. */
function recordingFunction(events: SQSEvent[]): EventSourceMappingServiceOptions['lambda'] {
  return {
    concurrency: 10,
    getFunction: () => ({
      functionName: FUNCTION_NAME,
      functionArn: `arn:aws:lambda:::function:${FUNCTION_NAME}`,
    }),
    invoke: async (_name: string, event: unknown) => {
      events.push(event as SQSEvent);
      return { payload: null };
    },
  } as unknown as EventSourceMappingServiceOptions['lambda'];
}

/** A stack of one queue read by one mapping with these filter patterns. */
function stackWithMapping(
  queueName: string,
  queueUrl: string,
  filterPatterns: readonly string[],
): EventSourceMappingServiceOptions['stack'] {
  const queueArn = `arn:aws:sqs:${ENVIRONMENT.region}:${ENVIRONMENT.accountId}:${queueName}`;
  const mapping = {
    logicalId: `${queueName}Mapping`,
    functionName: FUNCTION_NAME,
    eventSourceArn: queueArn,
    batchSize: 10,
    maximumBatchingWindowSeconds: 0,
    maximumConcurrency: 2,
    reportBatchItemFailures: false,
    enabled: true,
    filterPatterns,
  };
  return {
    eventSourceMappings: [mapping],
    queues: [{ logicalId: queueName, queueName, queueUrl, queueArn, attributes: {} }],
    environment: ENVIRONMENT,
  } as unknown as EventSourceMappingServiceOptions['stack'];
}

/** One queue and one mapping with these filter patterns, on a local SQS endpoint, with a recording function. */
async function mappingWithFilters(sqs: SqsServer, queueName: string, filterPatterns: readonly string[]) {
  const client = new SQSClient({
    endpoint: sqs.endpoint,
    region: ENVIRONMENT.region,
    credentials: CREDENTIALS,
  });
  const { QueueUrl = '' } = await client.send(new CreateQueueCommand({ QueueName: queueName }));
  const events: SQSEvent[] = [];
  const settlements: BatchSettlement[] = [];
  const problems: string[] = [];
  const stack = stackWithMapping(queueName, QueueUrl, filterPatterns);
  const lambda = recordingFunction(events);
  const service = new EventSourceMappingService({
    stack,
    lambda,
    sqs: { endpoint: sqs.endpoint, region: ENVIRONMENT.region, credentials: CREDENTIALS },
    clock,
    onBatchSettled: (settlement) => settlements.push(settlement),
    onProblem: (problem) => problems.push(problem),
  });
  const messagesOnQueue = async () => {
    const { Attributes = {} } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible)
    );
  };
  const send = (...bodies: string[]) =>
    client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: bodies.map((MessageBody, index) => ({ Id: String(index), MessageBody })),
      }),
    );
  const close = async () => {
    await service.stop();
    client.destroy();
  };
  return {
    service,
    uuid: eventSourceMappingUuid(`${queueName}Mapping`),
    events,
    settlements,
    problems,
    messagesOnQueue,
    send,
    close,
  };
}

describe('FilterCriteria of an event source mapping, on the local SQS endpoint', () => {
  let sqs: SqsServer;

  beforeAll(async () => {
    sqs = await startSqsServer({ port: 0, clock });
  });

  afterAll(async () => {
    await sqs.close();
  });

  test('delivers the matching messages, deletes the others without invoking, and GetEventSourceMapping shows the filters', async () => {
    const patterns = ['{"body":{"kind":["paid"]}}', '{"body":{"total":[{"numeric":[">",100]}]}}'];
    const local = await mappingWithFilters(sqs, 'Filtered', patterns);
    await local.send(
      '{"kind":"paid","total":5}',
      '{"kind":"refunded","total":500}',
      '{"kind":"refunded","total":5}',
      'paid',
    );

    local.service.start();
    await eventually(async () => (await local.messagesOnQueue()) === 0);
    await local.close();

    const delivered = local.events.flatMap((event) => event.Records.map((record) => record.body)).sort();
    expect(delivered).toStrictEqual(['{"kind":"paid","total":5}', '{"kind":"refunded","total":500}']);
    expect(local.settlements.reduce((sum, settlement) => sum + (settlement.filteredOut ?? 0), 0)).toBe(2);
    expect(local.service.getEventSourceMapping(local.uuid).FilterCriteria).toStrictEqual({
      Filters: patterns.map((Pattern) => ({ Pattern })),
    });
  });

  test('a pattern Lambda would refuse is reported once at start, and every message stays on the queue', async () => {
    const local = await mappingWithFilters(sqs, 'Refused', ['{"body":{"kind":[{"contains":"paid"}]}}']);
    await local.send('{"kind":"paid"}', '{"kind":"refunded"}');

    local.service.start();
    await sleep(300);
    await local.close();

    expect(local.problems).toStrictEqual([
      expect.stringMatching(/^RefusedMapping: not polling: Invalid filter pattern .*is not a rule/),
    ]);
    expect([local.events.length, await local.messagesOnQueue()]).toStrictEqual([0, 2]);
  });
});
