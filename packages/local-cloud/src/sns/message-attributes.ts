import type { JsonValue } from '../filter-rules';
import { SnsError } from './errors';
import type { QueryInput } from './query-input';

/** One message attribute as published: a data type and a string or (base64) binary value. */
export interface MessageAttribute {
  /** `String`, `Number`, `Binary` or `String.Array`, possibly with a custom `.suffix`. */
  readonly dataType: string;
  readonly stringValue?: string;
  /** Base64, as the Query protocol carries it. */
  readonly binaryValue?: string;
}

/** A message's attributes, by name. */
export type MessageAttributes = Readonly<Record<string, MessageAttribute>>;

function invalidValue(message: string): SnsError {
  return new SnsError('ParameterValueInvalid', message);
}

/** The base type of a data type: `String.Array` stays whole, `Number.float` is `Number`. */
export function baseType(dataType: string): 'String' | 'Number' | 'Binary' | 'String.Array' | undefined {
  if (dataType === 'String.Array') return 'String.Array';
  const base = dataType.split('.')[0];
  return base === 'String' || base === 'Number' || base === 'Binary' ? base : undefined;
}

function checkAttribute(name: string, attribute: MessageAttribute): void {
  const base = baseType(attribute.dataType);
  if (base === undefined) {
    throw invalidValue(
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  const value = base === 'Binary' ? attribute.binaryValue : attribute.stringValue;
  if (value === undefined || value === '') {
    throw invalidValue(
      `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${base}'.`,
    );
  }
  if (base === 'Number' && !Number.isFinite(Number(value))) {
    throw invalidValue(`Could not cast message attribute '${name}' value to number.`);
  }
  if (base === 'String.Array' && !Array.isArray(parseJson(value))) {
    throw invalidValue(
      `The message attribute '${name}' with type 'String.Array' has an invalid value; it must be a JSON array.`,
    );
  }
}

/** Reads and checks the `MessageAttributes` map of a Publish or PublishBatch entry. */
export function readMessageAttributes(input: QueryInput, name = 'MessageAttributes'): MessageAttributes {
  const attributes: Record<string, MessageAttribute> = {};
  for (const [attributeName, value] of input.structureMap(name)) {
    if (/^(aws\.|amazon\.)/i.test(attributeName)) {
      throw invalidValue(`The message attribute name '${attributeName}' uses a prefix reserved by AWS.`);
    }
    const attribute: MessageAttribute = {
      dataType: value.string('DataType') ?? '',
      stringValue: value.string('StringValue'),
      binaryValue: value.string('BinaryValue'),
    };
    checkAttribute(attributeName, attribute);
    attributes[attributeName] = attribute;
  }
  return attributes;
}

/** Bytes the attributes count toward the 256 KiB limit: each name, data type and value. */
export function attributesByteSize(attributes: MessageAttributes): number {
  let size = 0;
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(attribute.dataType);
    size +=
      attribute.binaryValue !== undefined
        ? Buffer.from(attribute.binaryValue, 'base64').length
        : Buffer.byteLength(attribute.stringValue ?? '');
  }
  return size;
}

/** The attributes as the SNS JSON envelope and the Lambda event carry them: `{Type, Value}`. */
export function envelopeAttributes(
  attributes: MessageAttributes,
): Record<string, { Type: string; Value: string }> {
  const result: Record<string, { Type: string; Value: string }> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    result[name] = {
      Type: attribute.dataType,
      Value: attribute.binaryValue ?? attribute.stringValue ?? '',
    };
  }
  return result;
}

/**
 * The value a filter policy sees for an attribute: a String as a string, a Number as a number, a
 * String.Array as its list; Binary attributes are not matched (SNS compares only String,
 * String.Array and Number attributes).
 */
export function filterValue(attribute: MessageAttribute): JsonValue | undefined {
  const base = baseType(attribute.dataType);
  if (base === 'String') return attribute.stringValue ?? '';
  if (base === 'Number') return Number(attribute.stringValue);
  if (base === 'String.Array') return parseJson(attribute.stringValue ?? '') as JsonValue;
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
