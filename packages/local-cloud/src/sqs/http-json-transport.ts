import { Agent, type ClientRequest, request } from 'node:http';
import type { JsonResponse, JsonTransport, SignedJsonRequest } from './json-protocol-client';
import { JSON_1_0_CONTENT_TYPE } from './request-signer';

/**
 * AWS JSON 1.0 requests over node:http on one keep-alive agent. The agent has no socket limit:
 * every request in flight gets a connection of its own, so a long poll never holds up another
 * caller's request (pollers run up to their mapping's maximum concurrency of lanes at once), and
 * connections are reused once their response has been read.
 *
 * A request that fails because the endpoint closed a kept-alive connection just as it was reused is
 * sent once more on a fresh one, as Node.js recommends: the endpoint never saw it.
 *
 * @param endpoint an `http:` URL: this transport is for endpoints on this machine.
 */
export function httpJsonTransport(endpoint: URL): JsonTransport {
  if (endpoint.protocol !== 'http:') {
    throw new Error(`the SQS endpoint must be an http URL on this machine (given ${endpoint.href})`);
  }
  const agent = new Agent({ keepAlive: true });
  const target = {
    // URL keeps the brackets of an IPv6 address, which a socket's host must not have.
    host: endpoint.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: endpoint.port === '' ? 80 : Number(endpoint.port),
    path: endpoint.pathname,
    method: 'POST',
    agent,
  };
  const send = (signed: SignedJsonRequest, retryOnStaleConnection: boolean): Promise<JsonResponse> =>
    new Promise((resolve, reject) => {
      const outgoing: ClientRequest = request(
        {
          ...target,
          headers: {
            host: endpoint.host,
            'content-type': JSON_1_0_CONTENT_TYPE,
            'content-length': Buffer.byteLength(signed.body),
            'x-amz-target': signed.target,
            'x-amz-date': signed.signature.amzDate,
            authorization: signed.signature.authorization,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
          response.on('close', () => {
            if (!response.complete)
              reject(new Error(`the connection to ${endpoint.host} closed before the response was complete`));
          });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (retryOnStaleConnection && outgoing.reusedSocket && error.code === 'ECONNRESET') {
          send(signed, false).then(resolve, reject);
        } else reject(error);
      });
      outgoing.end(signed.body);
    });
  return {
    send: (signed) => send(signed, true),
    close: () => agent.destroy(),
  };
}
