import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { encodeBody, MAX_STORED_BODY_BYTES } from '../../../lambdas/failed-orders/body-encoding';
import { BodyTooLargeError } from '../../../lambdas/failed-orders/errors';

describe('encodeBody', () => {
  it('keeps a body that fits as text', () => {
    expect(encodeBody('Hello world.')).toStrictEqual({
      body: 'Hello world.',
      bodyEncoding: 'utf8',
      bodyBytes: 12,
    });
  });

  it('keeps a body of exactly the limit as text', () => {
    const body = 'a'.repeat(MAX_STORED_BODY_BYTES);

    expect(encodeBody(body).bodyEncoding).toBe('utf8');
  });

  it('gzips a body over the limit, and the bytes give the body back', () => {
    const body = JSON.stringify({ items: Array.from({ length: 40_000 }, (_, index) => `item-${index}`) });

    const encoded = encodeBody(body);

    expect(encoded.bodyEncoding).toBe('gzip');
    expect(encoded.bodyBytes).toBe(Buffer.byteLength(body));
    expect(gunzipSync(encoded.body as Uint8Array).toString('utf8')).toBe(body);
  });

  it('fails with BodyTooLargeError when even the compressed body is over the limit', () => {
    const body = randomBytes(400_000).toString('base64');

    expect(() => encodeBody(body)).toThrow(BodyTooLargeError);
  });
});
