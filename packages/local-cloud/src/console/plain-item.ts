import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * A DynamoDB attribute value as plain JSON, for people to read: numbers as numbers (as text when
 * JavaScript cannot hold them exactly), sets as lists, binary as base64.
 */
export function plainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return plainNumber(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return plainItem(value.M);
  if (value.L !== undefined) return value.L.map(plainValue);
  if (value.SS !== undefined) return value.SS;
  if (value.NS !== undefined) return value.NS.map(plainNumber);
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.BS !== undefined) return value.BS.map((binary) => Buffer.from(binary).toString('base64'));
  return null;
}

function plainNumber(text: string): number | string {
  const number = Number(text);
  return Number.isSafeInteger(number) || String(number) === text ? number : text;
}

/** An item as plain JSON (see {@link plainValue}). */
export function plainItem(item: Readonly<Record<string, AttributeValue>>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) plain[name] = plainValue(value);
  return plain;
}
