import { gunzipSync } from 'node:zlib';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RejectedOrderRecord } from '../../shared/order-records';
import { scanTable } from '../../shared/scan-table';

/** What the redrive adds to a rejected-order record once it has sent it back. */
export interface RedriveMark {
  /** When the record's body was sent back to the orders queue (ISO 8601). */
  readonly redrivenAt: string;
  /** The id SQS gave the message that carried it back. */
  readonly redriveMessageId: string;
}

/** A rejected-order record as the redrive reads it: maybe already redriven. */
export type RedrivableRecord = RejectedOrderRecord & Partial<RedriveMark>;

/** Which records to send back. */
export interface RecordSelection {
  /** Only these reasons. @default - every reason */
  readonly reasons?: readonly string[];
  /** At most this many, the oldest recorded first. @default - all */
  readonly limit?: number;
}

/**
 * The records to redrive: not yet redriven, with a selected reason, oldest `recordedAt` first (so
 * `--limit` takes the ones waiting longest and the order of a run is reproducible).
 */
export function selectRecords(
  records: readonly RedrivableRecord[],
  selection: RecordSelection,
): RedrivableRecord[] {
  const { reasons, limit } = selection;
  const chosen = records
    .filter((record) => record.redrivenAt === undefined)
    .filter((record) => reasons === undefined || reasons.includes(record.reason))
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.messageId.localeCompare(b.messageId));
  return limit === undefined ? chosen : chosen.slice(0, limit);
}

/** The message body exactly as it was dead-lettered, gunzipped when FailedOrders compressed it. */
export function originalBody(record: Pick<RejectedOrderRecord, 'body' | 'bodyEncoding'>): string {
  if (record.bodyEncoding === 'gzip') return gunzipSync(record.body as Uint8Array).toString('utf8');
  if (typeof record.body !== 'string') throw new Error(`a ${record.bodyEncoding} body must be a string`);
  return record.body;
}

/** Reads every record of the rejected-orders table (a scan: the table holds failures only). */
export type ReadRejectedRecords = () => Promise<RedrivableRecord[]>;

/** Adapts a DynamoDB document client to {@link ReadRejectedRecords}, page by page. */
export function dynamoDbRejectedRecords(
  client: DynamoDBDocumentClient,
  tableName: string,
): ReadRejectedRecords {
  return () => scanTable<RedrivableRecord>(client, tableName);
}
