import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteQueueCommand } from '@aws-sdk/client-sqs';
import type {
  AlarmView,
  ConsoleOverview,
  LogEventsPage,
  LogGroupView,
  PeekedMessage,
  QueueView,
  TableItemsPage,
  TableView,
} from '../../src/console/console-contract';
import { MAX_RECEIVE_COUNT } from './console-app';
import { type ConsoleWorld, eventually, startConsoleWorld } from './console-fixture';

describe('the console API on a running cloud: overview, queues, logs, tables and alarms', () => {
  let world: ConsoleWorld;
  let inbox: string;
  let deadLetterQueue: string;
  let logGroup: string;
  let tableName: string;

  beforeAll(async () => {
    world = await startConsoleWorld();
    const { stack } = world.cloud;
    const queueNamed = (logicalId: string) =>
      stack.queues.find((queue) => queue.logicalId === logicalId)?.queueName ?? '';
    inbox = queueNamed('Inbox');
    deadLetterQueue = queueNamed('InboxDlq');
    logGroup = stack.functions[0].logGroupName;
    tableName = stack.tables[0].tableName;
    for (const body of ['ok 1', 'fail 1']) await world.post(`queues/${inbox}/messages`, { body });
    for (const id of ['a', 'b', 'c']) {
      await world.cloud.dynamodb.client.send(
        new PutItemCommand({ TableName: tableName, Item: { id: { S: id }, n: { N: '7' } } }),
      );
    }
  });

  afterAll(() => world?.stop());

  test('the overview draws the stack, queue to mapping to function, with the dead-letter edge and live counts', async () => {
    const { status, body } = await world.api<ConsoleOverview>('overview');

    expect(status).toBe(200);
    expect(body.stackNames).toStrictEqual(['ConsoleApp']);
    expect(body.nodes.map((node) => [node.kind, node.id])).toStrictEqual([
      ['queue', 'InboxDlq'],
      ['queue', 'Inbox'],
      ['mapping', 'ConsumerMapping'],
      ['function', 'Consumer'],
      ['table', 'Items'],
      ['alarm', 'DeadLettersAlarm'],
    ]);
    expect(body.nodes.find((node) => node.id === 'Inbox')?.counts).toStrictEqual({
      visible: expect.any(Number),
      inFlight: expect.any(Number),
      delayed: 0,
    });
    expect(body.nodes.find((node) => node.id === 'Items')?.counts).toStrictEqual({ items: 3 });
    expect(body.edges).toStrictEqual([
      { from: 'Inbox', to: 'ConsumerMapping', kind: 'polls' },
      { from: 'ConsumerMapping', to: 'Consumer', kind: 'invokes' },
      { from: 'Inbox', to: 'InboxDlq', kind: 'dead-letter' },
    ]);
  });

  test('queues show their attributes, redrive policy, dead-letter sources and depth', async () => {
    const { body } = await world.api<QueueView[]>('queues');

    const source = body.find((queue) => queue.name === inbox);
    expect(source?.redrivePolicy).toStrictEqual({
      deadLetterQueueName: deadLetterQueue,
      maxReceiveCount: MAX_RECEIVE_COUNT,
    });
    expect(source?.attributes.VisibilityTimeout).toBe('10');
    expect(source?.depth).toStrictEqual({
      visible: expect.any(Number),
      inFlight: expect.any(Number),
      delayed: 0,
    });
    expect(body.find((queue) => queue.name === deadLetterQueue)?.deadLetterSourceQueueNames).toStrictEqual([
      inbox,
    ]);
  });

  test('a message sent from the form is peeked without being received, then purged', async () => {
    // A queue of its own: the stack's queues still take the dead letters of beforeAll's 'fail 1'
    // while this runs, later on a loaded machine.
    const formQueue = 'ConsoleFormQueue';
    const { QueueUrl } = await world.cloud.sqsClient.send(new CreateQueueCommand({ QueueName: formQueue }));
    const sent = await world.post<{ messageId: string }>(`queues/${formQueue}/messages`, {
      body: 'by hand',
      messageAttributes: { Kind: 'manual' },
      delaySeconds: 0,
    });
    const peeks = [];
    for (let look = 0; look < 2; look++)
      peeks.push(await world.api<PeekedMessage[]>(`queues/${formQueue}/messages`));
    const purged = await world.post(`queues/${formQueue}/purge`, {});
    const after = await world.api<PeekedMessage[]>(`queues/${formQueue}/messages?limit=5`);
    const again = await world.post(`queues/${formQueue}/purge`, {});
    await world.cloud.sqsClient.send(new DeleteQueueCommand({ QueueUrl }));

    expect(sent.status).toBe(200);
    for (const peek of peeks) {
      expect(peek.body).toStrictEqual([
        {
          messageId: sent.body.messageId,
          body: 'by hand',
          state: 'visible',
          receiveCount: 0,
          sentMs: expect.any(Number),
          messageAttributes: { Kind: 'manual' },
        },
      ]);
    }
    expect(purged.status).toBe(200);
    expect(after.body).toStrictEqual([]);
    expect(again.status).toBe(400);
    expect(again.body).toStrictEqual({ error: expect.stringMatching(/^PurgeQueueInProgress: /) });
  });

  test.each([
    ['no body', {}, 'body must be the message body, a string'],
    [
      'an attribute that is no string',
      { body: 'x', messageAttributes: { n: 1 } },
      'messageAttributes.n must be a string (given 1)',
    ],
    [
      'a delay past 900 s',
      { body: 'x', delaySeconds: 901 },
      'delaySeconds must be an integer between 0 and 900 (given 901)',
    ],
  ])('a send with %s is a 400 saying what is wrong', async (_case, form, error) => {
    const { status, body } = await world.post(`queues/${deadLetterQueue}/messages`, form);

    expect(status).toBe(400);
    expect(body).toStrictEqual({ error });
  });

  test('bad requests get clear errors: a body that is not JSON, an unknown queue, a limit out of range, a wrong method', async () => {
    const notJson = await world.api(`queues/${deadLetterQueue}/messages`, {
      method: 'POST',
      headers: { origin: world.origin, 'x-console-token': world.console.token },
      body: '{not json',
    });
    const unknown = await world.api('queues/nope/messages');
    const limit = await world.api(`queues/${inbox}/messages?limit=0`);
    const method = await world.api('dead-letters/redrive');
    const route = await world.api('nothing-here');

    expect([notJson.status, unknown.status, limit.status, method.status, route.status]).toStrictEqual([
      400, 404, 400, 405, 404,
    ]);
    expect(notJson.body).toStrictEqual({ error: expect.stringMatching(/^the request body is not JSON/) });
    expect(unknown.body).toStrictEqual({
      error: `no queue named nope (queues: ${inbox}, ${deadLetterQueue})`,
    });
    expect(limit.body).toStrictEqual({ error: 'limit must be an integer between 1 and 1000 (given "0")' });
    expect(method.body).toStrictEqual({ error: 'GET is not allowed here (allowed: POST)' });
  });

  test('log events follow CloudWatch filter patterns, page by cursor, and refuse a pattern they cannot read', async () => {
    await eventually('the consumer to log a WARN line', async () => {
      const query = `group=${encodeURIComponent(logGroup)}&filter=${encodeURIComponent('{ $.level = "WARN" }')}`;
      const { body } = await world.api<LogEventsPage>(`logs/events?${query}`);
      return body.events.length > 0 ? body : undefined;
    });
    const groups = await world.api<LogGroupView[]>('logs/groups');
    const warn = await world.api<LogEventsPage>(
      `logs/events?group=${encodeURIComponent(logGroup)}&filter=${encodeURIComponent('{ $.level = "WARN" }')}`,
    );
    const all = await world.api<LogEventsPage>(`logs/events?group=${encodeURIComponent(logGroup)}`);
    const bad = await world.api(
      `logs/events?group=${encodeURIComponent(logGroup)}&filter=${encodeURIComponent('{ $.level = }')}`,
    );
    const missing = await world.api('logs/events?group=%2Fno%2Fsuch');

    expect(groups.body.find((group) => group.logGroupName === logGroup)?.streams.length).toBeGreaterThan(0);
    expect(warn.body.events.every((event) => event.message.includes('"level":"WARN"'))).toBe(true);
    expect(all.body.events.length).toBeGreaterThan(warn.body.events.length);
    const next = await world.api<LogEventsPage>(
      `logs/events?group=${encodeURIComponent(logGroup)}&after=${all.body.cursor}`,
    );
    expect(
      next.body.events.every(
        (event) =>
          !all.body.events.some(
            (seen) => seen.message === event.message && seen.timestamp === event.timestamp,
          ),
      ),
    ).toBe(true);
    expect(bad.status).toBe(400);
    expect(bad.body).toStrictEqual({
      error: expect.stringMatching(/^bad filter pattern "\{ \$\.level = \}": /),
    });
    expect(missing.status).toBe(404);
  });

  test('tables list their key schema and item count, and scan in pages of plain JSON', async () => {
    const tables = await world.api<TableView[]>('tables');
    const first = await world.api<TableItemsPage>(`tables/${tableName}/items?limit=2`);
    const second = await world.api<TableItemsPage>(
      `tables/${tableName}/items?limit=2&start=${first.body.nextStart}`,
    );
    const badStart = await world.api(`tables/${tableName}/items?start=garbage`);
    const unknown = await world.api('tables/nope/items');

    expect(tables.body).toStrictEqual([
      { tableName, keySchema: [{ attributeName: 'id', keyType: 'HASH' }], itemCount: 3 },
    ]);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextStart).toEqual(expect.any(String));
    expect(second.body.items).toHaveLength(1);
    expect(second.body).not.toHaveProperty('nextStart');
    expect([...first.body.items, ...second.body.items].map((item) => item.id).sort()).toStrictEqual([
      'a',
      'b',
      'c',
    ]);
    expect(first.body.items[0]).toMatchObject({ n: 7 });
    expect(badStart.status).toBe(400);
    expect(unknown.status).toBe(404);
  });

  test('alarms show their state, metric, threshold and history', async () => {
    const { body } = await world.api<AlarmView[]>('alarms');

    expect(body).toStrictEqual([
      {
        alarmName: expect.stringMatching(/DeadLettersAlarm/),
        state: expect.stringMatching(/^(OK|ALARM|INSUFFICIENT_DATA)$/),
        stateReason: expect.any(String),
        metric: 'AWS/SQS ApproximateNumberOfMessagesVisible',
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        history: expect.any(Array),
      },
    ]);
    for (const change of body[0].history) {
      expect(change).toStrictEqual({
        timestamp: expect.any(Number),
        oldState: expect.any(String),
        newState: expect.any(String),
        reason: expect.any(String),
        values: expect.any(Array),
      });
    }
  });
});
