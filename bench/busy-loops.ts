import { type ChildProcess, spawn } from 'node:child_process';

/** CPU-bound processes that load the machine beside a measurement; {@link stop} ends them. */
export interface BusyLoops {
  stop(): void;
}

/**
 * Starts `count` processes that each keep one core busy, until stopped or for `maximumSeconds` at the
 * most, so a measurement that never stops them still leaves the machine quiet again.
 */
export function startBusyLoops(count: number, maximumSeconds: number): BusyLoops {
  const source = `const end = Date.now() + ${maximumSeconds * 1000}; while (Date.now() < end) {}`;
  const loops: ChildProcess[] = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', source], { stdio: 'ignore' }),
  );
  return {
    stop: () => {
      for (const loop of loops) loop.kill('SIGKILL');
    },
  };
}
