import type { DynamoDbItems, GetItemInput, ItemDocument, PutItemInput } from '../../../shared/dynamodb-items';

/**
 * An error as aws-lite rejects with it: an `Error` named with DynamoDB's error code, carrying the
 * properties of DynamoDB's error body (`extra`, e.g. a marshalled `Item`).
 */
export function dynamoDbError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { ...extra, name, code: name });
}

export interface FakeTableOptions {
  readonly tableName: string;
  /** The partition key attribute (the tables here have no sort key). */
  readonly key: string;
  /**
   * Whether a failed condition hands back the existing item when `ReturnValuesOnConditionCheckFailure`
   * is `ALL_OLD`; false behaves as dynalite does (architect/dynalite#182).
   * @default true, as DynamoDB does
   */
  readonly returnsItemOnConditionFailure?: boolean;
}

/**
 * One DynamoDB table in memory behind the {@link DynamoDbItems} port, answering as DynamoDB does
 * through aws-lite: `PutItem` only with `attribute_not_exists(<key>)`, whose failure carries the
 * existing item, marshalled, when `ALL_OLD` is asked for; `GetItem` by key, projected on plain
 * attribute names. Every call is recorded in `puts` and `gets`, so tests assert on what was sent.
 */
export class FakeTable implements DynamoDbItems {
  readonly items = new Map<string, ItemDocument>();
  /** Errors to throw instead of answering a call on the item with this key value. */
  readonly failures = new Map<string, unknown>();
  readonly puts: PutItemInput[] = [];
  readonly gets: GetItemInput[] = [];
  readonly tableName: string;
  private readonly key: string;
  private readonly returnsItemOnConditionFailure: boolean;

  constructor(options: FakeTableOptions) {
    this.tableName = options.tableName;
    this.key = options.key;
    this.returnsItemOnConditionFailure = options.returnsItemOnConditionFailure ?? true;
  }

  PutItem = async (input: PutItemInput): Promise<Record<string, never>> => {
    this.puts.push(input);
    const item = input.Item as ItemDocument;
    const keyValue = this.keyValueOf(input.TableName, item);
    if (input.ConditionExpression !== `attribute_not_exists(${this.key})`) {
      throw new Error(
        `FakeTable only supports attribute_not_exists(${this.key}), got ${input.ConditionExpression}`,
      );
    }
    const existing = this.items.get(keyValue);
    if (existing) {
      const returnsItem =
        this.returnsItemOnConditionFailure && input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
      throw dynamoDbError(
        'ConditionalCheckFailedException',
        'The conditional request failed',
        returnsItem ? { Item: marshallForTests(existing) } : {},
      );
    }
    this.items.set(keyValue, item);
    return {};
  };

  GetItem = async (input: GetItemInput): Promise<{ Item?: ItemDocument }> => {
    this.gets.push(input);
    if (Object.keys(input.Key).length !== 1) {
      throw dynamoDbError('ValidationException', 'The provided key element does not match the schema');
    }
    const item = this.items.get(this.keyValueOf(input.TableName, input.Key));
    if (item === undefined) return {};
    return { Item: input.ProjectionExpression ? project(item, input.ProjectionExpression) : item };
  };

  /** The key value of an item or key on this table; a call for another table or key fails as DynamoDB's would. */
  private keyValueOf(tableName: string, itemOrKey: ItemDocument): string {
    if (tableName !== this.tableName) {
      throw dynamoDbError('ResourceNotFoundException', `Requested resource not found: ${tableName}`);
    }
    if (!(this.key in itemOrKey)) {
      throw dynamoDbError('ValidationException', `Missing the key ${this.key} in the item`);
    }
    const keyValue = String(itemOrKey[this.key]);
    const failure = this.failures.get(keyValue);
    if (failure !== undefined) throw failure;
    return keyValue;
  }
}

/** One port over several fake tables, each call answered by the table it names. */
export function fakeDynamoDbItems(...tables: FakeTable[]): DynamoDbItems {
  const tableNamed = (tableName: string): DynamoDbItems => {
    const table = tables.find((candidate) => candidate.tableName === tableName);
    if (table === undefined) {
      throw dynamoDbError('ResourceNotFoundException', `Requested resource not found: ${tableName}`);
    }
    return table;
  };
  return {
    PutItem: async (input) => tableNamed(input.TableName).PutItem(input),
    GetItem: async (input) => tableNamed(input.TableName).GetItem(input),
  };
}

/** The attributes a projection of plain attribute names (`a, b`) keeps; nothing fancier is needed here. */
function project(item: ItemDocument, projection: string): ItemDocument {
  const names = projection.split(',').map((name) => name.trim());
  const unsupported = names.filter((name) => !/^[A-Za-z0-9_]+$/.test(name));
  if (unsupported.length > 0) {
    throw new Error(`FakeTable only projects plain attribute names, got ${unsupported.join(', ')}`);
  }
  return Object.fromEntries(Object.entries(item).filter(([name]) => names.includes(name)));
}

/** Enough of DynamoDB's marshalling for these tests: strings, numbers and lists of them. */
function marshallForTests(item: ItemDocument): Record<string, unknown> {
  const marshall = (value: unknown): unknown =>
    Array.isArray(value)
      ? { L: value.map(marshall) }
      : typeof value === 'number'
        ? { N: String(value) }
        : { S: String(value) };
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, marshall(value)]));
}

/**
 * The `shared/dynamodb-items` module for a handler test's `jest.mock` factory: the real module, but
 * `connectDynamoDbItems` gives a client that calls `current()` at each call. A handler makes its
 * client once, at module load, so this is how each test gets its own fresh fake tables.
 *
 * @example
 * jest.mock('../../../shared/dynamodb-items', () =>
 *   jest.requireActual('../support/fake-table').dynamoDbItemsModuleCalling(() => mockTable),
 * );
 */
export function dynamoDbItemsModuleCalling(current: () => DynamoDbItems) {
  return {
    ...jest.requireActual<typeof import('../../../shared/dynamodb-items')>('../../../shared/dynamodb-items'),
    connectDynamoDbItems: (): DynamoDbItems => ({
      PutItem: (input) => current().PutItem(input),
      GetItem: (input) => current().GetItem(input),
    }),
  };
}
