import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '..');
const START_DEADLINE_MS = 30_000;

/**
 * Starts the local SQS endpoint as `npm run sqs` does, in its own process (so it has a core of its
 * own), and resolves with its URL once it reports ready. The caller kills `child` when done.
 */
export function startSqsEndpointProcess(
  extraArguments: readonly string[] = [],
): Promise<{ child: ChildProcess; endpoint: string }> {
  return startEndpointProcess(['packages/local-cloud/src/sqs/cli.ts', '--port', '0', ...extraArguments]);
}

/** Starts local-aws-sqs 2.0.2, the SQS target's baseline, the same way (`bench/local-aws-sqs-server.ts`). */
export function startLocalAwsSqsProcess(): Promise<{ child: ChildProcess; endpoint: string }> {
  return startEndpointProcess(['bench/local-aws-sqs-server.ts']);
}

/** Runs a TypeScript entry point that prints `ready at <url>`, and resolves with the URL. */
async function startEndpointProcess(
  entryAndArguments: readonly string[],
): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...entryAndArguments], {
    cwd: REPOSITORY,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the SQS endpoint did not start in time: ${output}`));
    }, START_DEADLINE_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready at (http:\/\/\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the SQS endpoint exited with ${code}: ${output}`)));
  });
  return { child, endpoint };
}
