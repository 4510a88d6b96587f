import type { InvokeOptions } from './cli-options';

/** What `local-cloud invoke` got back. */
export interface InvokeOutcome {
  readonly functionName: string;
  /** The function's answer (its result, or Lambda's error payload), as the Invoke API returned it. */
  readonly payload: string;
  /** `Unhandled` when the function failed, as `X-Amz-Function-Error` says. */
  readonly functionError?: string;
}

/** No cloud answers, or no function matches; the message says what to do. */
export class InvokeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvokeError';
  }
}

/**
 * `local-cloud invoke`: finds the function on a running `local-cloud serve` (by name, ARN or logical
 * id) and invokes it synchronously through Lambda's Invoke API, as `aws lambda invoke` would.
 */
export async function invoke(options: InvokeOptions): Promise<InvokeOutcome> {
  const endpoint = `http://127.0.0.1:${options.port}`;
  const functionName = await resolveFunctionName(endpoint, options.functionName);
  const response = await request(
    endpoint,
    `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`,
    { method: 'POST', body: options.payload, headers: { 'content-type': 'application/json' } },
  );
  const payload = await response.text();
  if (response.status !== 200) {
    throw new InvokeError(`invoking ${functionName} failed with HTTP ${response.status}: ${payload}`);
  }
  const functionError = response.headers.get('x-amz-function-error') ?? undefined;
  return { functionName, payload, ...(functionError === undefined ? {} : { functionError }) };
}

/**
 * The name of the one function that `wanted` names: its name or ARN, or the logical id it was made
 * from (`Producer` for `MyStack-Producer1A2B3C4D`, as CDK adds a hash to logical ids).
 */
export function matchFunctionName(names: readonly string[], wanted: string): string {
  const fromArn = wanted.startsWith('arn:') ? wanted.split(':')[6] : wanted;
  if (names.includes(fromArn)) return fromArn;
  const logicalId = (name: string) => name.slice(name.indexOf('-') + 1);
  const exact = names.filter((name) => logicalId(name) === fromArn);
  const byPrefix = names.filter((name) =>
    new RegExp(`^${escapeRegExp(fromArn)}[0-9A-F]{8}$`).test(logicalId(name)),
  );
  const matches = exact.length > 0 ? exact : byPrefix;
  if (matches.length === 1) return matches[0];
  const known = names.join(', ') || 'none';
  throw new InvokeError(
    matches.length === 0
      ? `no function is named ${wanted} (functions: ${known})`
      : `${wanted} names ${matches.length} functions (${matches.join(', ')}): give the whole name`,
  );
}

async function resolveFunctionName(endpoint: string, wanted: string): Promise<string> {
  const response = await request(endpoint, '/2015-03-31/functions/', { method: 'GET' });
  const { Functions = [] } = (await response.json()) as { Functions?: { FunctionName: string }[] };
  return matchFunctionName(
    Functions.map((fn) => fn.FunctionName),
    wanted,
  );
}

async function request(endpoint: string, path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`${endpoint}${path}`, init);
  } catch {
    throw new InvokeError(
      `no local cloud answers at ${endpoint}: start one with local-cloud serve (or name its port with --port)`,
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
