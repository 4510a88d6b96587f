import { type DynamoDbService, startDynamoDb } from 'local-cloud';
import {
  connectDynamoDbItems,
  type DynamoDbItems,
  type DynamoDbItemsOptions,
} from '../../shared/dynamodb-items';

/** A table with a string partition key and no sort key, as the pipeline's tables are. */
export interface LocalTable {
  readonly tableName: string;
  readonly key: string;
}

/**
 * The environment a function on the local cloud has, for `connectDynamoDbItems`'s `env`: region,
 * dummy credentials (dynalite checks none) and the endpoint.
 */
export function localFunctionEnvironment(endpoint: string): NodeJS.ProcessEnv {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'y',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  };
}

/** dynalite with tables, and the real aws-lite client on it. */
export interface LocalDynamoDbItems {
  readonly dynamodb: DynamoDbService;
  /** aws-lite's DynamoDB client pointed at dynalite, made by `connectDynamoDbItems` as the functions make it. */
  connect(options?: Pick<DynamoDbItemsOptions, 'marshallOptions'>): DynamoDbItems;
  stop(): Promise<void>;
}

/**
 * Starts dynalite with the tables and gives the real aws-lite client on it, so a store is tested
 * against the client and the wire format the functions use.
 */
async function startLocalDynamoDbItems(tables: readonly LocalTable[]): Promise<LocalDynamoDbItems> {
  const dynamodb = await startDynamoDb();
  await dynamodb.createTables(
    tables.map(({ tableName, key }) => ({
      logicalId: tableName,
      tableName,
      keySchema: [{ AttributeName: key, KeyType: 'HASH' }],
      attributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      billingMode: 'PAY_PER_REQUEST',
    })),
  );
  return {
    dynamodb,
    connect: (options = {}) =>
      connectDynamoDbItems({ ...options, env: localFunctionEnvironment(dynamodb.endpoint) }),
    stop: () => dynamodb.stop(),
  };
}

/**
 * dynalite with the tables for the tests of the enclosing `describe`: started before the first,
 * stopped after the last.
 *
 * @returns the running dynalite and its client, for use inside the tests
 */
export function withLocalDynamoDbItems(tables: readonly LocalTable[]): () => LocalDynamoDbItems {
  let local: LocalDynamoDbItems | undefined;
  beforeAll(async () => {
    local = await startLocalDynamoDbItems(tables);
  });
  afterAll(async () => {
    await local?.stop();
  });
  return () => {
    if (local === undefined) throw new Error('dynalite starts in beforeAll: use it inside a test');
    return local;
  };
}
