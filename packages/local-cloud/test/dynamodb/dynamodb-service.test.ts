import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalTableDefinition } from '../../src/assembly';
import { type DynamoDbService, startDynamoDb, TableKeySchemaMismatchError } from '../../src/dynamodb';

/** A table of the template, as the assembly reader gives it; override what a test needs. */
function tableDefinitionFactory(overrides: Partial<LocalTableDefinition> = {}): LocalTableDefinition {
  return {
    logicalId: 'TablesOrdersTable57E15B04',
    tableName: 'OrderPipeline-TablesOrdersTable57E15B04',
    keySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    attributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    billingMode: 'PAY_PER_REQUEST',
    ...overrides,
  };
}

describe('startDynamoDb', () => {
  const services: DynamoDbService[] = [];
  const directories: string[] = [];

  async function start(path?: string): Promise<DynamoDbService> {
    const service = await startDynamoDb({ path });
    services.push(service);
    return service;
  }

  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  test('listens on an ephemeral port of 127.0.0.1', async () => {
    const dynamodb = await start();

    expect(dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dynamodb.endpoint).not.toMatch(/:0$/);
  });

  test("creates each table with the template's keys and billing mode, ACTIVE at once", async () => {
    const dynamodb = await start();
    const rejected = tableDefinitionFactory({
      logicalId: 'TablesRejectedOrdersTableB09DC05C',
      tableName: 'OrderPipeline-TablesRejectedOrdersTableB09DC05C',
      keySchema: [
        { AttributeName: 'messageId', KeyType: 'HASH' },
        { AttributeName: 'receivedAt', KeyType: 'RANGE' },
      ],
      attributeDefinitions: [
        { AttributeName: 'messageId', AttributeType: 'S' },
        { AttributeName: 'receivedAt', AttributeType: 'N' },
      ],
      billingMode: 'PROVISIONED',
      provisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });

    const created = await dynamodb.createTables([tableDefinitionFactory(), rejected]);

    expect(created).toStrictEqual(['OrderPipeline-TablesOrdersTable57E15B04', rejected.tableName]);
    const { Table } = await dynamodb.client.send(new DescribeTableCommand({ TableName: rejected.tableName }));
    expect(Table).toMatchObject({
      TableStatus: 'ACTIVE',
      KeySchema: rejected.keySchema,
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    });
    const orders = await dynamodb.client.send(new DescribeTableCommand({ TableName: created[0] }));
    expect(orders.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  test('stores and reads an item through the document client right after creating the table', async () => {
    const dynamodb = await start();
    await dynamodb.createTables([tableDefinitionFactory()]);
    const documents = DynamoDBDocumentClient.from(dynamodb.client);
    const order = { orderId: 'demo-1', customerName: 'User1', customerAddress: '1 Main Street', items: [] };

    await documents.send(
      new PutCommand({
        TableName: 'OrderPipeline-TablesOrdersTable57E15B04',
        Item: order,
        ConditionExpression: 'attribute_not_exists(orderId)',
      }),
    );
    const { Item } = await documents.send(
      new GetCommand({ TableName: 'OrderPipeline-TablesOrdersTable57E15B04', Key: { orderId: 'demo-1' } }),
    );

    expect(Item).toStrictEqual(order);
  });

  test('keeps tables and items on disk across a restart when given a path, and leaves existing tables be', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'local-dynamodb-'));
    directories.push(directory);
    const first = await start(directory);
    await first.createTables([tableDefinitionFactory()]);
    await DynamoDBDocumentClient.from(first.client).send(
      new PutCommand({ TableName: 'OrderPipeline-TablesOrdersTable57E15B04', Item: { orderId: 'kept' } }),
    );
    await first.stop();
    services.splice(services.indexOf(first), 1);

    const second = await start(directory);
    const created = await second.createTables([tableDefinitionFactory()]);
    const { Item } = await DynamoDBDocumentClient.from(second.client).send(
      new GetCommand({ TableName: 'OrderPipeline-TablesOrdersTable57E15B04', Key: { orderId: 'kept' } }),
    );

    expect(created).toStrictEqual([]);
    expect(Item).toStrictEqual({ orderId: 'kept' });
  });

  test('fails naming the table and both key schemas when a table on disk has other keys than the template', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'local-dynamodb-'));
    directories.push(directory);
    const first = await start(directory);
    await first.createTables([tableDefinitionFactory()]);
    await first.stop();
    services.splice(services.indexOf(first), 1);
    const second = await start(directory);

    const changed = tableDefinitionFactory({
      keySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      attributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });

    await expect(second.createTables([changed])).rejects.toThrow(TableKeySchemaMismatchError);
    await expect(second.createTables([changed])).rejects.toThrow(
      /table OrderPipeline-TablesOrdersTable57E15B04 on disk has the keys orderId \(HASH\), but the template gives id \(HASH\)/,
    );
  });

  test('keeps nothing across a restart by default', async () => {
    const first = await start();
    await first.createTables([tableDefinitionFactory()]);
    await first.stop();
    services.splice(services.indexOf(first), 1);

    const second = await start();
    const { TableNames } = await second.client.send(new ListTablesCommand({}));

    expect(TableNames).toStrictEqual([]);
  });
});
