import {
  type AttributeValue,
  DescribeTableCommand,
  ListTablesCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { LocalCloud } from '../cloud';
import type { TableItemsPage, TableView } from './console-contract';
import { ConsoleRequestError, integerParameter } from './console-http';
import type { ConsoleRoute } from './console-routes';
import { plainItem } from './plain-item';

/** The most items a table's count scans, so a big table cannot keep the cloud busy for a page load. */
export const ITEM_COUNT_LIMIT = 10_000;

/**
 * Scans for the count, up to {@link ITEM_COUNT_LIMIT}: DescribeTable's ItemCount is refreshed only
 * every six hours on AWS, and dynalite leaves it at 0.
 */
async function itemCount(
  cloud: LocalCloud,
  tableName: string,
): Promise<{ count: number; lowerBound: boolean }> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await cloud.dynamodb.client.send(
      new ScanCommand({
        TableName: tableName,
        Select: 'COUNT',
        Limit: ITEM_COUNT_LIMIT - count,
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined && count < ITEM_COUNT_LIMIT);
  return { count, lowerBound: start !== undefined };
}

async function tableView(cloud: LocalCloud, tableName: string): Promise<TableView> {
  const { Table } = await cloud.dynamodb.client.send(new DescribeTableCommand({ TableName: tableName }));
  const { count, lowerBound } = await itemCount(cloud, tableName);
  return {
    tableName,
    keySchema: (Table?.KeySchema ?? []).map((key) => ({
      attributeName: key.AttributeName ?? '',
      keyType: key.KeyType === 'RANGE' ? 'RANGE' : 'HASH',
    })),
    itemCount: count,
    ...(lowerBound ? { itemCountIsLowerBound: true } : {}),
  };
}

/** Every table of the local DynamoDB, the stack's and any made through the API. */
export async function tableViews(cloud: LocalCloud): Promise<TableView[]> {
  const { TableNames = [] } = await cloud.dynamodb.client.send(new ListTablesCommand({}));
  return Promise.all(TableNames.map((name) => tableView(cloud, name)));
}

function startKeyOf(start: string | null): Record<string, AttributeValue> | undefined {
  if (start === null || start === '') return undefined;
  try {
    return JSON.parse(Buffer.from(start, 'base64url').toString('utf8'));
  } catch {
    throw new ConsoleRequestError(400, 'start must be the nextStart of an earlier page');
  }
}

async function scanPage(
  cloud: LocalCloud,
  tableName: string,
  limit: number,
  start: string | null,
): Promise<TableItemsPage> {
  let answer: ScanCommandOutput;
  try {
    answer = await cloud.dynamodb.client.send(
      new ScanCommand({ TableName: tableName, Limit: limit, ExclusiveStartKey: startKeyOf(start) }),
    );
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ResourceNotFoundException')
      throw new ConsoleRequestError(404, `no table named ${tableName}`);
    if (name === 'ValidationException') throw new ConsoleRequestError(400, (error as Error).message);
    throw error;
  }
  const { Items = [], LastEvaluatedKey } = answer;
  return {
    items: Items.map(plainItem),
    ...(LastEvaluatedKey === undefined
      ? {}
      : { nextStart: Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') }),
  };
}

/** `GET tables`, `GET tables/{name}/items?limit=&start=`. */
export const TABLE_ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^tables$/, handle: ({ cloud }) => tableViews(cloud) },
  {
    method: 'GET',
    path: /^tables\/([^/]+)\/items$/,
    handle: ({ cloud, params, query }) =>
      scanPage(
        cloud,
        params[0],
        integerParameter(query, 'limit', { min: 1, max: 1000, fallback: 50 }),
        query.get('start'),
      ),
  },
];
