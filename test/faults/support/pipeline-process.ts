/**
 * The order pipeline's local cloud in a process of its own, for the scenario that kills it with
 * SIGKILL: it starts the cloud on a state directory (resuming its cloud time), sends the orders of
 * a file through GenerateOrders when given one, waits until everything settles and stops. It
 * reports on stdout, one JSON object a line (see {@link PipelineProcessEvent}); SIGTERM stops it
 * cleanly.
 *
 * Usage: node -r ts-node/register/transpile-only pipeline-process.ts ASSEMBLY_DIR STATE_DIR TIME_SCALE [ORDERS_FILE]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resumedClock } from 'local-cloud';
import { STACK_NAME } from '../../../lib/order-pipeline-app';
import { orderIdIn } from '../../../shared/order-records';
import { generateOrders, startPipelineCloud, waitUntilSettled } from '../../../tools/pipeline-run';

/** What the process reports, a line each. */
export type PipelineProcessEvent =
  | { readonly event: 'started' }
  | { readonly event: 'queued'; readonly queued: number; readonly failed: number }
  | { readonly event: 'batch'; readonly orderIds: readonly string[]; readonly deleted: number }
  | { readonly event: 'settled'; readonly settled: boolean }
  | { readonly event: 'failed'; readonly error: string };

/** Real seconds the process waits for the queues to empty. */
const SETTLE_TIMEOUT_SECONDS = 180;

function report(event: PipelineProcessEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main([assemblyDirectory, stateDirectory, timeScale, ordersFile]: string[]): Promise<void> {
  mkdirSync(stateDirectory, { recursive: true });
  const clock = resumedClock(stateDirectory, Number(timeScale));
  let ordersMapping: string | undefined;
  const pipeline = await startPipelineCloud({
    assemblyDirectory,
    stackName: STACK_NAME,
    clock: clock.clock,
    stateDirectory,
    onBatchSettled: (settlement) => {
      if (settlement.mapping !== ordersMapping) return;
      const orderIds = settlement.records.map((record) => {
        try {
          return orderIdIn(JSON.parse(record.body)) ?? '';
        } catch {
          return '';
        }
      });
      report({ event: 'batch', orderIds, deleted: settlement.deleted });
    },
  });
  ordersMapping = pipeline.ledger.mappingName;
  const stop = async () => {
    await pipeline.cloud.stop();
    clock.stop();
  };
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  report({ event: 'started' });
  if (ordersFile !== undefined) {
    const orders: unknown[] = JSON.parse(readFileSync(ordersFile, 'utf8'));
    const producer = await generateOrders(pipeline.cloud, { orders });
    if (producer.kind !== 'queued') throw new Error(`GenerateOrders answered ${JSON.stringify(producer)}`);
    report({ event: 'queued', queued: producer.queued, failed: producer.failed.length });
  }
  report({ event: 'settled', settled: await waitUntilSettled(pipeline, SETTLE_TIMEOUT_SECONDS) });
  await stop();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  report({ event: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
