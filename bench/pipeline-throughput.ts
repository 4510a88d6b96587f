import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scaledClock } from 'local-cloud';
import { STACK_NAME } from '../lib/order-pipeline-app';
import { synthesize } from '../tools/cli';
import { generateOrders, startPipelineCloud, waitUntilSettled } from '../tools/pipeline-run';
import { buildRunReport, type RunReport } from '../tools/run-report';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { startBusyLoops } from './busy-loops';
import { summarize } from './stats';

const ORDERS = 2_000;
const INVALID_RATIO = 0.1;
const TIME_SCALE = 10;
const SETTLE_DEADLINE_SECONDS = 300;
/**
 * The template's default cap (2, the least Lambda accepts), then a wider one given as context, as
 * `-c` does.
 */
const CONCURRENCY_SETTINGS: readonly (string | undefined)[] = [undefined, '8'];
/** The artificial load: one CPU-bound process per core of this 2-core machine. */
const BUSY_LOOPS = 2;
const BUSY_LOOP_MAXIMUM_SECONDS = SETTLE_DEADLINE_SECONDS + 60;

/** Runs per condition; the row gives their median, the detail their spread. */
const RUNS = 3;

/** One measured run. */
interface PipelineRun {
  readonly ordersPerSecond: number;
  readonly seconds: number;
  /** CPU time of the whole process (the cloud, its workers, the producer) per order sent. */
  readonly cpuMsPerOrder: number;
  readonly settled: boolean;
  readonly report: RunReport;
}

/**
 * Orders per second through the whole local pipeline: GenerateOrders, the orders queue,
 * ProcessOrders into the table, invalid orders through the DLQ into the rejected-orders table; with
 * the template's cap of 2 and with 8, on a quiet machine and beside two busy loops. Timeouts and the
 * rejection reasons are reported beside each figure: a raised cap must change the speed, not the
 * outcome.
 */
export const pipelineThroughput: Benchmark = {
  name: 'pipeline',
  description: `${ORDERS} orders (${INVALID_RATIO * 100} % invalid) through the local cloud at time scale ${TIME_SCALE}, maxConcurrency 2 and 8, quiet and beside ${BUSY_LOOPS} busy loops, ${RUNS} runs each`,
  async run(): Promise<BenchmarkResult> {
    const rows: BenchmarkRow[] = [];
    const figures: Record<string, unknown> = {};
    for (const maxConcurrency of CONCURRENCY_SETTINGS) {
      const outdir = mkdtempSync(join(tmpdir(), 'order-pipeline-bench-'));
      try {
        synthesize(outdir, maxConcurrency === undefined ? {} : { maxConcurrency });
        for (const loaded of [false, true]) {
          const cap = maxConcurrency ?? '2 (template default)';
          const condition = loaded ? `beside ${BUSY_LOOPS} busy loops` : 'quiet';
          const runs = await measureRuns(outdir, loaded);
          rows.push(rowOf(runs, `orders through the pipeline, maxConcurrency ${cap}, ${condition}`));
          figures[`maxConcurrency ${cap}, ${condition}`] = runs;
        }
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    return { rows, figures };
  },
};

async function measureRuns(assemblyDirectory: string, loaded: boolean): Promise<PipelineRun[]> {
  const runs: PipelineRun[] = [];
  for (let run = 0; run < RUNS; run++) {
    const loops = loaded ? startBusyLoops(BUSY_LOOPS, BUSY_LOOP_MAXIMUM_SECONDS) : undefined;
    try {
      runs.push(await measureRun(assemblyDirectory));
    } finally {
      loops?.stop();
    }
  }
  return runs;
}

async function measureRun(assemblyDirectory: string): Promise<PipelineRun> {
  const pipeline = await startPipelineCloud({
    assemblyDirectory,
    stackName: STACK_NAME,
    clock: scaledClock(TIME_SCALE),
  });
  try {
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    const producer = await generateOrders(pipeline.cloud, { count: ORDERS, invalidRatio: INVALID_RATIO });
    const settled = await waitUntilSettled(pipeline, SETTLE_DEADLINE_SECONDS);
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const report = await buildRunReport(pipeline.cloud, pipeline.ledger, {
      ordersNotQueued: producer.kind === 'queued' ? producer.failed.length : ORDERS,
      timeScale: TIME_SCALE,
      durationMs: seconds * 1000,
    });
    const cpuMsPerOrder = (cpu.user + cpu.system) / 1000 / ORDERS;
    return { ordersPerSecond: Math.round(ORDERS / seconds), seconds, cpuMsPerOrder, settled, report };
  } finally {
    await pipeline.cloud.stop();
  }
}

function rowOf(runs: readonly PipelineRun[], measure: string): BenchmarkRow {
  const speed = summarize(runs.map((run) => run.ordersPerSecond));
  const cpu = summarize(runs.map((run) => run.cpuMsPerOrder));
  const outcomes = runs.map(outcomeOf);
  return {
    measure,
    value: speed.median,
    unit: 'orders/s',
    detail:
      `median of ${runs.length} runs (${speed.min} to ${speed.max}; from the GenerateOrders invoke until every queue was empty); ` +
      `CPU ${cpu.median.toFixed(2)} ms per order; ` +
      (new Set(outcomes).size === 1 ? `each run: ${outcomes[0]}` : `runs: ${outcomes.join(' | ')}`),
  };
}

/** What happened to the orders in one run, and what it took. */
function outcomeOf({ settled, report }: PipelineRun): string {
  const processOrders = Object.entries(report.functions).find(([id]) => id.startsWith('ProcessOrders'))?.[1];
  const timeouts = Object.values(report.functions).reduce((sum, counts) => sum + counts.timeouts, 0);
  const reasons = new Map<string, number>();
  for (const rejection of report.rejections) {
    reasons.set(rejection.reason, (reasons.get(rejection.reason) ?? 0) + 1);
  }
  const rejected = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ') || 'none';
  return (
    `${timeouts} timeouts; stored ${report.ordersStored}, rejected ${rejected}, unaccounted ${report.ordersUnaccounted}` +
    `${settled ? '' : ', NOT settled before the deadline'}; ProcessOrders on ${processOrders?.instances} instances, ` +
    `peak concurrency ${processOrders?.peakConcurrency}`
  );
}
