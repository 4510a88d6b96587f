import type { IncomingMessage } from 'node:http';
import { AwsError } from './protocol/aws-error';

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

function tooLarge(limitBytes: number): AwsError {
  return new AwsError('RequestEntityTooLarge', `The request body is larger than ${limitBytes} bytes.`, {
    httpStatus: 413,
  });
}

function cutOff(): AwsError {
  return new AwsError('MalformedQueryString', 'The request body was cut off.');
}

/**
 * Reads a request body up to `limitBytes`. A larger one (by its `content-length`, before anything is
 * read, or as it arrives) is a 413 `RequestEntityTooLarge`, and what came of it is dropped; a body
 * the client stopped sending is a `MalformedQueryString`, so the handler never waits for it.
 *
 * @example
 * const body = await readRequestBody(request, 8 * 1024 * 1024);
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      reject(tooLarge(limitBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        request.off('data', onData);
        chunks.length = 0;
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    // An aborted request is the client's doing, not a bug of the endpoint.
    request.on('error', () => reject(cutOff()));
    // A client that hangs up mid-body may never cause 'end' or 'error'; the handler must not wait forever.
    request.on('close', () => {
      if (!request.complete) reject(cutOff());
    });
  });
}
