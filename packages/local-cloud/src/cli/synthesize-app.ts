import { spawn, spawnSync } from 'node:child_process';
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

/** How to synthesize an app: more than the app's folder and context. */
export interface SynthesisSettings {
  /** CDK context, as with `cdk synth -c` (it wins over cdk.json's and cdk.context.json's). @default {} */
  readonly context?: Readonly<Record<string, string>>;
  /** The folder to write the assembly to. @default - `<appDirectory>/cdk.out` */
  readonly outdir?: string;
  /**
   * Runs the CDK's own template validation (CDK_VALIDATION). It takes most of a small app's
   * synthesis, and the local cloud does not need it to serve the template.
   * @default true
   */
  readonly validate?: boolean;
}

/** The command of an app's cdk.json, where and with what environment it runs. */
interface SynthesisCommand {
  readonly directory: string;
  readonly command: string;
  readonly outdir: string;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * Synthesizes the CDK app in `appDirectory` as the CDK CLI does: runs the `app` command of its
 * cdk.json in that folder, with `CDK_OUTDIR` (where to write the assembly) and `CDK_CONTEXT_JSON`
 * (cdk.json's context, then cdk.context.json's, then `context`), and the local account and region
 * as the default environment. No CDK CLI is needed, and nothing reaches AWS.
 *
 * @returns the assembly folder, `<appDirectory>/cdk.out` unless `settings.outdir` names another
 * @throws AppSynthesisError when the folder has no cdk.json with an `app`, or the command fails
 */
export function synthesizeApp(
  appDirectory: string,
  context: Readonly<Record<string, string>> = {},
  settings: Omit<SynthesisSettings, 'context'> = {},
): string {
  const synthesis = synthesisCommand(appDirectory, { ...settings, context });
  const result = spawnSync(synthesis.command, {
    cwd: synthesis.directory,
    shell: true,
    encoding: 'utf8',
    timeout: SYNTHESIS_TIMEOUT_SECONDS * 1000,
    env: synthesis.env,
  });
  const how =
    result.error?.message ??
    (result.status === 0 ? undefined : `exit code ${result.status ?? result.signal}`);
  return checkedAssembly(synthesis, how, `${result.stdout ?? ''}${result.stderr ?? ''}`);
}

/**
 * {@link synthesizeApp} without blocking the event loop, so that a cloud that is serving keeps
 * answering while its app synthesizes again. Aborting `signal` ends the command and its children.
 *
 * @throws AppSynthesisError as synthesizeApp does; an AbortError when `signal` aborts
 */
export async function synthesizeAppInBackground(
  appDirectory: string,
  settings: SynthesisSettings,
  signal?: AbortSignal,
): Promise<string> {
  const synthesis = synthesisCommand(appDirectory, settings);
  signal?.throwIfAborted();
  // In a process group of its own, so that ending it ends the app's node too, not only the shell.
  const child = spawn(synthesis.command, {
    cwd: synthesis.directory,
    shell: true,
    detached: true,
    env: synthesis.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = `${output}${chunk.toString('utf8')}`.slice(-OUTPUT_TAIL_CHARACTERS);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const end = () => child.pid !== undefined && killGroup(child.pid);
  const deadline = setTimeout(end, SYNTHESIS_TIMEOUT_SECONDS * 1000);
  signal?.addEventListener('abort', end, { once: true });
  const how = await new Promise<string | undefined>((done) => {
    child.once('error', (error) => done(error.message));
    child.once('close', (code, killedBy) => done(code === 0 ? undefined : `exit code ${code ?? killedBy}`));
  }).finally(() => {
    clearTimeout(deadline);
    signal?.removeEventListener('abort', end);
  });
  signal?.throwIfAborted();
  return checkedAssembly(synthesis, how, output);
}

function synthesisCommand(appDirectory: string, settings: SynthesisSettings): SynthesisCommand {
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
  const outdir = resolve(settings.outdir ?? join(directory, 'cdk.out'));
  const contextFile = join(directory, 'cdk.context.json');
  const fullContext = {
    ...(cdkJson.context ?? {}),
    ...(existsSync(contextFile) ? readJsonFile<Record<string, unknown>>(contextFile) : {}),
    ...settings.context,
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: outdir,
    CDK_CONTEXT_JSON: JSON.stringify(fullContext),
    CDK_DEFAULT_ACCOUNT: LOCAL_ENVIRONMENT_DEFAULTS.accountId,
    CDK_DEFAULT_REGION: LOCAL_ENVIRONMENT_DEFAULTS.region,
  };
  // A user's own CDK_VALIDATION wins.
  if (settings.validate === false) env.CDK_VALIDATION ??= 'false';
  return { directory, command: cdkJson.app, outdir, env };
}

/** The assembly folder, once the command ended; `how` it failed, if it did. */
function checkedAssembly(synthesis: SynthesisCommand, how: string | undefined, output: string): string {
  const { directory, command, outdir } = synthesis;
  if (how !== undefined) {
    throw new AppSynthesisError(
      `synthesizing ${directory} with "${command}" failed (${how}):\n${output.slice(-OUTPUT_TAIL_CHARACTERS)}`,
    );
  }
  if (!existsSync(join(outdir, 'manifest.json'))) {
    throw new AppSynthesisError(`"${command}" ran but wrote no cloud assembly to ${outdir}`);
  }
  return outdir;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // It has ended already.
  }
}

function readJsonFile<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new AppSynthesisError(`${path} is not valid JSON (${(error as Error).message})`);
  }
}
