import { setTimeout as sleep } from 'node:timers/promises';
import {
  type PollerClock,
  SqsEventSourcePoller,
  type SqsEventSourceSettings,
  type SqsPollerDependencies,
} from '../../src/event-source-mapping/sqs-poller';
import type { FakeQueue } from './fake-queue';

/** The wall clock, as a poller's clock. */
export const realClock = {
  now: () => Date.now(),
  sleep: (ms: number) => sleep(ms).then(() => undefined),
  scale: 1,
};

/** The settings of the pipeline's ProcessOrders mapping; override what a test needs. */
export function settingsFor(overrides: Partial<SqsEventSourceSettings> = {}): SqsEventSourceSettings {
  return {
    name: 'ProcessOrdersMapping',
    queueUrl: 'http://127.0.0.1:1/000000000000/orders',
    queueArn: 'arn:aws:sqs:us-east-1:000000000000:orders',
    region: 'us-east-1',
    batchSize: 10,
    maximumBatchingWindowSeconds: 0,
    maximumConcurrency: 2,
    reportBatchItemFailures: true,
    ...overrides,
  };
}

/** A poller on a fake queue, on the real clock unless told, re-polling at once while the queue is empty. */
export function pollerOn(
  queue: FakeQueue,
  settings: SqsEventSourceSettings,
  dependencies: Omit<SqsPollerDependencies, 'sqs' | 'clock'> & { readonly clock?: PollerClock },
): SqsEventSourcePoller {
  return new SqsEventSourcePoller(settings, {
    sqs: queue.client,
    clock: realClock,
    idleWaitSeconds: 0,
    ...dependencies,
  });
}

/** The wall clock run `scale` times faster, as a poller's clock (a time-scaled cloud's). */
export function fastClock(scale: number) {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * scale,
    sleep: (ms: number) => sleep(ms / scale).then(() => undefined),
    scale,
  };
}
