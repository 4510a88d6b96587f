import {
  DynamoDBClient,
  InternalServerError,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type DynamoDbService, InvalidDynamoDbFaultsError, startDynamoDb, tablesNamedIn } from 'local-cloud';
import { connectDynamoDbItems } from '../../../shared/dynamodb-items';

const ORDERS = 'Faults-Orders';
const REJECTED = 'Faults-Rejected';

/** A table with a string hash key `id`. */
function tableDefinition(tableName: string) {
  return {
    logicalId: tableName.replace('-', ''),
    tableName,
    keySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
    attributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
    billingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** Answers the given values in turn, then the last one for ever. */
function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[Math.min(index++, values.length - 1)];
}

describe('fault injection of the local DynamoDB', () => {
  let dynamodb: DynamoDbService;
  const clients: DynamoDBClient[] = [];

  /** A document client on the endpoint that makes up to `maxAttempts` attempts per request. */
  function documents(maxAttempts: number): DynamoDBDocumentClient {
    const client = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts,
    });
    clients.push(client);
    return DynamoDBDocumentClient.from(client);
  }

  beforeEach(async () => {
    dynamodb = await startDynamoDb();
    await dynamodb.createTables([tableDefinition(ORDERS), tableDefinition(REJECTED)]);
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await dynamodb.stop();
  });

  test('is off by default: requests reach dynalite and are only counted', async () => {
    const client = documents(1);

    await client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'a' } }));
    const { Item } = await client.send(new GetCommand({ TableName: ORDERS, Key: { id: 'a' } }));

    expect(Item).toStrictEqual({ id: 'a' });
    expect(dynamodb.faults.active).toBe(false);
    expect(dynamodb.faults.statistics()).toMatchObject({ affectedRequests: 0, injectedErrors: {} });
    // createTables' requests come first
    expect(dynamodb.faults.statistics().requests).toBeGreaterThanOrEqual(2);
  });

  test("answers ProvisionedThroughputExceededException in DynamoDB's JSON shape with status 400, and nothing is written", async () => {
    dynamodb.faults.set({ tableName: ORDERS, errorRate: 1 });
    const client = documents(1);

    const put = client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'a' } }));

    await expect(put).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
    await expect(put).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      message: expect.stringMatching(/provisioned throughput for the table was exceeded/),
      $metadata: { httpStatusCode: 400 },
    });
    dynamodb.faults.clear();
    const { Item } = await client.send(new GetCommand({ TableName: ORDERS, Key: { id: 'a' } }));
    expect(Item).toBeUndefined();
  });

  test('answers InternalServerError with status 500', async () => {
    dynamodb.faults.set({ errorRate: 1, errorCode: 'InternalServerError' });

    const put = documents(1).send(new PutCommand({ TableName: ORDERS, Item: { id: 'a' } }));

    await expect(put).rejects.toBeInstanceOf(InternalServerError);
    await expect(put).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
  });

  test("the SDK retries injected errors as AWS's and succeeds once they stop, writing the item once", async () => {
    // the first two attempts fail (a rate draw, then a code draw each), the third passes
    dynamodb.faults.set({
      tableName: ORDERS,
      errorRate: 0.5,
      errorCode: ['InternalServerError', 'ProvisionedThroughputExceededException'],
      random: sequence(0, 0, 0, 0.99, 0.99),
    });
    const client = documents(3);

    const result = await client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'a', n: 1 } }));

    expect(result.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 3 });
    expect(dynamodb.faults.statistics()).toMatchObject({
      affectedRequests: 3,
      injectedErrors: { InternalServerError: 1, ProvisionedThroughputExceededException: 1 },
    });
    expect(dynamodb.faults.statistics().retriedRequests).toBe(2);
    dynamodb.faults.clear();
    const { Item } = await client.send(new GetCommand({ TableName: ORDERS, Key: { id: 'a' } }));
    expect(Item).toStrictEqual({ id: 'a', n: 1 });
  });

  test("recognises the retries of aws-lite, which numbers no attempts, by the failed request's content", async () => {
    dynamodb.faults.set({
      tableName: ORDERS,
      errorRate: 0.5,
      errorCode: 'ThrottlingException',
      random: sequence(0, 0, 0, 0, 0.99, 0.99),
    });
    const client = connectDynamoDbItems({
      env: {
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
      },
    });
    await client.PutItem({ TableName: ORDERS, Item: { id: 'lite', n: 1 } });
    // another request with other content is no retry, even after a failure
    await client.PutItem({ TableName: ORDERS, Item: { id: 'lite-2', n: 2 } });

    expect(dynamodb.faults.statistics()).toMatchObject({
      affectedRequests: 4,
      injectedErrors: { ThrottlingException: 2 },
      retriedRequests: 2,
    });
  });

  test('affects only the named table and the named operations', async () => {
    dynamodb.faults.set({ tableName: ORDERS, operations: ['PutItem'], errorRate: 1 });
    const client = documents(1);

    await expect(client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'a' } }))).rejects.toThrow(
      ProvisionedThroughputExceededException,
    );
    await client.send(new PutCommand({ TableName: REJECTED, Item: { id: 'a' } }));
    const { Item } = await client.send(new GetCommand({ TableName: ORDERS, Key: { id: 'a' } }));

    expect(Item).toBeUndefined();
    expect(dynamodb.faults.statistics().affectedRequests).toBe(1);
  });

  test('holds affected requests back by latencyMs and lets them through', async () => {
    dynamodb.faults.set({ tableName: ORDERS, latencyMs: 200 });
    const client = documents(1);

    const started = Date.now();
    await client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'slow' } }));
    const slow = Date.now() - started;

    expect(slow).toBeGreaterThanOrEqual(190);
    expect(dynamodb.faults.statistics().delayedRequests).toBe(1);
    const { Item } = await client.send(new GetCommand({ TableName: REJECTED, Key: { id: 'x' } }));
    expect(Item).toBeUndefined();
    expect(dynamodb.faults.statistics().delayedRequests).toBe(1);
  });

  test('drops a request still held back when the endpoint stops, instead of handing it to the closed store', async () => {
    dynamodb.faults.set({ tableName: ORDERS, latencyMs: 300 });
    const put = documents(1).send(new PutCommand({ TableName: ORDERS, Item: { id: 'late' } }));
    const outcome = put.then(
      () => 'answered',
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    await dynamodb.stop();
    // past the latency: a replay into the closed store would throw "Database is closed" here
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect(await outcome).toBe('connection closed');
    expect(dynamodb.faults.statistics().delayedRequests).toBe(1);
    dynamodb = await startDynamoDb();
  });

  test('ends by itself at untilMs', async () => {
    dynamodb.faults.set({ errorRate: 1, untilMs: Date.now() + 150 });
    const client = documents(1);
    await expect(client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'a' } }))).rejects.toThrow(
      ProvisionedThroughputExceededException,
    );

    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'a' } }));

    expect(dynamodb.faults.active).toBe(false);
  });

  test('ends by itself after affectedRequestLimit requests', async () => {
    dynamodb.faults.set({ tableName: ORDERS, errorRate: 1, affectedRequestLimit: 2 });
    const client = documents(1);
    const put = () => client.send(new PutCommand({ TableName: ORDERS, Item: { id: 'a' } }));

    await expect(put()).rejects.toThrow(ProvisionedThroughputExceededException);
    await client.send(new PutCommand({ TableName: REJECTED, Item: { id: 'a' } }));
    await expect(put()).rejects.toThrow(ProvisionedThroughputExceededException);
    await put();

    expect(dynamodb.faults.active).toBe(false);
    expect(dynamodb.faults.statistics()).toMatchObject({
      affectedRequests: 2,
      injectedErrors: { ProvisionedThroughputExceededException: 2 },
    });
  });

  test('fails listing every problem when the settings are out of range', () => {
    const set = () =>
      dynamodb.faults.set({
        errorRate: 1.5,
        latencyMs: -1,
        affectedRequestLimit: 0,
        errorCode: 'Teapot' as never,
      });

    expect(set).toThrow(InvalidDynamoDbFaultsError);
    expect(set).toThrow(
      /errorRate must be between 0 and 1 \(given 1\.5\); latencyMs must be between 0 and 60000 \(given -1\); affectedRequestLimit must be an integer of at least 1 \(given 0\); errorCode must be one of .*InternalServerError \(given Teapot\)/,
    );
  });

  test('finds the tables of single-item and batch requests', () => {
    expect(tablesNamedIn({ TableName: ORDERS, Item: {} })).toStrictEqual([ORDERS]);
    expect(tablesNamedIn({ RequestItems: { [ORDERS]: [], [REJECTED]: [] } })).toStrictEqual([
      ORDERS,
      REJECTED,
    ]);
    expect(tablesNamedIn('not an object')).toStrictEqual([]);
  });
});
