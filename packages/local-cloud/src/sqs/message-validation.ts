import { SqsError } from './errors';
import { type Input, readString } from './input';
import { SQS_LIMITS } from './sqs-limits';

// XML 1.0 characters: SQS refuses anything else, in bodies and in string attribute values.
const FORBIDDEN_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
// The same set without the astral planes, as a non-Unicode regex: several times faster, and enough
// for almost every body. Only text it rejects (surrogate pairs included) needs the full check.
const OUTSIDE_BASIC_ALLOWED = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/;

/** Fails with InvalidMessageContents when `text` holds a character SQS does not allow. */
export function assertAllowedCharacters(text: string, what: string): void {
  if (!OUTSIDE_BASIC_ALLOWED.test(text)) return;
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (!match) return;
  const codePoint = match[0].codePointAt(0) ?? 0;
  throw new SqsError(
    'InvalidMessageContents',
    `Invalid binary character '#x${codePoint.toString(16).toUpperCase()}' was found in the ${what}, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
  );
}

/**
 * The bytes SQS counts for a message against MaximumMessageSize and the 1 MiB batch limit: body plus
 * attribute names, types and values. It never throws, so that a malformed batch entry fails on its
 * own rather than failing the whole batch.
 */
export function messageSize(entry: Input): number {
  const body = entry.MessageBody;
  let size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : 0;
  const attributes = entry.MessageAttributes;
  if (typeof attributes !== 'object' || attributes === null) return size;
  for (const [name, value] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8');
    if (typeof value !== 'object' || value === null) continue;
    const { DataType, StringValue, BinaryValue } = value as Record<string, unknown>;
    if (typeof DataType === 'string') size += Buffer.byteLength(DataType, 'utf8');
    if (typeof StringValue === 'string') size += Buffer.byteLength(StringValue, 'utf8');
    if (typeof BinaryValue === 'string') size += Buffer.byteLength(BinaryValue, 'base64');
  }
  return size;
}

const BATCH_ENTRY_ID = new RegExp(`^[A-Za-z0-9_-]{1,${SQS_LIMITS.maxBatchEntryIdLength}}$`);

/** The entry shape each batch action takes, as SQS names it in its errors. */
export type BatchEntryName =
  | 'SendMessageBatchRequestEntry'
  | 'DeleteMessageBatchRequestEntry'
  | 'ChangeMessageVisibilityBatchRequestEntry';

/** Applies the rules every batch request shares: 1 to `max` entries with valid, distinct ids. */
export function assertBatchEntries(entries: readonly Input[], max: number, entryName: BatchEntryName): void {
  if (entries.length === 0) {
    throw new SqsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  }
  if (entries.length > max) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${max}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = readString(entry, 'Id');
    if (id === undefined || !BATCH_ENTRY_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most ${SQS_LIMITS.maxBatchEntryIdLength} letters long.`,
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
}
