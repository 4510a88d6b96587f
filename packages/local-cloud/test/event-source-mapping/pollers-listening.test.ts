import {
  type ListenedQueues,
  type ListeningPoller,
  pollersListening,
} from '../../src/event-source-mapping/pollers-listening';

/** Queues whose parked receives and stored messages the test sets. */
function fakeQueues(): ListenedQueues & { parked: Map<string, number>; stored: Map<string, number> } {
  const parked = new Map<string, number>();
  const stored = new Map<string, number>();
  return {
    parked,
    stored,
    pendingReceives: (queueUrl) => parked.get(queueUrl) ?? 0,
    storedMessages: (queueUrl) => stored.get(queueUrl) ?? 0,
  };
}

function poller(queueUrl: string, activeLanes: number): ListeningPoller {
  return { activeLanes, currentSettings: { queueUrl } };
}

describe('waiting for the pollers to listen', () => {
  test('resolves once each polling mapping has two receives parked on its queue', async () => {
    const queues = fakeQueues();
    queues.parked.set('orders', 1);
    const listening = pollersListening([poller('orders', 5), poller('dlq', 5)], queues, 2_000);
    let settled = false;
    void listening.then(() => {
      settled = true;
    });

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    queues.parked.set('orders', 2);
    queues.parked.set('dlq', 3);

    await expect(listening).resolves.toBe(true);
  });

  test('a mapping with one lane needs one parked receive, and one not polling needs none', async () => {
    const queues = fakeQueues();
    queues.parked.set('single', 1);

    await expect(pollersListening([poller('single', 1), poller('disabled', 0)], queues, 0)).resolves.toBe(
      true,
    );
  });

  test('does not wait for a queue that already holds messages: its pollers are receiving them', async () => {
    const queues = fakeQueues();
    queues.stored.set('restored', 40);

    await expect(pollersListening([poller('restored', 5)], queues, 0)).resolves.toBe(true);
  });

  test('gives up after the time allowed and says so', async () => {
    const queues = fakeQueues();
    queues.parked.set('orders', 1);

    await expect(pollersListening([poller('orders', 5)], queues, 30)).resolves.toBe(false);
  });
});
