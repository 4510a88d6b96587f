import { gzipSync } from 'node:zlib';
import type { RejectedOrderRecord } from '../../shared/order-records';
import { BodyTooLargeError } from './errors';

/**
 * Most bytes of body a rejected-order record stores. A DynamoDB item is at most 400 KB, names and
 * the other attributes included; this leaves them room.
 */
export const MAX_STORED_BODY_BYTES = 300_000;

/** The body fields of a rejected-order record. */
export type EncodedBody = Pick<RejectedOrderRecord, 'body' | 'bodyEncoding' | 'bodyBytes'>;

/**
 * The body as text when it fits, gzip-compressed when only that fits.
 *
 * @throws BodyTooLargeError when even the compressed body is over {@link MAX_STORED_BODY_BYTES}.
 */
export function encodeBody(body: string, maxStoredBytes: number = MAX_STORED_BODY_BYTES): EncodedBody {
  const bodyBytes = Buffer.byteLength(body, 'utf8');
  if (bodyBytes <= maxStoredBytes) return { body, bodyEncoding: 'utf8', bodyBytes };
  const compressed = gzipSync(body);
  if (compressed.byteLength <= maxStoredBytes) return { body: compressed, bodyEncoding: 'gzip', bodyBytes };
  throw new BodyTooLargeError(bodyBytes, compressed.byteLength, maxStoredBytes);
}
