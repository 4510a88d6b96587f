import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type DynamoDbService, startDynamoDb } from '../../src/dynamodb';
import { cacheParsesWithoutAttributes } from '../../src/dynamodb/condition-expression-cache';

/** A parser like dynalite's that counts its parses and fails on expressions containing `!`. */
function countingParser() {
  const parses: string[] = [];
  const parser = {
    parse(expression: string, _options: { context: { attrNames?: unknown; attrVals?: unknown } }): unknown {
      parses.push(expression);
      if (expression.includes('!')) throw new SyntaxError(`unexpected ! in ${expression}`);
      return { expression: { type: 'function', name: expression } };
    },
  };
  cacheParsesWithoutAttributes(parser);
  return { parser, parses };
}

const NO_ATTRIBUTES = { context: {} };

describe('cacheParsesWithoutAttributes', () => {
  test('parses an expression without attribute names or values once and hands back the same tree', () => {
    const { parser, parses } = countingParser();

    const first = parser.parse('attribute_not_exists(orderId)', NO_ATTRIBUTES);
    const second = parser.parse('attribute_not_exists(orderId)', NO_ATTRIBUTES);

    expect(second).toBe(first);
    expect(parses).toStrictEqual(['attribute_not_exists(orderId)']);
  });

  test('parses every time when the request has attribute names or values', () => {
    const { parser, parses } = countingParser();
    const withNames = { context: { attrNames: { '#k': 'orderId' } } };
    const withValues = { context: { attrVals: { ':v': { S: 'x' } } } };

    parser.parse('attribute_not_exists(#k)', withNames);
    parser.parse('attribute_not_exists(#k)', withNames);
    parser.parse('orderId = :v', withValues);
    parser.parse('orderId = :v', withValues);

    expect(parses).toHaveLength(4);
  });

  test('does not remember a failed parse: the error comes again, from the parser', () => {
    const { parser, parses } = countingParser();

    expect(() => parser.parse('a !', NO_ATTRIBUTES)).toThrow('unexpected ! in a !');
    expect(() => parser.parse('a !', NO_ATTRIBUTES)).toThrow('unexpected ! in a !');
    expect(parses).toHaveLength(2);
  });

  test('keeps at most 1,000 expressions, forgetting the oldest first', () => {
    const { parser, parses } = countingParser();

    for (let index = 0; index <= 1_000; index++) parser.parse(`attribute_exists(a${index})`, NO_ATTRIBUTES);
    parser.parse('attribute_exists(a1000)', NO_ATTRIBUTES);
    parser.parse('attribute_exists(a0)', NO_ATTRIBUTES);

    expect(parses).toHaveLength(1_002);
    expect(parses.at(-1)).toBe('attribute_exists(a0)');
  });

  test('wraps a parser once, however often it is installed', () => {
    const { parser, parses } = countingParser();
    cacheParsesWithoutAttributes(parser);

    parser.parse('x', NO_ATTRIBUTES);
    parser.parse('x', NO_ATTRIBUTES);

    expect(parses).toHaveLength(1);
  });
});

describe('dynalite with the cache installed', () => {
  let dynamodb: DynamoDbService;
  let documents: DynamoDBDocumentClient;

  beforeAll(async () => {
    dynamodb = await startDynamoDb();
    await dynamodb.createTables([
      {
        logicalId: 'Orders',
        tableName: 'Orders',
        keySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
        attributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
        billingMode: 'PAY_PER_REQUEST',
      },
    ]);
    documents = DynamoDBDocumentClient.from(dynamodb.client);
  });

  afterAll(() => dynamodb.stop());

  const putIfAbsent = (orderId: string) =>
    documents.send(
      new PutCommand({
        TableName: 'Orders',
        Item: { orderId },
        ConditionExpression: 'attribute_not_exists(orderId)',
      }),
    );

  test("is installed on dynalite's own condition parser", () => {
    const conditionParser = require('dynalite/db/conditionParser') as {
      parse(expression: string, options: object): unknown;
    };
    const context = { context: { isReserved: () => false, unusedAttrNames: {}, unusedAttrVals: {} } };

    expect(conditionParser.parse('attribute_exists(a)', context)).toBe(
      conditionParser.parse('attribute_exists(a)', context),
    );
  });

  test('keeps the conditional put semantics across repeated requests', async () => {
    await putIfAbsent('o-1');
    await putIfAbsent('o-2');
    await expect(putIfAbsent('o-1')).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(putIfAbsent('o-2')).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await putIfAbsent('o-3');
  });

  test('substitutes attribute names and values per request', async () => {
    const put = (orderId: string, name: string) =>
      documents.send(
        new PutCommand({
          TableName: 'Orders',
          Item: { orderId, customerName: name },
          ConditionExpression: 'attribute_not_exists(#key) OR customerName = :name',
          ExpressionAttributeNames: { '#key': 'orderId' },
          ExpressionAttributeValues: { ':name': name },
        }),
      );
    await put('o-10', 'Ann');
    await put('o-10', 'Ann');
    await expect(put('o-10', 'Bob')).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });

  test('gives the same validation error for a bad expression every time', async () => {
    const scan = () =>
      documents.send(new ScanCommand({ TableName: 'Orders', FilterExpression: 'orderId =' }));
    const first = await scan().catch((error: Error) => error.message);
    const second = await scan().catch((error: Error) => error.message);

    expect(first).toMatch(/^Invalid FilterExpression: Syntax error/);
    expect(second).toBe(first);
  });
});
