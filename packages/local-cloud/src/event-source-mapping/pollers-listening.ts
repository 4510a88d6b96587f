import { setTimeout as sleep } from 'node:timers/promises';

/** How long, in real milliseconds, a start waits for the pollers to be listening before it goes on. */
export const POLLERS_LISTENING_TIMEOUT_MS = 5_000;
/** How often the wait looks, in real milliseconds. */
const CHECK_INTERVAL_MS = 10;

/** What the wait reads of a mapping's poller. */
export interface ListeningPoller {
  /** Pollers gathering or invoking now: 0 for a mapping that is not polling. */
  readonly activeLanes: number;
  readonly currentSettings: { readonly queueUrl: string };
}

/** What the wait reads of the queues. */
export interface ListenedQueues {
  /** Long-poll receives parked on the queue. */
  pendingReceives(queueUrl: string): number;
  /** Messages the queue holds, visible, in flight or delayed. */
  storedMessages(queueUrl: string): number;
}

/** Whether a mapping is ready for a burst: its first pollers are parked, or it has work already. */
function listening(poller: ListeningPoller, queues: ListenedQueues): boolean {
  const { queueUrl } = poller.currentSettings;
  // Two parked receives are enough for a burst to be shared, as between a deployed mapping's pollers.
  if (queues.pendingReceives(queueUrl) >= Math.min(2, poller.activeLanes)) return true;
  // A queue restored with messages keeps its pollers receiving, never parked: nothing to wait for.
  return queues.storedMessages(queueUrl) > 0;
}

/**
 * Resolves once every polling mapping's pollers are long-polling their queue, or after `timeoutMs`
 * real milliseconds; resolves whether they were. A deployed mapping's pollers listen long before
 * anyone sends, but on a busy machine a cloud that just started may not have parked a receive yet:
 * a burst sent then goes whole to the one poller that has, and runs in one instance where AWS runs
 * several.
 */
export async function pollersListening(
  pollers: readonly ListeningPoller[],
  queues: ListenedQueues,
  timeoutMs = POLLERS_LISTENING_TIMEOUT_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!pollers.every((poller) => listening(poller, queues))) {
    if (Date.now() >= deadline) return false;
    await sleep(CHECK_INTERVAL_MS);
  }
  return true;
}
