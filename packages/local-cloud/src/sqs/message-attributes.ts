import { invalidParameter } from './errors';
import { type Input, readString, readStringList } from './input';
import type { MessageAttributeValue } from './md5';
import { assertAllowedCharacters } from './message-validation';
import { SQS_LIMITS } from './sqs-limits';

const ATTRIBUTE_NAME = new RegExp(`^[A-Za-z0-9_\\-.]{1,${SQS_LIMITS.maxMessageAttributeNameLength}}$`);
const DATA_TYPE = new RegExp(
  `^(String|Number|Binary)(\\.[^\\s]{1,${SQS_LIMITS.maxCustomTypeLabelLength}})?$`,
);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Validates and normalises the MessageAttributes of a send: at most 10, valid names, a data type of
 * String, Number or Binary (with an optional custom suffix) and a value matching it.
 */
export function parseMessageAttributes(raw: Record<string, Input>): Record<string, MessageAttributeValue> {
  const names = Object.keys(raw);
  if (names.length > SQS_LIMITS.maxMessageAttributes) {
    throw invalidParameter(
      'MessageAttributes',
      names.length,
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${SQS_LIMITS.maxMessageAttributes}].`,
    );
  }
  const result: Record<string, MessageAttributeValue> = {};
  for (const name of names) {
    assertAttributeName(name);
    result[name] = parseAttributeValue(name, raw[name]);
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
 * Names are 1 to `SQS_LIMITS.maxMessageAttributeNameLength` of `A-Za-z0-9_-.`, without a leading,
 * trailing or doubled dot or an AWS prefix.
 */
function assertAttributeName(name: string): void {
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
}

/** One attribute's value, checked against its data type. */
function parseAttributeValue(name: string, value: Input): MessageAttributeValue {
  const dataType = readDataType(name, value);
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
    assertNotEmpty(name, binaryValue);
    return { DataType: dataType, BinaryValue: binaryValue };
  }
  if (stringValue === undefined || binaryValue !== undefined) {
    throw invalidParameter(
      'MessageAttributes',
      name,
      `The message attribute '${name}' with type '${dataType.startsWith('Number') ? 'Number' : 'String'}' must use field 'String'.`,
    );
  }
  assertNotEmpty(name, stringValue);
  if (dataType.startsWith('Number') && !NUMBER.test(stringValue.trim())) {
    throw invalidParameter(
      'MessageAttributes',
      name,
      `Can't cast the value of message (user) attribute '${name}' to a number.`,
    );
  }
  assertAllowedCharacters(stringValue, `message attribute '${name}'`);
  return { DataType: dataType, StringValue: stringValue };
}

/** The attribute's DataType: String, Number or Binary, optionally with a custom `.suffix`. */
function readDataType(name: string, value: Input): string {
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
  return dataType;
}

function assertNotEmpty(name: string, value: string): void {
  if (value.length === 0) {
    throw invalidParameter(
      'MessageAttributes',
      name,
      `The message attribute '${name}' must contain a non-empty message attribute value.`,
    );
  }
}
