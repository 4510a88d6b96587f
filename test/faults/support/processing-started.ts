import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultRun } from './run-under-fault';

/** How often the wait looks at ProcessOrders' statistics, in real milliseconds. */
const CHECK_INTERVAL_MS = 20;

/**
 * Resolves once ProcessOrders has been invoked `invocations` times, so a fault that lasts a while
 * starts with the processing rather than with the cold starts before it.
 *
 * @throws after `timeoutMs` real milliseconds without that many invocations.
 */
export async function processingStarted(run: FaultRun, invocations = 1, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const statistics = run.cloud.lambda.statistics();
    const processOrders = Object.values(statistics).find(
      (candidate) => candidate.functionName === run.processOrdersFunctionName,
    );
    if ((processOrders?.invocations ?? 0) >= invocations) return;
    await sleep(CHECK_INTERVAL_MS);
  }
  throw new Error(`ProcessOrders was not invoked ${invocations} time(s) within ${timeoutMs} ms`);
}
