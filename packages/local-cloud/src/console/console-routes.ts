import type { IncomingMessage } from 'node:http';
import type { LocalCloud } from '../cloud';
import { AwsError } from '../protocol/aws-error';
import { ConsoleRequestError, readJsonObject } from './console-http';

/** What a route handler is given. */
export interface RouteRequest {
  readonly cloud: LocalCloud;
  /** The path's captured segments, URL-decoded. */
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  /** Reads the body as a JSON object (400 when it is not one). */
  readonly body: () => Promise<Record<string, unknown>>;
}

/** One route of the console's API: its answer is the JSON body of a 200. */
export interface ConsoleRoute {
  readonly method: 'GET' | 'POST';
  /** Matched against the path under `/_console/api/`, e.g. `/^queues\/([^/]+)\/messages$/`. */
  readonly path: RegExp;
  readonly handle: (request: RouteRequest) => unknown;
}

/**
 * Finds the route for a path under `/_console/api/` and runs it. A path no route has is a 404; a
 * path whose routes take other methods is a 405 naming them.
 */
export async function dispatchRoute(
  routes: readonly ConsoleRoute[],
  cloud: LocalCloud,
  request: IncomingMessage,
  apiPath: string,
  query: URLSearchParams,
): Promise<unknown> {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.path.exec(apiPath);
    if (match === null) continue;
    if (route.method !== request.method) {
      allowed.push(route.method);
      continue;
    }
    const params = match.slice(1).map((segment) => decodeSegment(segment));
    return route.handle({ cloud, params, query, body: () => readJsonObject(request) });
  }
  if (allowed.length > 0) {
    throw new ConsoleRequestError(
      405,
      `${request.method} is not allowed here (allowed: ${allowed.join(', ')})`,
    );
  }
  throw new ConsoleRequestError(404, `no console API route ${apiPath}`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ConsoleRequestError(400, `the path segment ${segment} is not valid URL encoding`);
  }
}

/**
 * A local service's refusal of bad input (an AWS error with a 4xx status) as the console's 400,
 * its message kept; anything else is thrown as it is.
 */
export function asBadRequest(thrown: unknown): never {
  if (thrown instanceof AwsError && thrown.httpStatus < 500) {
    throw new ConsoleRequestError(400, `${thrown.code}: ${thrown.message}`);
  }
  throw thrown;
}
