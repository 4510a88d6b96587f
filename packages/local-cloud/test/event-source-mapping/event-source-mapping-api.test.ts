import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
  type UpdateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { scaledClock } from '../../src/clock';
import { EventSourceMappingService, eventSourceMappingUuid } from '../../src/event-source-mapping';
import { awsLambda, cliTest } from '../lambda/lambda-cli';
import { FIXTURE_IDS, type LocalLambdaStack, startLocalLambdaStack } from '../lambda/local-lambda-stack';

/** Batching windows of 1 cloud second last 0.1 real ones. */
const TIME_SCALE = 10;
/** Real milliseconds for a poller's receive in flight (a 1-cloud-second long poll) to come back. */
const POLL_TURNAROUND_MS = 500;

/** Polls `probe` every 20 ms until it gives a value, for at most 20 real seconds. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(20);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('lambdaApi: event source mappings, updated live', () => {
  let local: LocalLambdaStack;
  let client: LambdaClient;
  const ordersUuid = eventSourceMappingUuid(FIXTURE_IDS.ordersMapping);
  const pausedUuid = eventSourceMappingUuid(FIXTURE_IDS.pausedMapping);

  const queueOf = (logicalId: string) => {
    const queue = local.stack.queues.find((candidate) => candidate.logicalId === logicalId);
    if (queue === undefined) throw new Error(`no queue ${logicalId}`);
    return queue;
  };
  const consumer = () => local.lambda.getFunction(FIXTURE_IDS.consumer);
  const ordersPoller = () => {
    const poller = local.eventSourceMappings.pollers.find(
      (candidate) => candidate.currentSettings.name === FIXTURE_IDS.ordersMapping,
    );
    if (poller === undefined) throw new Error('no poller for the orders mapping');
    return poller;
  };
  const update = (input: Omit<UpdateEventSourceMappingCommandInput, 'UUID'>, uuid = ordersUuid) =>
    client.send(new UpdateEventSourceMappingCommand({ UUID: uuid, ...input }));
  const send = async (logicalId: string, bodies: readonly string[]): Promise<string[]> => {
    const { Successful = [] } = await local.sqsClient.send(
      new SendMessageBatchCommand({
        QueueUrl: queueOf(logicalId).queueUrl,
        Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
      }),
    );
    return Successful.map((entry) => String(entry.MessageId));
  };
  const visibleOn = async (logicalId: string): Promise<number> => {
    const { Attributes = {} } = await local.sqsClient.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueOf(logicalId).queueUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    return Number(Attributes.ApproximateNumberOfMessages);
  };
  /** The batches settled that hold any of these messages, as lists of message ids. */
  const batchesOf = (messageIds: readonly string[]) =>
    local.settlements
      .map((settlement) => settlement.records.map((record) => record.messageId))
      .filter((ids) => ids.some((id) => messageIds.includes(id)));
  const settledAll = (messageIds: readonly string[]) => () =>
    batchesOf(messageIds).flat().length === messageIds.length ? true : undefined;

  beforeAll(async () => {
    local = await startLocalLambdaStack(scaledClock(TIME_SCALE));
    client = new LambdaClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  test("ListEventSourceMappings lists every mapping of the template, disabled ones too, in Lambda's shape", async () => {
    const { EventSourceMappings = [] } = await client.send(new ListEventSourceMappingsCommand({}));

    expect(EventSourceMappings).toHaveLength(2);
    expect(EventSourceMappings.find((mapping) => mapping.UUID === ordersUuid)).toStrictEqual({
      UUID: ordersUuid,
      EventSourceMappingArn: `arn:aws:lambda:us-east-1:000000000000:event-source-mapping:${ordersUuid}`,
      EventSourceArn: queueOf(FIXTURE_IDS.ordersQueue).queueArn,
      FunctionArn: consumer().functionArn,
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      State: 'Enabled',
      StateTransitionReason: 'USER_INITIATED',
      LastModified: expect.any(Date),
    });
    expect(EventSourceMappings.find((mapping) => mapping.UUID === pausedUuid)).toMatchObject({
      EventSourceArn: queueOf(FIXTURE_IDS.pausedQueue).queueArn,
      BatchSize: 10,
      FunctionResponseTypes: [],
      State: 'Disabled',
    });
  });

  test('ListEventSourceMappings filters by function (name or ARN) and by queue ARN', async () => {
    const uuids = async (filter: { FunctionName?: string; EventSourceArn?: string }) =>
      ((await client.send(new ListEventSourceMappingsCommand(filter))).EventSourceMappings ?? [])
        .map((mapping) => mapping.UUID)
        .sort();

    expect(await uuids({ FunctionName: consumer().functionName })).toStrictEqual(
      [ordersUuid, pausedUuid].sort(),
    );
    expect(await uuids({ FunctionName: consumer().functionArn })).toStrictEqual(
      [ordersUuid, pausedUuid].sort(),
    );
    expect(await uuids({ EventSourceArn: queueOf(FIXTURE_IDS.pausedQueue).queueArn })).toStrictEqual([
      pausedUuid,
    ]);
    expect(
      await uuids({ FunctionName: local.lambda.getFunction(FIXTURE_IDS.throws).functionName }),
    ).toStrictEqual([]);
  });

  test('the UUIDs come from the logical ids, so a restarted cloud has the same ones', () => {
    const restarted = new EventSourceMappingService({
      stack: local.stack,
      lambda: local.lambda,
      sqs: local.sqsConnection,
      clock: scaledClock(TIME_SCALE),
    });

    expect(restarted.listEventSourceMappings().map((mapping) => mapping.UUID)).toStrictEqual(
      local.eventSourceMappings.listEventSourceMappings().map((mapping) => mapping.UUID),
    );
    expect(ordersUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('with a state file, updates survive a restart, unless the template changed the mapping since (a deploy)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mapping-state-'));
    const restart = (stack = local.stack) =>
      new EventSourceMappingService({
        stack,
        lambda: local.lambda,
        sqs: local.sqsConnection,
        clock: scaledClock(TIME_SCALE),
        stateFile: join(folder, 'lambda', 'event-source-mappings.json'),
      });
    const redeployed = {
      ...local.stack,
      eventSourceMappings: local.stack.eventSourceMappings.map((mapping) =>
        mapping.logicalId === FIXTURE_IDS.ordersMapping ? { ...mapping, batchSize: 4 } : mapping,
      ),
    };

    const first = restart();
    first.updateEventSourceMapping(ordersUuid, { BatchSize: 7, Enabled: false });
    await first.stop();
    const second = restart();
    const third = restart(redeployed);
    rmSync(folder, { recursive: true, force: true });

    expect(second.getEventSourceMapping(ordersUuid)).toMatchObject({ BatchSize: 7, State: 'Disabled' });
    expect(second.getEventSourceMapping(pausedUuid)).toMatchObject({ BatchSize: 10, State: 'Disabled' });
    expect(third.getEventSourceMapping(ordersUuid)).toMatchObject({ BatchSize: 4, State: 'Enabled' });
  });

  test('GetEventSourceMapping answers one mapping; an unknown UUID is a 404 ResourceNotFoundException', async () => {
    const mapping = await client.send(new GetEventSourceMappingCommand({ UUID: pausedUuid }));

    expect(mapping).toMatchObject({ UUID: pausedUuid, State: 'Disabled' });
    await expect(
      client.send(new GetEventSourceMappingCommand({ UUID: '00000000-0000-0000-0000-000000000000' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
      message: expect.stringMatching(/^The resource you requested does not exist/),
    });
  });

  test.each([
    [{ BatchSize: 0 }, /BatchSize must be a whole number between 1 and 10000 \(given 0\)/],
    [{ BatchSize: 10_001 }, /BatchSize must be a whole number between 1 and 10000 \(given 10001\)/],
    [
      { BatchSize: 20 },
      /BatchSize over 10 needs a MaximumBatchingWindowInSeconds of at least 1 \(given BatchSize 20 with MaximumBatchingWindowInSeconds 0\)/,
    ],
    [
      { MaximumBatchingWindowInSeconds: 301 },
      /MaximumBatchingWindowInSeconds must be a whole number between 0 and 300 \(given 301\)/,
    ],
    [
      { ScalingConfig: { MaximumConcurrency: 1 } },
      /ScalingConfig\.MaximumConcurrency must be a whole number between 2 and 1000 \(given 1\)/,
    ],
    [{ MaximumRetryAttempts: 3 }, /MaximumRetryAttempts: not supported for an SQS event source mapping/],
  ])('fails if the update is outside what Lambda allows: %j', async (input, message) => {
    const updating = update(input);

    await expect(updating).rejects.toMatchObject({
      name: 'InvalidParameterValueException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringMatching(message),
    });
    expect(local.eventSourceMappings.getEventSourceMapping(ordersUuid)).toMatchObject({
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 0,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  test('a new batch size takes effect live: BatchSize 1 gives events of 1 record, then 3 with a window', async () => {
    const toOne = await update({ BatchSize: 1 });
    await sleep(POLL_TURNAROUND_MS);
    const single = await send(FIXTURE_IDS.ordersQueue, ['a', 'b', 'c']);
    await eventually('the three single-record batches', settledAll(single));

    const toThree = await update({ BatchSize: 3, MaximumBatchingWindowInSeconds: 1 });
    // Five pollers wait on the queue, and SQS may spread three messages over several of them: sent
    // while the mapping is disabled, all three are there when polling resumes, for one receive.
    await update({ Enabled: false });
    await eventually('the mapping to be Disabled', async () =>
      (await client.send(new GetEventSourceMappingCommand({ UUID: ordersUuid }))).State === 'Disabled'
        ? true
        : undefined,
    );
    const gathered = await send(FIXTURE_IDS.ordersQueue, ['d', 'e', 'f']);
    await update({ Enabled: true });
    await eventually('the batch of three', settledAll(gathered));

    expect(toOne).toMatchObject({
      UUID: ordersUuid,
      BatchSize: 1,
      State: 'Updating',
      $metadata: { httpStatusCode: 202 },
    });
    expect(toThree).toMatchObject({ BatchSize: 3, MaximumBatchingWindowInSeconds: 1 });
    expect(batchesOf(single).map((batch) => batch.length)).toStrictEqual([1, 1, 1]);
    expect(batchesOf(gathered)).toStrictEqual([expect.arrayContaining(gathered)]);
    expect((await client.send(new GetEventSourceMappingCommand({ UUID: ordersUuid }))).State).toBe('Enabled');
  });

  test('a new concurrency cap is kept, and an empty ScalingConfig removes it', async () => {
    const capped = await update({ ScalingConfig: { MaximumConcurrency: 5 } });
    const uncapped = await update({ ScalingConfig: {} });

    expect(capped.ScalingConfig).toStrictEqual({ MaximumConcurrency: 5 });
    expect(uncapped.ScalingConfig).toBeUndefined();
    expect(ordersPoller().currentSettings.maximumConcurrency).toBe(local.lambda.concurrency);
  });

  test('Enabled false stops polling (messages stay on the queue); Enabled true consumes them', async () => {
    const disabling = await update({ Enabled: false });
    const disabled = await eventually('the mapping to be Disabled', async () => {
      const mapping = await client.send(new GetEventSourceMappingCommand({ UUID: ordersUuid }));
      return mapping.State === 'Disabled' ? mapping : undefined;
    });
    const held = await send(FIXTURE_IDS.ordersQueue, ['held']);
    // 20 cloud seconds: a running poller would have taken the message many times over.
    await sleep(2000);
    const visibleWhileDisabled = await visibleOn(FIXTURE_IDS.ordersQueue);
    const batchesWhileDisabled = batchesOf(held).length;

    const enabling = await update({ Enabled: true });
    await eventually('the held message to be consumed', settledAll(held));
    const enabled = await client.send(new GetEventSourceMappingCommand({ UUID: ordersUuid }));

    expect(disabling.State).toBe('Disabling');
    expect(disabled.State).toBe('Disabled');
    expect(visibleWhileDisabled).toBe(1);
    expect(batchesWhileDisabled).toBe(0);
    expect(enabling.State).toBe('Enabling');
    expect(enabled.State).toBe('Enabled');
    expect(await visibleOn(FIXTURE_IDS.ordersQueue)).toBe(0);
  });

  test('a mapping disabled in the template does not poll until it is enabled', async () => {
    const waiting = await send(FIXTURE_IDS.pausedQueue, ['paused']);
    await sleep(1000);
    const visibleBefore = await visibleOn(FIXTURE_IDS.pausedQueue);

    await update({ Enabled: true }, pausedUuid);
    await eventually('the paused message to be consumed', settledAll(waiting));

    expect(visibleBefore).toBe(1);
    expect(batchesOf(waiting)).toHaveLength(1);
  });

  cliTest(
    'aws lambda list-event-source-mappings, get-event-source-mapping and update-event-source-mapping work as against AWS',
    async () => {
      const listed = await awsLambda(local.endpoint, [
        'list-event-source-mappings',
        '--function-name',
        consumer().functionName,
      ]);
      const updated = await awsLambda(local.endpoint, [
        'update-event-source-mapping',
        '--uuid',
        ordersUuid,
        '--batch-size',
        '5',
      ]);
      const got = await awsLambda(local.endpoint, ['get-event-source-mapping', '--uuid', ordersUuid]);
      const refused = await awsLambda(local.endpoint, [
        'update-event-source-mapping',
        '--uuid',
        ordersUuid,
        '--batch-size',
        '20',
        '--maximum-batching-window-in-seconds',
        '0',
      ]);

      expect(listed.code).toBe(0);
      expect(
        (JSON.parse(listed.stdout) as { EventSourceMappings: { UUID: string }[] }).EventSourceMappings.map(
          (mapping) => mapping.UUID,
        ).sort(),
      ).toStrictEqual([ordersUuid, pausedUuid].sort());
      expect(updated.code).toBe(0);
      expect(JSON.parse(updated.stdout)).toMatchObject({ UUID: ordersUuid, BatchSize: 5, State: 'Updating' });
      expect(JSON.parse(got.stdout)).toMatchObject({ UUID: ordersUuid, BatchSize: 5, State: 'Enabled' });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/InvalidParameterValueException.*BatchSize over 10 needs/);
      expect(ordersPoller().currentSettings.batchSize).toBe(5);
    },
    60_000,
  );
});
