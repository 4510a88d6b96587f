import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LocalCloud } from '../cloud';
import { listenOnLoopback } from '../gateway';
import { type ConsoleAssets, loadConsoleAssets } from './console-assets';
import { CONSOLE_API_PATH, CONSOLE_PATH } from './console-contract';
import { ConsoleEventHub } from './console-events';
import { consoleOrigins, guardConsoleRequest } from './console-guard';
import { ConsoleRequestError, sendError, sendJson } from './console-http';
import { type ConsoleRoute, dispatchRoute } from './console-routes';
import { consoleOverview } from './overview-diagram';
import { ALARM_ROUTES } from './routes-alarms';
import { DEAD_LETTER_ROUTES } from './routes-dead-letters';
import { existingGroup, LOG_ROUTES, logMatcher } from './routes-logs';
import { QUEUE_ROUTES } from './routes-queues';
import { TABLE_ROUTES } from './routes-tables';
import { TIMELINE_ROUTES } from './routes-timeline';

/** Options of {@link startConsoleServer}. */
export interface ConsoleServerOptions {
  /** The port on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly port?: number;
}

/** A running web console. */
export interface ConsoleServer {
  /** `http://127.0.0.1:PORT/_console/`: the address to open. */
  readonly url: string;
  readonly port: number;
  /** The per-process token that requests changing state must carry in `x-console-token`. */
  readonly token: string;
  /** Ends the event streams and closes the port; calling it again waits for the same close. */
  close(): Promise<void>;
}

/** Every route of the API, under `/_console/api/`. */
const ROUTES: readonly ConsoleRoute[] = [
  { method: 'GET', path: /^overview$/, handle: ({ cloud }) => consoleOverview(cloud) },
  ...TIMELINE_ROUTES,
  ...QUEUE_ROUTES,
  ...DEAD_LETTER_ROUTES,
  ...LOG_ROUTES,
  ...TABLE_ROUTES,
  ...ALARM_ROUTES,
];

interface ConsoleContext {
  readonly cloud: LocalCloud;
  readonly token: string;
  readonly origins: () => readonly string[];
  readonly events: ConsoleEventHub;
  readonly assets: () => Promise<ConsoleAssets>;
}

function sendText(response: ServerResponse, contentType: string, body: string): void {
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  response.end(body);
}

/** Answers the page, its files, the API and the event stream; everything else is a 404. */
async function answer(context: ConsoleContext, request: IncomingMessage, response: ServerResponse) {
  guardConsoleRequest(request, context.token, context.origins());
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  if (path === CONSOLE_API_PATH.slice(0, -1) || !path.startsWith(CONSOLE_PATH)) {
    if (path === '/' || path === CONSOLE_PATH.slice(0, -1)) {
      response.writeHead(302, { location: CONSOLE_PATH });
      response.end();
      return;
    }
    throw new ConsoleRequestError(404, `nothing at ${path}: the console is at ${CONSOLE_PATH}`);
  }
  if (path.startsWith(CONSOLE_API_PATH)) {
    const apiPath = path.slice(CONSOLE_API_PATH.length);
    if (apiPath === 'events') return openEvents(context, request, response, url.searchParams);
    sendJson(response, 200, await dispatchRoute(ROUTES, context.cloud, request, apiPath, url.searchParams));
    return;
  }
  if (request.method !== 'GET')
    throw new ConsoleRequestError(405, `${request.method} is not allowed here (allowed: GET)`);
  const assets = await context.assets();
  const name = path.slice(CONSOLE_PATH.length);
  if (name === '' || name === 'index.html')
    return sendText(response, 'text/html; charset=utf-8', assets.page(context.token));
  const file = assets.files.get(name);
  if (file === undefined) throw new ConsoleRequestError(404, `the console has no file ${name}`);
  sendText(response, file.contentType, file.body);
}

function openEvents(
  context: ConsoleContext,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): void {
  if (request.method !== 'GET')
    throw new ConsoleRequestError(405, `${request.method} is not allowed here (allowed: GET)`);
  const logGroup = query.get('logGroup');
  const following =
    logGroup === null || logGroup === ''
      ? undefined
      : { logGroup: existingGroup(context.cloud.logs, logGroup), matches: logMatcher(query.get('filter')) };
  context.events.open(response, following);
}

/**
 * Serves the web console of a running cloud on its own loopback port: the page at `/_console/`,
 * its JSON API and its Server-Sent Events under `/_console/api/` (see `console-contract.ts`). Every
 * request goes through the gateway's Host guard; requests that change state (send, purge, redrive)
 * need the per-process {@link ConsoleServer.token} in `x-console-token` and the console's own
 * `Origin`. Errors are `{ "error": "..." }` with their status.
 *
 * @example
 * const console = await startConsoleServer(cloud, { port: 4567 });
 * process.stdout.write(`Console: ${console.url}\n`);
 * await console.close();
 */
export async function startConsoleServer(
  cloud: LocalCloud,
  options: ConsoleServerOptions = {},
): Promise<ConsoleServer> {
  const token = randomBytes(32).toString('base64url');
  let origins: readonly string[] = [];
  const events = new ConsoleEventHub(cloud);
  const context: ConsoleContext = { cloud, token, origins: () => origins, events, assets: loadConsoleAssets };
  const server = createServer((request, response) => {
    answer(context, request, response).catch((thrown: unknown) => sendError(response, thrown));
  });
  const port = await listenOnLoopback(server, options.port ?? 0);
  origins = consoleOrigins(port);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}${CONSOLE_PATH}`,
    port,
    token,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        events.close();
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
