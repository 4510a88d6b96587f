import { setTimeout as sleep } from 'node:timers/promises';
import { LocalCloud, type LocalCloudOptions, messagesOn } from 'local-cloud';
import type { StackOutputName } from '../lib/stack-outputs';
import { OrderLedger } from './order-ledger';

/** How often a run checks whether everything has settled, in real milliseconds. */
const SETTLE_CHECK_MILLISECONDS = 200;

/** The local cloud of the order pipeline, with the ledger of what entered the orders queue. */
export interface PipelineCloud {
  readonly cloud: LocalCloud;
  readonly ledger: OrderLedger;
}

/** What GenerateOrders answered. */
export type ProducerOutcome =
  | { readonly kind: 'queued'; readonly queued: number; readonly failed: readonly unknown[] }
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'failed'; readonly error: string };

/** Starts the local cloud and wires the ledger to the event source mapping of the orders queue. */
export async function startPipelineCloud(options: LocalCloudOptions): Promise<PipelineCloud> {
  const ledger = new OrderLedger();
  const cloud = await LocalCloud.start({
    ...options,
    onBatchSettled: (settlement) => {
      ledger.record(settlement);
      options.onBatchSettled?.(settlement);
    },
  });
  const ordersQueueUrl = stackOutput(cloud, 'OrdersQueueUrl');
  const ordersQueueArn = cloud.stack.queues.find((queue) => queue.queueUrl === ordersQueueUrl)?.queueArn;
  const mapping = cloud.stack.eventSourceMappings.find(
    (candidate) => candidate.eventSourceArn === ordersQueueArn,
  );
  if (mapping === undefined) {
    await cloud.stop();
    throw new Error('no event source mapping of the stack reads the orders queue');
  }
  ledger.useMapping(mapping.logicalId);
  return { cloud, ledger };
}

/**
 * A stack output with its local value: the pipeline's resources are found the way the README's
 * walkthrough finds them in AWS, never by guessing logical ids.
 */
export function stackOutput(cloud: LocalCloud, name: StackOutputName): string {
  const value = cloud.stack.outputs[name];
  if (value === undefined) throw new Error(`the stack has no output ${name}; is cdk.out from another app?`);
  return value;
}

/** Invokes GenerateOrders with a payload, as `aws lambda invoke` would. */
export async function generateOrders(cloud: LocalCloud, payload: unknown): Promise<ProducerOutcome> {
  const result = await cloud.lambda.invoke(stackOutput(cloud, 'GenerateOrdersFunctionName'), payload);
  if (result.functionError !== undefined) {
    return { kind: 'failed', error: `${result.error?.errorType}: ${result.error?.errorMessage}` };
  }
  const answer = result.payload as { queued?: number; failed?: unknown[]; error?: string; message?: string };
  if (answer.error !== undefined) return { kind: 'refused', message: String(answer.message) };
  return { kind: 'queued', queued: answer.queued ?? 0, failed: answer.failed ?? [] };
}

/**
 * The most orders one GenerateOrders invocation is asked for. It sends about a thousand orders a
 * second here, so this takes about 20 of its 60 s timeout, which is real time at any time scale; a
 * bigger load is asked for in several invocations, one after the other, as a user would with the CLI.
 */
export const ORDERS_PER_INVOCATION = 20_000;

/**
 * Asks GenerateOrders for `count` orders in invocations of at most {@link ORDERS_PER_INVOCATION},
 * stopping at the first that fails or is refused.
 */
export async function generateOrderLoad(
  cloud: LocalCloud,
  request: { readonly count: number; readonly invalidRatio: number },
  onInvocation?: (requested: number, outcome: ProducerOutcome) => void,
): Promise<ProducerOutcome> {
  const perInvocation = ORDERS_PER_INVOCATION;
  let queued = 0;
  const failed: unknown[] = [];
  for (let remaining = request.count; remaining > 0; remaining -= perInvocation) {
    const count = Math.min(perInvocation, remaining);
    const outcome = await generateOrders(cloud, { count, invalidRatio: request.invalidRatio });
    onInvocation?.(count, outcome);
    if (outcome.kind !== 'queued') return outcome;
    queued += outcome.queued;
    failed.push(...outcome.failed);
  }
  return { kind: 'queued', queued, failed };
}

/**
 * Waits until every queue is empty and no function is running, twice in a row (a batch moving
 * between two queues shows on neither for an instant). Gives up after `stallSeconds` real seconds in
 * which nothing moved (no message received, no queue depth changed), however long the whole run is.
 *
 * @returns whether everything settled.
 */
export async function waitUntilSettled(
  { cloud, ledger }: PipelineCloud,
  stallSeconds: number,
  onProgress?: (messagesReceived: number) => void,
): Promise<boolean> {
  let lastChange = Date.now();
  let lastState = '';
  let quietChecks = 0;
  while (Date.now() - lastChange < stallSeconds * 1000) {
    const depths = await cloud.queueDepths();
    const queued = depths.reduce((sum, queue) => sum + messagesOn(queue), 0);
    const busy = Object.values(cloud.lambda.statistics()).reduce((sum, fn) => sum + fn.busy, 0);
    onProgress?.(ledger.messagesReceived);
    quietChecks = queued === 0 && busy === 0 ? quietChecks + 1 : 0;
    if (quietChecks >= 2) return true;
    const state = `${ledger.messagesReceived} ${depths.map((depth) => `${depth.visible}/${depth.inFlight}/${depth.delayed}`)}`;
    if (state !== lastState) {
      lastState = state;
      lastChange = Date.now();
    }
    await sleep(SETTLE_CHECK_MILLISECONDS);
  }
  return false;
}
