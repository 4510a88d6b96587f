import type { ConsoleEvent } from '../../src/console/console-contract';
import { type ConsoleWorld, startConsoleWorld, WAIT_DEADLINE_MS } from './console-fixture';

/** An open `GET events` stream, read event by event. */
interface EventStream {
  /** The next event of this type, skipping others; fails after the deadline. */
  next<T extends ConsoleEvent['type']>(type: T): Promise<Extract<ConsoleEvent, { type: T }>>;
  /** Every event read so far, in order. */
  readonly seen: ConsoleEvent[];
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  cancel(): Promise<void>;
}

async function openEvents(url: string): Promise<EventStream> {
  const response = await fetch(url);
  if (response.body === null || response.status !== 200)
    throw new Error(`events answered ${response.status}`);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const seen: ConsoleEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        const type = block.split('\n').find((line) => line.startsWith('event: '));
        if (data !== undefined) {
          const event = JSON.parse(data.slice('data: '.length)) as ConsoleEvent;
          expect(type).toBe(`event: ${event.type}`);
          seen.push(event);
        }
        end = buffer.indexOf('\n\n');
      }
      for (const wake of waiters.splice(0)) wake();
    }
  })();
  let cursor = 0;
  return {
    seen,
    ended,
    cancel: () => reader.cancel(),
    async next(type) {
      const deadline = Date.now() + WAIT_DEADLINE_MS;
      for (;;) {
        while (cursor < seen.length) {
          const event = seen[cursor++];
          if (event.type === type) return event as Extract<ConsoleEvent, { type: typeof type }>;
        }
        if (Date.now() > deadline) throw new Error(`no ${type} event within ${WAIT_DEADLINE_MS} ms`);
        await Promise.race([
          new Promise<void>((wake) => waiters.push(wake)),
          ended,
          new Promise((r) => setTimeout(r, 200)),
        ]);
      }
    },
  };
}

describe('the console pushes what happens as Server-Sent Events', () => {
  let world: ConsoleWorld;
  let inbox: string;
  let logGroup: string;

  beforeAll(async () => {
    world = await startConsoleWorld();
    inbox = world.cloud.stack.queues.find((queue) => queue.logicalId === 'Inbox')?.queueName ?? '';
    logGroup = world.cloud.stack.functions[0].logGroupName;
  });

  afterAll(() => world?.stop());

  /** 3 real seconds at the fixture's time scale of 10. */
  const DELAY_SECONDS = 30;
  const eventsUrl = (query = '') => `${world.origin}/_console/api/events${query}`;

  test('a stream says hello first, then the invocations and queue depths a sent message causes', async () => {
    const stream = await openEvents(eventsUrl());
    try {
      const hello = await stream.next('hello');
      // Delayed, so the queue holds it across several 250 ms flushes, however busy the machine:
      // a message received and deleted between two flushes leaves the depths as they were.
      await world.post(`queues/${inbox}/messages`, { body: 'ok streamed', delaySeconds: DELAY_SECONDS });
      let depths = await stream.next('depths');
      while (depths.depths[inbox]?.delayed !== 1) depths = await stream.next('depths');
      const invocations = await stream.next('invocations');

      expect(stream.seen[0]).toStrictEqual({
        type: 'hello',
        startedMs: world.cloud.activity.startedMs,
        nowMs: expect.any(Number),
      });
      expect(hello.startedMs).toBe(world.cloud.activity.startedMs);
      expect(depths.depths[inbox]).toStrictEqual({ visible: 0, inFlight: 0, delayed: 1 });
      expect(invocations.invocations[0]).toMatchObject({
        functionName: world.cloud.stack.functions[0].functionName,
      });
    } finally {
      await stream.cancel();
    }
  });

  test('a stream opened with ?logGroup= and a filter pattern gets the matching lines only; others get no lines', async () => {
    const filter = encodeURIComponent('{ $.level = "WARN" }');
    const following = await openEvents(
      eventsUrl(`?logGroup=${encodeURIComponent(logGroup)}&filter=${filter}`),
    );
    const plain = await openEvents(eventsUrl());
    try {
      await following.next('hello');
      await world.post(`queues/${inbox}/messages`, { body: 'fail streamed' });
      const { lines } = await following.next('log');
      await following.next('invocations');
      await plain.next('invocations');

      expect(lines.length).toBeGreaterThan(0);
      expect(
        lines.every((line) => line.logGroupName === logGroup && line.message.includes('"level":"WARN"')),
      ).toBe(true);
      expect(plain.seen.some((event) => event.type === 'log')).toBe(false);
    } finally {
      await following.cancel();
      await plain.cancel();
    }
  });

  test('a stream with a filter pattern it cannot read is refused with a 400', async () => {
    const response = await fetch(
      eventsUrl(`?logGroup=${encodeURIComponent(logGroup)}&filter=${encodeURIComponent('{ $.a = }')}`),
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toStrictEqual({ error: expect.stringMatching(/^bad filter pattern/) });
  });

  test('a stream following a log group there is not is refused with a 404 naming it', async () => {
    const response = await fetch(eventsUrl('?logGroup=%2Fno%2Fsuch'));

    expect(response.status).toBe(404);
    expect(await response.json()).toStrictEqual({ error: 'no log group named /no/such' });
  });

  test('closing the console ends its open streams', async () => {
    const stream = await openEvents(eventsUrl());
    await stream.next('hello');

    await world.console.close();

    await expect(stream.ended).resolves.toBeUndefined();
  });
});
