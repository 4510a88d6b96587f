import { invalidParameter, SqsError } from './errors';
import { type Input, readString, readStringList } from './input';
import type { MessageAttributeValue } from './md5';

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

const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]{1,256})?$/;
const MAX_MESSAGE_ATTRIBUTES = 10;

/**
 * Validates and normalises the MessageAttributes of a send: at most 10, valid names, a data type of
 * String, Number or Binary (with an optional custom suffix) and a value matching it.
 */
export function parseMessageAttributes(raw: Record<string, Input>): Record<string, MessageAttributeValue> {
  const names = Object.keys(raw);
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw invalidParameter(
      'MessageAttributes',
      names.length,
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`,
    );
  }
  const result: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    const lower = name.toLowerCase();
    if (
      !ATTRIBUTE_NAME.test(name) ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..') ||
      lower.startsWith('aws.') ||
      lower.startsWith('amazon.')
    ) {
      throw invalidParameter('MessageAttributes', name, `Message attribute name '${name}' is invalid.`);
    }
    const value = raw[name];
    const dataType = readString(value, 'DataType');
    if (!dataType) {
      throw invalidParameter(
        'MessageAttributes',
        name,
        `The message attribute '${name}' must contain a non-empty attribute type.`,
      );
    }
    if (!DATA_TYPE.test(dataType)) {
      throw invalidParameter(
        'MessageAttributes',
        name,
        `The type of message attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    const stringValue = readString(value, 'StringValue');
    const binaryValue = readString(value, 'BinaryValue');
    if (
      readStringList(value, 'StringListValues').length > 0 ||
      readStringList(value, 'BinaryListValues').length > 0
    ) {
      throw invalidParameter(
        'MessageAttributes',
        name,
        `Message attribute list values in '${name}' are not supported.`,
      );
    }
    if (dataType.startsWith('Binary')) {
      if (binaryValue === undefined || stringValue !== undefined) {
        throw invalidParameter(
          'MessageAttributes',
          name,
          `The message attribute '${name}' with type 'Binary' must use field 'Binary'.`,
        );
      }
      if (binaryValue.length === 0) {
        throw invalidParameter(
          'MessageAttributes',
          name,
          `The message attribute '${name}' must contain a non-empty message attribute value.`,
        );
      }
      result[name] = { DataType: dataType, BinaryValue: binaryValue };
      continue;
    }
    if (stringValue === undefined || binaryValue !== undefined) {
      throw invalidParameter(
        'MessageAttributes',
        name,
        `The message attribute '${name}' with type '${dataType.startsWith('Number') ? 'Number' : 'String'}' must use field 'String'.`,
      );
    }
    if (stringValue.length === 0) {
      throw invalidParameter(
        'MessageAttributes',
        name,
        `The message attribute '${name}' must contain a non-empty message attribute value.`,
      );
    }
    if (
      dataType.startsWith('Number') &&
      !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(stringValue.trim())
    ) {
      throw invalidParameter(
        'MessageAttributes',
        name,
        `Can't cast the value of message (user) attribute '${name}' to a number.`,
      );
    }
    assertAllowedCharacters(stringValue, `message attribute '${name}'`);
    result[name] = { DataType: dataType, StringValue: stringValue };
  }
  return result;
}

/** Validates MessageSystemAttributes: SQS accepts only AWSTraceHeader, as a String. */
export function parseSystemAttributes(raw: Record<string, Input>): Record<string, MessageAttributeValue> {
  const result: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name !== 'AWSTraceHeader') {
      throw invalidParameter(
        'MessageSystemAttributes',
        name,
        `Message system attribute name '${name}' is invalid.`,
      );
    }
    const dataType = readString(value, 'DataType');
    const stringValue = readString(value, 'StringValue');
    if (dataType !== 'String' || !stringValue) {
      throw invalidParameter('MessageSystemAttributes', name, 'AWSTraceHeader must be a non-empty String.');
    }
    result[name] = { DataType: dataType, StringValue: stringValue };
  }
  return result;
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

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

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
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
}
