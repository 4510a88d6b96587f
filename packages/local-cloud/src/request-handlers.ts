import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/**
 * Puts a step in front of a server's request handlers, for servers whose handler is not ours
 * (dynalite): `front` sees every request first and calls `next` to hand it on, or answers it itself.
 *
 * @example
 * putInFront(server, (request, response, next) =>
 *   allowed(request) ? next(request, response) : response.writeHead(403).end());
 */
export function putInFront(
  server: Server,
  front: (request: IncomingMessage, response: ServerResponse, next: RequestListener) => void,
): void {
  const handlers = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  const next: RequestListener = (request, response) => {
    for (const handler of handlers) handler(request, response);
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) =>
    front(request, response, next),
  );
}
