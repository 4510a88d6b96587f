import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP server on 127.0.0.1 that answers every AWS JSON 1.0 request at once with `200` and the
 * body `answer` gives for its `X-Amz-Target`: what a client costs per call with no service behind
 * it. `close()` also drops kept-alive connections.
 */
export async function startCannedServer(
  answer: (target: string) => string,
): Promise<{ endpoint: string; server: Server; close(): void }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const body = answer(String(request.headers['x-amz-target']));
      response.writeHead(200, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
