import { createHash, type Hash, hash } from 'node:crypto';

/** A message attribute as both wire protocols carry it: binary values are base64 strings. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
  StringListValues?: string[];
  BinaryListValues?: string[];
}

/** The hex MD5 of a message body's UTF-8 bytes, as `MD5OfBody` and `MD5OfMessageBody` carry it. */
export function md5OfBody(body: string): string {
  // The one-shot hash skips creating a Hash object: it is computed for every message sent.
  return hash('md5', body, 'hex');
}

function updateWithLength(hash: Hash, bytes: Buffer): void {
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(bytes.length, 0);
  hash.update(length);
  hash.update(bytes);
}

// The transport type byte that precedes each value in AWS's encoding.
const STRING_TRANSPORT = Buffer.from([1]);
const BINARY_TRANSPORT = Buffer.from([2]);

/**
 * The hex MD5 of message attributes exactly as SQS computes `MD5OfMessageAttributes` (and
 * `MD5OfMessageSystemAttributes`): attributes sorted by name, each encoded as length-prefixed name,
 * length-prefixed data type, a transport byte (1 string, 2 binary) and the length-prefixed value.
 * Returns `undefined` for no attributes, as SQS then omits the field.
 */
export function md5OfMessageAttributes(
  attributes: Readonly<Record<string, MessageAttributeValue>> | undefined,
): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const value = attributes[name];
    updateWithLength(hash, Buffer.from(name, 'utf8'));
    updateWithLength(hash, Buffer.from(value.DataType, 'utf8'));
    if (value.StringValue !== undefined) {
      hash.update(STRING_TRANSPORT);
      updateWithLength(hash, Buffer.from(value.StringValue, 'utf8'));
    } else if (value.BinaryValue !== undefined) {
      hash.update(BINARY_TRANSPORT);
      updateWithLength(hash, Buffer.from(value.BinaryValue, 'base64'));
    }
  }
  return hash.digest('hex');
}
