import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCloud, scaledClock, startGateway } from 'local-cloud';
import { STACK_NAME } from '../lib/order-pipeline-app';
import { synthesize } from '../tools/cli';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { formatSpread, type Spread, summarize } from './stats';

const RUNS = 5;
/** How long a served cloud sits idle before its memory is read: at rest, pollers long-polling. */
const AT_REST_MS = 3_000;
const BIN = join(__dirname, '..', 'packages', 'local-cloud', 'bin', 'local-cloud.js');
/** A start that takes longer has hung. */
const START_DEADLINE_MS = 60_000;
const READY_LINE = /local-cloud ready at http:\/\/127\.0\.0\.1:\d+/;

/** Resident set size of a process, from /proc (Linux), in bytes. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return Number(kilobytes ?? Number.NaN) * 1024;
}

/** Milliseconds for LocalCloud.start and a gateway on the assembly, in this process. */
async function inProcessStartMs(assemblyDirectory: string): Promise<number> {
  const started = performance.now();
  const gateway = await startGateway(0);
  const cloud = await LocalCloud.start({
    assemblyDirectory,
    stackName: STACK_NAME,
    clock: scaledClock(10),
    publicEndpoint: gateway.endpoint,
  });
  gateway.serve(cloud);
  const elapsed = performance.now() - started;
  await gateway.close();
  await cloud.stop();
  return elapsed;
}

/** `local-cloud serve --assembly`: real ms from spawn to its ready line, and its RSS at rest. */
async function commandStart(assemblyDirectory: string): Promise<{ readyMs: number; restingBytes: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--assembly', assemblyDirectory, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      let output = '';
      const deadline = setTimeout(
        () => reject(new Error(`not ready in ${START_DEADLINE_MS} ms:\n${output}`)),
        START_DEADLINE_MS,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (READY_LINE.test(output)) {
          clearTimeout(deadline);
          resolve(performance.now() - started);
        }
      });
      child.on('exit', (code) =>
        reject(new Error(`local-cloud exited with ${code} before it was ready:\n${output}`)),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, AT_REST_MS));
    return { readyMs, restingBytes: residentBytes(child.pid ?? 0) };
  } finally {
    child.kill('SIGKILL');
  }
}

function row(measure: string, spread: Spread, unit: string, detail: string): BenchmarkRow {
  return {
    measure,
    value: Number(spread.median.toFixed(1)),
    unit,
    detail: `${formatSpread(spread)}; ${detail}`,
  };
}

/**
 * How long the local cloud takes from a synthesized assembly to ready, for the order pipeline's
 * three-function stack, and how much memory it holds at rest: in this process (LocalCloud.start and
 * a gateway), and as a user meets it (`local-cloud serve --assembly`, spawn to its ready line, Node's
 * start included; the bin bundles the CLI once after a change, which an earlier run has done).
 */
export const startupBenchmark: Benchmark = {
  name: 'startup',
  description: `the order pipeline's stack (3 functions, 2 queues, 2 tables) from a synthesized cdk.out to ready, ${RUNS} runs`,
  async run(): Promise<BenchmarkResult> {
    const outdir = mkdtempSync(join(tmpdir(), 'local-cloud-startup-'));
    try {
      synthesize(outdir, {});
      const inProcess: number[] = [];
      const command: { readyMs: number; restingBytes: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        inProcess.push(await inProcessStartMs(outdir));
        command.push(await commandStart(outdir));
      }
      const ready = summarize(command.map((start) => start.readyMs));
      const resting = summarize(command.map((start) => start.restingBytes / 1024 / 1024));
      return {
        rows: [
          row('LocalCloud.start + gateway, in process', summarize(inProcess), 'ms', 'target < 1,500 ms'),
          row(
            'local-cloud serve --assembly, spawn to ready',
            ready,
            'ms',
            'target < 1,500 ms; Node.js start included (the CLI bundle cached by an earlier run)',
          ),
          row(
            'local-cloud serve, resident memory at rest',
            resting,
            'MB',
            `RSS ${AT_REST_MS / 1000} s after ready, no traffic`,
          ),
        ],
        figures: { inProcessMs: inProcess, command },
      };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
};
