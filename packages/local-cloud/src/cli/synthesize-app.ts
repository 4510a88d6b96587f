import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LOCAL_ENVIRONMENT_DEFAULTS } from '../assembly/local-environment';

/** A folder that is not a CDK app, or an app that did not synthesize; the message says which. */
export class AppSynthesisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppSynthesisError';
  }
}

/** Real seconds a synthesis may take before it is stopped: bundling a large app takes a while. */
const SYNTHESIS_TIMEOUT_SECONDS = 300;
/** How much of a failed synthesis's output the error carries. */
const OUTPUT_TAIL_CHARACTERS = 4000;

interface CdkJson {
  readonly app?: unknown;
  readonly context?: Record<string, unknown>;
}

/**
 * Synthesizes the CDK app in `appDirectory` as the CDK CLI does: runs the `app` command of its
 * cdk.json in that folder, with `CDK_OUTDIR` (where to write the assembly) and `CDK_CONTEXT_JSON`
 * (cdk.json's context, then cdk.context.json's, then `context`), and the local account and region
 * as the default environment. No CDK CLI is needed, and nothing reaches AWS.
 *
 * @returns the assembly folder, `<appDirectory>/cdk.out`
 * @throws AppSynthesisError when the folder has no cdk.json with an `app`, or the command fails
 */
export function synthesizeApp(appDirectory: string, context: Readonly<Record<string, string>> = {}): string {
  const directory = resolve(appDirectory);
  const cdkJsonPath = join(directory, 'cdk.json');
  if (!existsSync(cdkJsonPath)) {
    throw new AppSynthesisError(
      `${directory} is not a CDK app: it has no cdk.json (--app takes a CDK app's folder, --assembly a synthesized cdk.out)`,
    );
  }
  const cdkJson = readJsonFile<CdkJson>(cdkJsonPath);
  if (typeof cdkJson.app !== 'string' || cdkJson.app.trim() === '') {
    throw new AppSynthesisError(`${cdkJsonPath} has no "app" command to synthesize the app with`);
  }
  const outdir = join(directory, 'cdk.out');
  const contextFile = join(directory, 'cdk.context.json');
  const fullContext = {
    ...(cdkJson.context ?? {}),
    ...(existsSync(contextFile) ? readJsonFile<Record<string, unknown>>(contextFile) : {}),
    ...context,
  };
  const result = spawnSync(cdkJson.app, {
    cwd: directory,
    shell: true,
    encoding: 'utf8',
    timeout: SYNTHESIS_TIMEOUT_SECONDS * 1000,
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify(fullContext),
      CDK_DEFAULT_ACCOUNT: LOCAL_ENVIRONMENT_DEFAULTS.accountId,
      CDK_DEFAULT_REGION: LOCAL_ENVIRONMENT_DEFAULTS.region,
    },
  });
  if (result.error !== undefined || result.status !== 0) {
    const how = result.error?.message ?? `exit code ${result.status ?? result.signal}`;
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.slice(-OUTPUT_TAIL_CHARACTERS);
    throw new AppSynthesisError(
      `synthesizing ${directory} with "${cdkJson.app}" failed (${how}):\n${output}`,
    );
  }
  if (!existsSync(join(outdir, 'manifest.json'))) {
    throw new AppSynthesisError(`"${cdkJson.app}" ran but wrote no cloud assembly to ${outdir}`);
  }
  return outdir;
}

function readJsonFile<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new AppSynthesisError(`${path} is not valid JSON (${(error as Error).message})`);
  }
}
