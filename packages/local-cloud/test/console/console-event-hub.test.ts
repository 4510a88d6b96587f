import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { LocalCloud } from '../../src/cloud';
import type { ConsoleEvent } from '../../src/console/console-contract';
import { ConsoleEventHub, EVENT_INTERVAL_MS, HEARTBEAT_INTERVAL_MS } from '../../src/console/console-events';
import { LOG_GROUP, type RecorderWorld, recorderWorld } from './recorder-fixture';

const LANE = '2026/01/01/[$LATEST]aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** A response that keeps what is written to it. */
class FakeResponse extends EventEmitter {
  readonly chunks: string[] = [];
  ended = false;
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.ended = true;
  }
  /** The events written, parsed, in order. */
  events(): ConsoleEvent[] {
    return this.chunks
      .filter((chunk) => chunk.startsWith('event: '))
      .map((chunk) => JSON.parse(chunk.slice(chunk.indexOf('data: ') + 6)) as ConsoleEvent);
  }
}

describe('ConsoleEventHub', () => {
  let world: RecorderWorld;
  let hub: ConsoleEventHub;

  beforeEach(() => {
    jest.useFakeTimers();
    world = recorderWorld();
    const cloud = {
      activity: world.recorder,
      logs: world.logs,
      sqs: { model: world.sqs },
      cloudWatch: { describeAlarms: () => [] },
    } as unknown as LocalCloud;
    hub = new ConsoleEventHub(cloud);
  });

  afterEach(() => {
    hub.close();
    world.close();
    jest.useRealTimers();
  });

  function open(following?: Parameters<ConsoleEventHub['open']>[1]): FakeResponse {
    const response = new FakeResponse();
    hub.open(response as unknown as ServerResponse, following);
    return response;
  }

  test('says hello first, then gathers invocations and sends them at most every 250 ms', () => {
    const response = open();
    for (let index = 0; index < 30; index++) world.invoke(LANE, `r-${index}`);

    expect(response.events().map((event) => event.type)).toStrictEqual(['hello']);
    jest.advanceTimersByTime(EVENT_INTERVAL_MS);
    const sent = response.events().filter((event) => event.type === 'invocations');
    expect(sent).toHaveLength(1);
    expect(sent[0].type === 'invocations' && sent[0].invocations.map((bar) => bar.requestId)).toHaveLength(
      30,
    );
    expect(response.events()[0]).toStrictEqual({
      type: 'hello',
      startedMs: world.recorder.startedMs,
      nowMs: expect.any(Number),
    });
  });

  test('sends queue depths when they change, and not again while they stay', () => {
    const response = open();
    world.sqs.sendMessage({ QueueUrl: world.sourceUrl, MessageBody: 'x' });
    jest.advanceTimersByTime(EVENT_INTERVAL_MS * 3);

    const depths = response.events().filter((event) => event.type === 'depths');
    expect(depths).toHaveLength(1);
    expect(depths[0]).toMatchObject({ depths: { 'Stack-Inbox': { visible: 1, inFlight: 0, delayed: 0 } } });
  });

  test('sends log lines only to a stream that follows their group, filtered', () => {
    const following = open({ logGroup: LOG_GROUP, matches: (message) => message.includes('working') });
    const plain = open();
    world.invoke(LANE, 'r-1');
    jest.advanceTimersByTime(EVENT_INTERVAL_MS);

    const logs = following.events().filter((event) => event.type === 'log');
    expect(logs).toHaveLength(1);
    expect(logs[0].type === 'log' && logs[0].lines.map((line) => line.message)).toStrictEqual([
      '2026-01-01T00:00:00.000Z\tr-1\tINFO\tworking',
    ]);
    expect(plain.events().some((event) => event.type === 'log')).toBe(false);
  });

  test('sends each dead letter that arrived or changed once per flush, as it is now', () => {
    const response = open();
    world.sqs.sendMessage({ QueueUrl: world.deadLetterUrl, MessageBody: 'dead' });
    jest.advanceTimersByTime(EVENT_INTERVAL_MS);
    world.sqs.purgeQueue({ QueueUrl: world.deadLetterUrl });
    world.recorder.markRedriven('dl-1', 'new-id');
    jest.advanceTimersByTime(EVENT_INTERVAL_MS);

    const sent = response.events().filter((event) => event.type === 'dead-letter');
    expect(sent).toMatchObject([
      { deadLetter: { id: 'dl-1', body: 'dead', onQueue: true } },
      { deadLetter: { id: 'dl-1', onQueue: false, redriven: { messageId: 'new-id' } } },
    ]);
    expect(sent).toHaveLength(2);
  });

  test('keeps an idle stream open with a comment every 15 s', () => {
    const response = open();
    jest.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);

    expect(response.chunks.filter((chunk) => chunk === ': heartbeat\n\n')).toHaveLength(1);
  });

  test('listens to nothing once its last stream is gone, and close ends every stream', () => {
    const gone = open();
    gone.emit('close');
    world.invoke(LANE, 'r-1');
    jest.advanceTimersByTime(EVENT_INTERVAL_MS);
    const open1 = open();
    const open2 = open();

    hub.close();

    expect(gone.events().map((event) => event.type)).toStrictEqual(['hello']);
    expect([open1.ended, open2.ended]).toStrictEqual([true, true]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
