import { scaledClock } from 'local-cloud';
import { startBusyLoops } from '../../bench/busy-loops';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import { generateOrderLoad, startPipelineCloud, waitUntilSettled } from '../../tools/pipeline-run';
import { DEFAULT_TIME_SCALE } from '../../tools/run-options';
import { buildRunReport, type RunReport } from '../../tools/run-report';
import { pipelineAssembly } from '../support/pipeline-assembly';

/**
 * 200 orders are enough: at least 20 batches queue up at once, a backlog that keeps more than the
 * template's two instances busy together, which is all a raised cap changes.
 */
const ORDERS = 200;
const INVALID_RATIO = 0.1;
const INVALID_ORDERS = ORDERS * INVALID_RATIO;
/** Real seconds a busy loop runs at the most, should the test never stop it. */
const BUSY_LOOP_SECONDS = 150;

/** Runs the demo's load on the stack in `outdir`, at the default time scale, and reports it. */
async function runOrders(outdir: string): Promise<RunReport> {
  const pipeline = await startPipelineCloud({
    assemblyDirectory: outdir,
    stackName: STACK_NAME,
    clock: scaledClock(DEFAULT_TIME_SCALE),
  });
  try {
    const started = Date.now();
    const producer = await generateOrderLoad(pipeline.cloud, { count: ORDERS, invalidRatio: INVALID_RATIO });
    expect(producer).toStrictEqual({ kind: 'queued', queued: ORDERS, failed: [] });
    expect(await waitUntilSettled(pipeline, 60)).toBe(true);
    return await buildRunReport(pipeline.cloud, pipeline.ledger, {
      ordersNotQueued: 0,
      timeScale: DEFAULT_TIME_SCALE,
      durationMs: Date.now() - started,
    });
  } finally {
    await pipeline.cloud.stop();
  }
}

function expectEveryOrderToKeepItsOutcome(report: RunReport): void {
  for (const [logicalId, counts] of Object.entries(report.functions)) {
    expect({ logicalId, timeouts: counts.timeouts }).toStrictEqual({ logicalId, timeouts: 0 });
  }
  expect(report.ordersStored).toBe(ORDERS - INVALID_ORDERS);
  expect(report.ordersUnaccounted).toBe(0);
  expect(report.rejections).toHaveLength(INVALID_ORDERS);
  for (const rejection of report.rejections) {
    expect(rejection.reason).toBe('INVALID_ORDER');
    expect(rejection.errors.length).toBeGreaterThan(0);
  }
}

describe('maxConcurrency 8 at the default time scale changes how fast orders go, never what happens to them', () => {
  let outdir = '';

  beforeAll(() => {
    outdir = pipelineAssembly({ maxConcurrency: '8' });
  }, 120_000);

  test(`${ORDERS} orders, ${INVALID_ORDERS} of them invalid: no timeouts, every invalid order rejected as INVALID_ORDER with its reason`, async () => {
    const report = await runOrders(outdir);

    expectEveryOrderToKeepItsOutcome(report);
    const processOrders = Object.entries(report.functions).find(([id]) => id.startsWith('ProcessOrders'));
    expect(processOrders?.[1].peakConcurrency).toBeGreaterThan(2);
  }, 150_000);

  test('the same with two CPU-bound busy loops beside it on this 2-core machine', async () => {
    const loops = startBusyLoops(2, BUSY_LOOP_SECONDS);
    try {
      const report = await runOrders(outdir);

      expectEveryOrderToKeepItsOutcome(report);
    } finally {
      loops.stop();
    }
  }, 150_000);
});
