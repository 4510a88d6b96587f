import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableGroupsView } from '../../src/console/console-contract';
import { tableGroups } from '../../src/console/routes-tables';
import { TableGrouping } from '../../src/console/table-groups';
import { type ConsoleWorld, startConsoleWorld } from './console-fixture';

/** A table of its own, so what the stack's functions write cannot change the counts. */
const TABLE = 'ConsoleGroupedRejections';

/** Seven rejections: four INVALID_ORDER, one a number, one without a reason. */
const ROWS: readonly [id: string, reason: AttributeValue | undefined][] = [
  ['1', { S: 'INVALID_ORDER' }],
  ['2', { S: 'RETRIES_EXHAUSTED' }],
  ['3', { S: 'INVALID_ORDER' }],
  ['4', { N: '7' }],
  ['5', { S: 'INVALID_ORDER' }],
  ['6', undefined],
  ['7', { S: 'INVALID_ORDER' }],
];

describe('the console API groups a table by an attribute, the whole table scanned', () => {
  let world: ConsoleWorld;

  beforeAll(async () => {
    world = await startConsoleWorld();
    const client = world.cloud.dynamodb.client;
    await client.send(
      new CreateTableCommand({
        TableName: TABLE,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const puts = ROWS.map(([id, reason]) => ({
      PutRequest: {
        Item: {
          id: { S: id },
          errors: { L: [{ S: `error ${id}` }] },
          ...(reason === undefined ? {} : { reason }),
        },
      },
    }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: puts } }));
  });

  afterAll(async () => {
    await world?.cloud.dynamodb.client.send(new DeleteTableCommand({ TableName: TABLE }));
    await world?.stop();
  });

  test('one group per value with its count, the largest first, numbers as JSON, the items without it as (missing)', async () => {
    const { status, body } = await world.api<TableGroupsView>(`tables/${TABLE}/groups?attribute=reason`);

    expect(status).toBe(200);
    expect(body).toMatchObject({ tableName: TABLE, attribute: 'reason', scannedItems: 7 });
    expect(body).not.toHaveProperty('lowerBound');
    expect(body.groups.map(({ label, count, missing }) => [label, count, missing ?? false])).toStrictEqual([
      ['INVALID_ORDER', 4, false],
      ['7', 1, false],
      ['RETRIES_EXHAUSTED', 1, false],
      ['(missing)', 1, true],
    ]);
    const invalid = body.groups[0];
    expect(invalid.samples.map((item) => item.id).sort()).toStrictEqual(['1', '3', '5', '7']);
    expect(invalid.samples[0]).toStrictEqual({
      id: expect.any(String),
      reason: 'INVALID_ORDER',
      errors: [expect.stringMatching(/^error \d$/)],
    });
    expect(body.groups[1].value).toBe(7);
  });

  test('samples= keeps fewer items per group and every count', async () => {
    const { body } = await world.api<TableGroupsView>(`tables/${TABLE}/groups?attribute=reason&samples=1`);

    expect(body.groups.map((group) => [group.count, group.samples.length])).toStrictEqual([
      [4, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
  });

  test('the scan pages through the table and says when it stopped at its item limit', async () => {
    const grouping = () => new TableGrouping('reason', 20);

    const whole = await tableGroups(world.cloud, TABLE, grouping(), { pageSize: 2 });
    const stopped = await tableGroups(world.cloud, TABLE, grouping(), { itemLimit: 4, pageSize: 3 });
    const exact = await tableGroups(world.cloud, TABLE, grouping(), { itemLimit: ROWS.length, pageSize: 7 });

    expect(whole.scannedItems).toBe(7);
    expect(whole).not.toHaveProperty('lowerBound');
    expect(whole.groups.map((group) => group.count)).toStrictEqual([4, 1, 1, 1]);
    expect(stopped).toMatchObject({ scannedItems: 4, lowerBound: true });
    expect(stopped.groups.reduce((sum, group) => sum + group.count, 0)).toBe(4);
    expect(exact.scannedItems).toBe(7);
    expect(exact).not.toHaveProperty('lowerBound');
  });

  test.each([
    ['an unknown table', 'tables/nope/groups?attribute=reason', 404, 'no table named nope'],
    [
      'no attribute',
      `tables/${TABLE}/groups`,
      400,
      'attribute must name the top-level attribute to group by (given nothing)',
    ],
    [
      'an empty attribute',
      `tables/${TABLE}/groups?attribute=`,
      400,
      'attribute must name the top-level attribute to group by (given nothing)',
    ],
    [
      'an attribute name past 255 characters',
      `tables/${TABLE}/groups?attribute=${'x'.repeat(256)}`,
      400,
      'attribute must be at most 255 characters (given 256)',
    ],
    [
      'samples out of range',
      `tables/${TABLE}/groups?attribute=reason&samples=101`,
      400,
      'samples must be an integer between 0 and 100 (given "101")',
    ],
  ])('%s is a %d saying what is wrong', async (_case, path, status, error) => {
    const answer = await world.api(path);

    expect(answer).toStrictEqual({ status, body: { error } });
  });
});
