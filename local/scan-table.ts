import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of a table, read consistently, page after page; with `attributes`, only those (by
 * placeholder names, so reserved words such as `reason` can be asked for). The run report, the
 * fault suite's ledger and the end-to-end tests count from it, never from the producer's summary.
 */
export async function scanTable(
  documents: DynamoDBDocumentClient,
  tableName: string,
  attributes?: readonly string[],
): Promise<Record<string, unknown>[]> {
  const names =
    attributes === undefined
      ? undefined
      : Object.fromEntries(attributes.map((name, index) => [`#a${index}`, name]));
  const items: Record<string, unknown>[] = [];
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
    items.push(...(page.Items ?? []));
  }
  return items;
}
