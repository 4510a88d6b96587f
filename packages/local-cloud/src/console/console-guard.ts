import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { foreignHostMessage, isLoopbackHost } from '../loopback-host';
import { CONSOLE_TOKEN_HEADER } from './console-contract';
import { ConsoleRequestError } from './console-http';

/** Methods that only read: they need the Host guard alone. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/** The origins the console's own page has: `http://127.0.0.1:PORT` and `http://localhost:PORT`. */
export function consoleOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Refuses, with a 403, what must not reach the console: any request addressed to a Host that is
 * not this machine (DNS rebinding), and any request that changes state (send, purge, redrive)
 * without the per-process token in `x-console-token` or from another origin than the console's
 * own, so another web page open in the browser cannot make it act.
 *
 * @throws ConsoleRequestError (403) saying which check failed
 */
export function guardConsoleRequest(
  request: IncomingMessage,
  token: string,
  origins: readonly string[],
): void {
  const { host } = request.headers;
  if (!isLoopbackHost(host)) throw new ConsoleRequestError(403, foreignHostMessage(host));
  if (READ_METHODS.has(request.method ?? 'GET')) return;
  const origin = request.headers.origin;
  if (origin === undefined || !origins.includes(origin)) {
    throw new ConsoleRequestError(
      403,
      `a request that changes state must come from the console's own page (Origin ${origin ?? 'missing'}; expected ${origins.join(' or ')})`,
    );
  }
  const given = request.headers[CONSOLE_TOKEN_HEADER];
  if (typeof given !== 'string' || !sameToken(given, token)) {
    throw new ConsoleRequestError(
      403,
      `a request that changes state needs the console's token in the ${CONSOLE_TOKEN_HEADER} header (${given === undefined ? 'missing' : 'wrong'})`,
    );
  }
}
