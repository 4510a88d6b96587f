import {
  InvalidParameterException,
  pageAfter,
  pageStream,
  parseStreamToken,
  streamToken,
} from '../../src/logs';

interface Item {
  readonly name: string;
  readonly time: number;
}

const items = (...names: string[]): Item[] => names.map((name, index) => ({ name, time: index }));
const byName = (item: Item) => [item.name];

describe('pageAfter', () => {
  test('pages in key order and returns a token only while more items follow', () => {
    const all = items('c', 'a', 'd', 'b', 'e');

    const first = pageAfter(all, { keyOf: byName, limit: 2 });
    const second = pageAfter(all, { keyOf: byName, limit: 2, nextToken: first.nextToken });
    const third = pageAfter(all, { keyOf: byName, limit: 2, nextToken: second.nextToken });

    expect([first, second, third].map((page) => page.items.map((item) => item.name))).toStrictEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
    expect(third.nextToken).toBeUndefined();
  });

  test('a full last page has no token either', () => {
    expect(pageAfter(items('a', 'b'), { keyOf: byName, limit: 2 })).toStrictEqual({ items: items('a', 'b') });
  });

  test('a token names a key, not an offset: items added before it are not repeated, none after it skipped', () => {
    const first = pageAfter(items('b', 'd'), { keyOf: byName, limit: 1 });

    const next = pageAfter(items('a', 'b', 'c', 'd'), {
      keyOf: byName,
      limit: 10,
      nextToken: first.nextToken,
    });

    expect(next.items.map((item) => item.name)).toStrictEqual(['c', 'd']);
  });

  test('pages descending, and by composite keys', () => {
    const all: Item[] = [
      { name: 'x', time: 5 },
      { name: 'y', time: 9 },
      { name: 'z', time: 5 },
    ];
    const keyOf = (item: Item) => [item.time, item.name];

    const first = pageAfter(all, { keyOf, limit: 2, descending: true });
    const rest = pageAfter(all, { keyOf, limit: 2, descending: true, nextToken: first.nextToken });

    expect(first.items.map((item) => item.name)).toStrictEqual(['y', 'z']);
    expect(rest.items.map((item) => item.name)).toStrictEqual(['x']);
  });

  test('stops a page before it passes the byte budget, but always returns at least one item', () => {
    const all = items('a', 'b', 'c');

    const page = pageAfter(all, { keyOf: byName, limit: 10, sizeOf: () => 600, maximumBytes: 1_000 });
    const oversized = pageAfter(all, { keyOf: byName, limit: 10, sizeOf: () => 5_000, maximumBytes: 1_000 });

    expect(page.items.map((item) => item.name)).toStrictEqual(['a']);
    expect(page.nextToken).toBeDefined();
    expect(oversized.items.map((item) => item.name)).toStrictEqual(['a']);
  });

  test.each(['garbage', Buffer.from('{"not":"a key"}').toString('base64url'), ''])(
    'refuses the token %p as CloudWatch Logs does',
    (nextToken) => {
      expect(() => pageAfter(items('a'), { keyOf: byName, limit: 1, nextToken })).toThrow(
        new InvalidParameterException('The specified nextToken is invalid.'),
      );
    },
  );
});

describe('pageStream', () => {
  const events = ['e0', 'e1', 'e2', 'e3', 'e4'].map((message, index) => ({ message, index }));
  const messages = (page: { events: { message: string }[] }) => page.events.map((event) => event.message);

  test('without a token: the newest events, or the oldest from the head', () => {
    expect(messages(pageStream(events, { limit: 2, end: 5 }))).toStrictEqual(['e3', 'e4']);
    expect(messages(pageStream(events, { limit: 2, end: 5, startFromHead: true }))).toStrictEqual([
      'e0',
      'e1',
    ]);
  });

  test('forward tokens read on to the end, where the same token comes back', () => {
    const first = pageStream(events, { limit: 3, end: 5, startFromHead: true });
    const second = pageStream(events, { limit: 3, end: 5, nextToken: first.nextForwardToken });
    const end = pageStream(events, { limit: 3, end: 5, nextToken: second.nextForwardToken });

    expect(messages(second)).toStrictEqual(['e3', 'e4']);
    expect(end.events).toStrictEqual([]);
    expect(end.nextForwardToken).toBe(second.nextForwardToken);
    expect(parseStreamToken(end.nextForwardToken)).toStrictEqual({ direction: 'f', index: 5 });
  });

  test('backward tokens read older events, and the same token comes back at the start', () => {
    const newest = pageStream(events, { limit: 2, end: 5 });
    const older = pageStream(events, { limit: 2, end: 5, nextToken: newest.nextBackwardToken });
    const oldest = pageStream(events, { limit: 2, end: 5, nextToken: older.nextBackwardToken });
    const start = pageStream(events, { limit: 2, end: 5, nextToken: oldest.nextBackwardToken });

    expect([newest, older, oldest].map(messages)).toStrictEqual([['e3', 'e4'], ['e1', 'e2'], ['e0']]);
    expect(start.nextBackwardToken).toBe(oldest.nextBackwardToken);
    expect(start.events).toStrictEqual([]);
  });

  test('a token saved at the end finds events appended later', () => {
    const atEnd = pageStream(events, { limit: 10, end: 5 });
    const appended = [...events, { message: 'e5', index: 5 }];

    expect(
      messages(pageStream(appended, { limit: 10, end: 6, nextToken: atEnd.nextForwardToken })),
    ).toStrictEqual(['e5']);
  });

  test('stops a page before it passes the byte budget, counting from where it starts reading', () => {
    const budget = { limit: 10, end: 5, sizeOf: () => 400, maximumBytes: 1_000 };

    expect(messages(pageStream(events, { ...budget, startFromHead: true }))).toStrictEqual(['e0', 'e1']);
    expect(messages(pageStream(events, budget))).toStrictEqual(['e3', 'e4']);
  });

  test('an empty stream answers tokens at its end in both directions', () => {
    const page = pageStream([], { limit: 10, end: 0 });

    expect(page).toStrictEqual({
      events: [],
      nextForwardToken: streamToken({ direction: 'f', index: 0 }),
      nextBackwardToken: streamToken({ direction: 'b', index: 0 }),
    });
  });

  test('tokens look like CloudWatch Logs ones and others are refused', () => {
    expect(streamToken({ direction: 'f', index: 42 })).toBe(`f/${'42'.padStart(56, '0')}/s`);
    expect(() => parseStreamToken('f/x/s')).toThrow(InvalidParameterException);
  });
});
