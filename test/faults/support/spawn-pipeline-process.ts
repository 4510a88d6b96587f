import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundledScript } from 'local-cloud';
import type { PipelineProcessEvent } from './pipeline-process';

const REPOSITORY = join(__dirname, '..', '..', '..');

/** A running {@link PipelineProcessEvent}-reporting pipeline process. */
export interface PipelineProcess {
  readonly child: ChildProcess;
  /** Every event reported so far. */
  readonly events: readonly PipelineProcessEvent[];
  /** Resolves with the first event (from now on or already reported) that matches. */
  waitFor(
    predicate: (event: PipelineProcessEvent, events: readonly PipelineProcessEvent[]) => boolean,
    timeoutMs: number,
  ): Promise<PipelineProcessEvent>;
  /** Resolves with the exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/**
 * Starts `pipeline-process.ts` in a child process, on an assembly and a state directory, sending
 * the orders of `ordersFile` when given. Its stderr is kept for failure messages. The script runs
 * bundled (`bundledScript`), which starts in a fraction of ts-node's CPU: the test starts two.
 */
export async function spawnPipelineProcess(options: {
  readonly assemblyDirectory: string;
  readonly stateDirectory: string;
  readonly timeScale: number;
  readonly ordersFile?: string;
}): Promise<PipelineProcess> {
  const args = [
    await bundledScript(join(__dirname, 'pipeline-process.ts')),
    options.assemblyDirectory,
    options.stateDirectory,
    String(options.timeScale),
    ...(options.ordersFile === undefined ? [] : [options.ordersFile]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPOSITORY,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: PipelineProcessEvent[] = [];
  const listeners = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    events.push(JSON.parse(line) as PipelineProcessEvent);
    for (const listener of listeners) listener();
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(signal ?? code ?? 0);
      for (const listener of listeners) listener();
    });
  });
  const waitFor: PipelineProcess['waitFor'] = (predicate, timeoutMs) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = events.find((event, index) => predicate(event, events.slice(0, index + 1)));
        const failure = events.find((event) => event.event === 'failed');
        if (found !== undefined) finish(() => resolve(found));
        else if (failure !== undefined || child.exitCode !== null || child.signalCode !== null)
          finish(() =>
            reject(new Error(`the pipeline process ended first: ${JSON.stringify(failure)} ${stderr}`)),
          );
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`no matching event within ${timeoutMs} ms; stderr: ${stderr}`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });
  return { child, events, waitFor, exited };
}
