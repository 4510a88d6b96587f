import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import type { ConsoleError } from './console-contract';

/** The largest JSON body a console form sends: a message of 256 KiB, escaped, with room to spare. */
export const CONSOLE_BODY_LIMIT_BYTES = 1024 * 1024;

/** A request the console refuses or cannot answer, with the HTTP status it gets. */
export class ConsoleRequestError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 413 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleRequestError';
  }
}

/** Writes `body` as JSON with `status`; the console's answers are never cached. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(text);
}

/** Answers an error as `{ "error": "..." }`: its own status for a {@link ConsoleRequestError}, else 500. */
export function sendError(response: ServerResponse, thrown: unknown): void {
  const status = thrown instanceof ConsoleRequestError ? thrown.status : 500;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const body: ConsoleError = { error: status === 500 ? `the console failed: ${message}` : message };
  if (response.headersSent) response.end();
  else sendJson(response, status, body);
}

/** Reads a request's JSON object body; a missing, oversized or malformed one is a 400 (413) naming the problem. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readTextBody(request, CONSOLE_BODY_LIMIT_BYTES);
  if (text === undefined) {
    throw new ConsoleRequestError(413, `the request body is larger than ${CONSOLE_BODY_LIMIT_BYTES} bytes`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConsoleRequestError(400, `the request body is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConsoleRequestError(400, 'the request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * An integer query parameter within `[min, max]`, or `fallback` when absent.
 *
 * @throws ConsoleRequestError (400) naming the parameter, the range and the value given
 */
export function integerParameter(
  query: URLSearchParams,
  name: string,
  range: { readonly min: number; readonly max: number; readonly fallback: number },
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return range.fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConsoleRequestError(
      400,
      `${name} must be an integer between ${range.min} and ${range.max} (given ${JSON.stringify(raw)})`,
    );
  }
  return value;
}
