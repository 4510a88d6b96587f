import { request as httpRequest } from 'node:http';

/**
 * Sends a request with exactly these headers (a `host` of one's choosing included, which neither an
 * SDK nor `fetch` lets a test set) and resolves with the status and the body as text.
 */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status?: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** POSTs `body` to `url` with exactly these headers; see {@link rawRequest}. */
export function rawPost(
  url: string,
  headers: Record<string, string>,
  body = '{}',
): Promise<{ status?: number; body: string }> {
  return rawRequest(url, 'POST', headers, body);
}
