import { request } from 'node:http';

/** A raw HTTP response, for tests that look at the wire format. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one raw HTTP request; `body` may be a generator to stream an endless or slow body. */
export function rawRequest(
  endpoint: string,
  options: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer | Iterable<Buffer>;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(options.path ?? '/', endpoint);
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // The server may answer and close before an oversized body is fully sent; that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    const body = options.body;
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      req.end(body);
      return;
    }
    const iterator = body[Symbol.iterator]();
    const pump = (): void => {
      for (;;) {
        if (req.destroyed) return;
        const next = iterator.next();
        if (next.done) {
          req.end();
          return;
        }
        if (!req.write(next.value)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/** A JSON 1.0 request for `operation`. */
export function jsonRequest(endpoint: string, operation: string, body: string): Promise<RawResponse> {
  return rawRequest(endpoint, {
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${operation}` },
    body,
  });
}

/** A Query protocol request with a form body. */
export function queryRequest(endpoint: string, form: string, path = '/'): Promise<RawResponse> {
  return rawRequest(endpoint, {
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
}
