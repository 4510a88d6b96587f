import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { scaledClock } from '../../src/clock';
import { LocalCloud } from '../../src/cloud';
import { CONSOLE_TOKEN_HEADER } from '../../src/console/console-contract';
import { type ConsoleServer, startConsoleServer } from '../../src/console/console-server';
import { CONSOLE_APP_STACK, writeConsoleAppAssembly } from './console-app';

/** Real milliseconds to wait for something the cloud should do within a few visibility timeouts. */
export const WAIT_DEADLINE_MS = 30_000;
/** Waits run 10 times faster: the 10 s visibility timeout is 1 real second. */
const TIME_SCALE = 10;

/** A cloud of the console app with its console, and helpers to call the console's API. */
export interface ConsoleWorld {
  readonly cloud: LocalCloud;
  readonly console: ConsoleServer;
  /** The console's origin, `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** GET (or `init`) a path under `/_console/api/`; answers the status and the parsed JSON. */
  api<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  /** POST JSON as the console's page does: with its token and its origin. */
  post<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

export async function startConsoleWorld(): Promise<ConsoleWorld> {
  const folder = mkdtempSync(join(tmpdir(), 'console-app-'));
  writeConsoleAppAssembly(folder);
  const cloud = await LocalCloud.start({
    assemblyDirectory: folder,
    stackName: CONSOLE_APP_STACK,
    clock: scaledClock(TIME_SCALE),
  });
  const server = await startConsoleServer(cloud);
  const origin = `http://127.0.0.1:${server.port}`;
  const api = async <T>(path: string, init?: RequestInit) => {
    const response = await fetch(`${origin}/_console/api/${path}`, init);
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    cloud,
    console: server,
    origin,
    api,
    post: (path, body) =>
      api(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin, [CONSOLE_TOKEN_HEADER]: server.token },
        body: JSON.stringify(body),
      }),
    stop: async () => {
      await server.close();
      await cloud.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value, or fails naming `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + WAIT_DEADLINE_MS;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`gave up after ${WAIT_DEADLINE_MS} ms waiting for ${what}`);
}
