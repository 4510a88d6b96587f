import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STACK_NAME } from '../lib/order-pipeline-app';
import { synthesize } from '../local/cli';
import { scaledClock } from '../local/clock';
import { generateOrders, startPipelineCloud, waitUntilSettled } from '../local/pipeline-run';
import { buildRunReport } from '../local/run-report';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';

const ORDERS = 2_000;
const INVALID_RATIO = 0.1;
const TIME_SCALE = 10;
const SETTLE_DEADLINE_SECONDS = 300;
/** The template's default cap (the lecture's 2), then a wider one given as context, as `-c` does. */
const CONCURRENCY_SETTINGS: readonly (string | undefined)[] = [undefined, '8'];

/**
 * Orders per second through the whole local pipeline: GenerateOrders, the orders queue,
 * ProcessOrders into the table, invalid orders through the DLQ into the rejected-orders table.
 */
export const pipelineThroughput: Benchmark = {
  name: 'pipeline',
  description: `${ORDERS} orders (${INVALID_RATIO * 100} % invalid) through the local cloud at time scale ${TIME_SCALE}`,
  async run(): Promise<BenchmarkResult> {
    const rows: BenchmarkRow[] = [];
    const figures: Record<string, unknown> = {};
    for (const maxConcurrency of CONCURRENCY_SETTINGS) {
      const outdir = mkdtempSync(join(tmpdir(), 'order-pipeline-bench-'));
      try {
        synthesize(outdir, maxConcurrency === undefined ? {} : { maxConcurrency });
        const pipeline = await startPipelineCloud({
          assemblyDirectory: outdir,
          stackName: STACK_NAME,
          clock: scaledClock(TIME_SCALE),
        });
        try {
          const started = Date.now();
          const producer = await generateOrders(pipeline.cloud, {
            count: ORDERS,
            invalidRatio: INVALID_RATIO,
          });
          const settled = await waitUntilSettled(pipeline, SETTLE_DEADLINE_SECONDS);
          const seconds = (Date.now() - started) / 1000;
          const report = await buildRunReport(pipeline.cloud, pipeline.ledger, {
            ordersNotQueued: producer.kind === 'queued' ? producer.failed.length : ORDERS,
            timeScale: TIME_SCALE,
            durationMs: seconds * 1000,
          });
          const processOrders = Object.entries(report.functions).find(([id]) =>
            id.startsWith('ProcessOrders'),
          )?.[1];
          const cap = maxConcurrency ?? '2 (template default)';
          const ordersPerSecond = Math.round(ORDERS / seconds);
          rows.push({
            measure: `orders through the pipeline, maxConcurrency ${cap}`,
            value: ordersPerSecond,
            unit: 'orders/s',
            detail:
              `${ORDERS} orders in ${seconds.toFixed(2)} s (from the GenerateOrders invoke until every queue was empty); ` +
              `stored ${report.ordersStored}, rejected ${report.ordersRejected}, unaccounted ${report.ordersUnaccounted}` +
              `${settled ? '' : ', NOT settled before the deadline'}; ProcessOrders ${processOrders?.invocations} invocations, ` +
              `peak concurrency ${processOrders?.peakConcurrency}`,
          });
          figures[`maxConcurrency ${cap}`] = { ordersPerSecond, seconds, settled, report };
        } finally {
          await pipeline.cloud.stop();
        }
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }
    return { rows, figures };
  },
};
