import type { IncomingMessage } from 'node:http';

/**
 * Reads a request body as UTF-8 text, or gives `undefined` as soon as it passes `limitBytes`, so
 * an oversized or endless body never sits in memory. The local APIs answer that with their own
 * "too large" error.
 */
export async function readTextBody(
  request: IncomingMessage,
  limitBytes: number,
): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
