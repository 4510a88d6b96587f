import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of a table, read consistently, page after page; with `attributes`, only those (by
 * placeholder names, so reserved words such as `reason` can be asked for). The run report, the
 * fault suite's ledger, the end-to-end tests and `npm run redrive` read tables with it.
 */
export async function scanTable<Item extends object = Record<string, unknown>>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  attributes?: readonly string[],
): Promise<Item[]> {
  const names =
    attributes === undefined
      ? undefined
      : Object.fromEntries(attributes.map((name, index) => [`#a${index}`, name]));
  const items: Item[] = [];
  for await (const page of paginateScan(
    { client: documents },
    {
      TableName: tableName,
      ConsistentRead: true,
      ...(names === undefined
        ? {}
        : { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }),
    },
  )) {
    items.push(...((page.Items ?? []) as Item[]));
  }
  return items;
}
