import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How long SNS waits for an http(s) endpoint to answer before counting the attempt failed. */
const HTTP_TIMEOUT_MS = 15_000;

/** Whether a URL's host can only be this machine: 127.0.0.0/8, localhost or [::1]. */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Posts a notification to a loopback http(s) endpoint, as {@link DeliveryTargets.postHttp} does,
 * and gives the response's status; the response body is read and dropped. Local https endpoints
 * usually have self-signed certificates, so their certificate is not checked. Refuses any other
 * host, whatever the subscription said: the local cloud sends nothing off this machine.
 */
export function postToLoopback(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
): Promise<number> {
  const target = new URL(url);
  if (!isLoopbackUrl(target)) return Promise.reject(new Error(`${url} is not a loopback address`));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        timeout: HTTP_TIMEOUT_MS,
        rejectUnauthorized: false,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () =>
      outgoing.destroy(new Error(`${url} did not answer within ${HTTP_TIMEOUT_MS} ms`)),
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
