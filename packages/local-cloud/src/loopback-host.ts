import type { Server, ServerResponse } from 'node:http';
import { AwsError } from './protocol/aws-error';
import { writeJsonError } from './protocol/aws-json';
import { putInFront } from './request-handlers';

/** Host names that can only mean this machine. */
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a request's `Host` header names this machine (127.0.0.1, localhost or [::1], any port).
 * The local cloud listens on 127.0.0.1 only, but a web page can still reach it through a DNS name
 * that resolves to 127.0.0.1 (DNS rebinding); such a request carries that name as its Host, so
 * anything else is refused. A request without a Host (HTTP/1.0) cannot come from a browser.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  const name = /^(\[[^\]]*\]|[^:]*)(:\d+)?$/.exec(host.trim().toLowerCase())?.[1];
  return name !== undefined && LOOPBACK_NAMES.has(name);
}

/** Why a request for another Host is refused, naming the Host it gave. */
export function foreignHostMessage(host: string | undefined): string {
  return `the local cloud answers only requests addressed to 127.0.0.1 or localhost (Host: ${host})`;
}

/**
 * Refuses a request for another Host with a 403 `AccessDeniedException` in AWS's JSON error shape,
 * which the JSON services' clients read (a Query service answers in its own XML instead).
 */
export function refuseForeignHost(response: ServerResponse, host: string | undefined): void {
  writeJsonError(
    response,
    new AwsError('AccessDeniedException', foreignHostMessage(host), { httpStatus: 403 }),
  );
}

/**
 * Puts the {@link isLoopbackHost} check in front of a server's request handlers: a request for
 * another Host is refused (see {@link refuseForeignHost}) and reaches no handler.
 * For servers whose handler is not ours (dynalite).
 */
export function guardLoopbackHost(server: Server): void {
  putInFront(server, (request, response, next) => {
    if (isLoopbackHost(request.headers.host)) next(request, response);
    else refuseForeignHost(response, request.headers.host);
  });
}
