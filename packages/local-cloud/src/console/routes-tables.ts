import {
  type AttributeValue,
  DescribeTableCommand,
  ListTablesCommand,
  ScanCommand,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import type { LocalCloud } from '../cloud';
import type { TableGroupsView, TableItemsPage, TableView } from './console-contract';
import { ConsoleRequestError, integerParameter } from './console-http';
import type { ConsoleRoute } from './console-routes';
import { plainItem } from './plain-item';
import { BadGroupAttributeError, DEFAULT_GROUP_SAMPLES, groupAttribute, TableGrouping } from './table-groups';

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

/** One Scan of a table's items; an unknown table is a 404 and a request DynamoDB refuses a 400. */
async function scanItems(
  cloud: LocalCloud,
  tableName: string,
  limit: number,
  start: Record<string, AttributeValue> | undefined,
): Promise<ScanCommandOutput> {
  try {
    return await cloud.dynamodb.client.send(
      new ScanCommand({ TableName: tableName, Limit: limit, ExclusiveStartKey: start }),
    );
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'ResourceNotFoundException')
      throw new ConsoleRequestError(404, `no table named ${tableName}`);
    if (name === 'ValidationException') throw new ConsoleRequestError(400, (error as Error).message);
    throw error;
  }
}

async function scanPage(
  cloud: LocalCloud,
  tableName: string,
  limit: number,
  start: string | null,
): Promise<TableItemsPage> {
  const { Items = [], LastEvaluatedKey } = await scanItems(cloud, tableName, limit, startKeyOf(start));
  return {
    items: Items.map(plainItem),
    ...(LastEvaluatedKey === undefined
      ? {}
      : { nextStart: Buffer.from(JSON.stringify(LastEvaluatedKey)).toString('base64url') }),
  };
}

/** How far {@link tableGroups} scans. */
export interface GroupingLimits {
  /** @default ITEM_COUNT_LIMIT, as the count */
  readonly itemLimit?: number;
  /** Items per Scan page. @default 1000, so each answer stays small */
  readonly pageSize?: number;
}

/**
 * Groups a table's items by one attribute, scanning up to {@link ITEM_COUNT_LIMIT} items as the
 * count does: the grouping is the whole table's, not a page's.
 */
export async function tableGroups(
  cloud: LocalCloud,
  tableName: string,
  grouping: TableGrouping,
  { itemLimit = ITEM_COUNT_LIMIT, pageSize = 1000 }: GroupingLimits = {},
): Promise<TableGroupsView> {
  let scanned = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await scanItems(cloud, tableName, Math.min(pageSize, itemLimit - scanned), start);
    for (const item of page.Items ?? []) grouping.add(plainItem(item));
    scanned += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined && scanned < itemLimit);
  return {
    tableName,
    attribute: grouping.attribute,
    scannedItems: scanned,
    ...((await moreAfter(cloud, tableName, start)) ? { lowerBound: true } : {}),
    groups: grouping.result(),
  };
}

/** Whether items follow `start`: a Scan that stops at its Limit may hand back a key with none after it. */
async function moreAfter(
  cloud: LocalCloud,
  tableName: string,
  start: Record<string, AttributeValue> | undefined,
): Promise<boolean> {
  if (start === undefined) return false;
  const next = await scanItems(cloud, tableName, 1, start);
  return (next.Items?.length ?? 0) > 0 || next.LastEvaluatedKey !== undefined;
}

function attributeParameter(query: URLSearchParams): string {
  try {
    return groupAttribute(query.get('attribute'));
  } catch (error) {
    if (error instanceof BadGroupAttributeError) throw new ConsoleRequestError(400, error.message);
    throw error;
  }
}

/** `GET tables`, `GET tables/{name}/items?limit=&start=`, `GET tables/{name}/groups?attribute=&samples=`. */
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
  {
    method: 'GET',
    path: /^tables\/([^/]+)\/groups$/,
    handle: ({ cloud, params, query }) =>
      tableGroups(
        cloud,
        params[0],
        new TableGrouping(
          attributeParameter(query),
          integerParameter(query, 'samples', { min: 0, max: 100, fallback: DEFAULT_GROUP_SAMPLES }),
        ),
      ),
  },
];
