import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', 'bin', 'local-cloud.js');
/** Real milliseconds a command may take to answer: the bin may bundle the CLI first, and --app synthesizes. */
export const COMMAND_DEADLINE_MS = 60_000;

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A `local-cloud` process, its output so far, and a promise of how it ended. */
export function startCli(args: readonly string[]): {
  child: ChildProcess;
  output: () => string;
  finished: Promise<Finished>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const finished = new Promise<Finished>((resolve) => {
    const deadline = setTimeout(() => child.kill('SIGKILL'), COMMAND_DEADLINE_MS * 2);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, output: () => stdout, finished };
}

/** Resolves with the first match of `pattern` in the output, or fails once the deadline passes. */
export async function waitForOutput(output: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + COMMAND_DEADLINE_MS;
  while (Date.now() < deadline) {
    const match = pattern.exec(output());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${pattern} in the output within ${COMMAND_DEADLINE_MS} ms:\n${output()}`);
}

/** The endpoint a `serve` prints once ready, and the values of the stack outputs named. */
export async function waitForServed<Name extends string>(
  output: () => string,
  outputNames: readonly Name[],
): Promise<{ endpoint: string; outputs: Record<Name, string> }> {
  const [, endpoint] = await waitForOutput(output, /local-cloud ready at (http:\/\/127\.0\.0\.1:\d+)/);
  const values = await Promise.all(
    outputNames.map(async (name) => (await waitForOutput(output, new RegExp(`${name} = (\\S+)`)))[1]),
  );
  return {
    endpoint,
    outputs: Object.fromEntries(outputNames.map((name, index) => [name, values[index]])) as Record<
      Name,
      string
    >,
  };
}
