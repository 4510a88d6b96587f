import { CONSOLE_TOKEN_HEADER, CONSOLE_TOKEN_META, type ConsoleError } from '../console-contract';

/** An answer of the console's API that was not a 2xx: its `{ error }`, or the status when it had none. */
export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

/** Paths are relative to the page (`/_console/`), so the API is `api/...` beside it. */
const API_BASE = 'api/';

/** The per-process token the page was served with, for the requests that change state. */
export function consoleToken(): string {
  return document.querySelector(`meta[name="${CONSOLE_TOKEN_META}"]`)?.getAttribute('content') ?? '';
}

/** `GET api/<path>` as JSON. */
export async function getJson<T>(path: string): Promise<T> {
  return answerOf<T>(await fetch(API_BASE + path, { headers: { accept: 'application/json' } }));
}

/** `POST api/<path>` with a JSON body and the console's token, as JSON. */
export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(API_BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONSOLE_TOKEN_HEADER]: consoleToken() },
    body: JSON.stringify(body),
  });
  return answerOf<T>(response);
}

async function answerOf<T>(response: Response): Promise<T> {
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ConsoleApiError(response.status, `the console answered ${response.status} with no JSON`);
  }
  if (!response.ok) {
    const error = (parsed as Partial<ConsoleError> | undefined)?.error;
    throw new ConsoleApiError(response.status, error ?? `the console answered ${response.status}`);
  }
  return parsed as T;
}

/** `a/b` as one URL path segment. */
export function segment(name: string): string {
  return encodeURIComponent(name);
}

/** What to show for a failed request. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sends a request that changes state; answers its error text, or undefined when it worked. */
export async function changeState(path: string, body: unknown): Promise<string | undefined> {
  try {
    await postJson(path, body);
    return undefined;
  } catch (error) {
    return errorText(error);
  }
}
