import type { ServerResponse } from 'node:http';

/** An answer ready to send: the protocol writers produce it, a server sends it with {@link sendReply}. */
export interface HttpReply {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** How {@link sendReply} sends. */
export interface SendReplyOptions {
  /**
   * Asks the client to close the connection after this answer (`connection: close`), for a request
   * refused before its body was read, which leaves the connection unusable. @default false
   */
  readonly closeConnection?: boolean;
}

/**
 * Sends a reply with its `content-length`; does nothing when the response has ended already (the
 * client left).
 *
 * @example
 * sendReply(response, jsonErrorReply(error, { requestId }));
 */
export function sendReply(response: ServerResponse, reply: HttpReply, options: SendReplyOptions = {}): void {
  if (response.writableEnded || response.destroyed) return;
  // A flat [name, value, ...] list skips building a merged header object on every response.
  const headers: (string | number)[] = [];
  for (const name in reply.headers) headers.push(name, reply.headers[name]);
  headers.push('content-length', Buffer.byteLength(reply.body));
  if (options.closeConnection) headers.push('connection', 'close');
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}
