import { type BatchSettlement, scaledClock } from 'local-cloud';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import {
  generateOrders,
  type PipelineCloud,
  startPipelineCloud,
  waitUntilSettled,
} from '../../tools/pipeline-run';
import { buildRunReport, type RunReport } from '../../tools/run-report';
import { pipelineAssembly } from '../support/pipeline-assembly';

/**
 * The local run follows the stack's settings, because it reads them from the template: give the
 * stack other settings (as `-c` context, the way `cdk deploy -c` does) and the local pollers follow.
 */
describe('a local run with maxConcurrency 3 and batch size 5 in the template', () => {
  let outdir = '';
  const settlements: BatchSettlement[] = [];
  let pipeline: PipelineCloud;
  let report: RunReport;

  beforeAll(async () => {
    outdir = pipelineAssembly({ maxConcurrency: '3', batchSize: '5', maxBatchingWindowSeconds: '1' });
    pipeline = await startPipelineCloud({
      assemblyDirectory: outdir,
      stackName: STACK_NAME,
      clock: scaledClock(10),
      onBatchSettled: (settlement) => settlements.push(settlement),
    });
    const started = Date.now();
    await generateOrders(pipeline.cloud, { count: 150, invalidRatio: 0.1 });
    await waitUntilSettled(pipeline, 120);
    report = await buildRunReport(pipeline.cloud, pipeline.ledger, {
      ordersNotQueued: 0,
      timeScale: 10,
      durationMs: Date.now() - started,
    });
  }, 240_000);

  afterAll(async () => {
    await pipeline?.cloud.stop();
  });

  const processOrders = () => {
    const entry = Object.entries(report.functions).find(([logicalId]) =>
      logicalId.startsWith('ProcessOrders'),
    );
    if (entry === undefined) throw new Error('no ProcessOrders in the report');
    return entry[1];
  };

  test('accounts for every order', () => {
    expect(report).toMatchObject({
      ordersSent: 150,
      ordersStored: 135,
      ordersRejected: 15,
      ordersUnaccounted: 0,
    });
  });

  test('never gives ProcessOrders a batch of more than 5 records', () => {
    const ordersBatches = settlements.filter(
      (settlement) => settlement.mapping === pipeline.ledger.mappingName,
    );
    expect(ordersBatches.length).toBeGreaterThanOrEqual(150 / 5);
    expect(Math.max(...ordersBatches.map((settlement) => settlement.records.length))).toBeLessThanOrEqual(5);
  });

  test('scales ProcessOrders out with the backlog, and never above 3 concurrent instances', () => {
    expect(processOrders().peakConcurrency).toBeLessThanOrEqual(3);
    expect(processOrders().peakInstances).toBeLessThanOrEqual(3);
    expect(processOrders().peakConcurrency).toBeGreaterThanOrEqual(2);
  });
});
