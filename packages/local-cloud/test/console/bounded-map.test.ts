import { BoundedMap } from '../../src/console/bounded-map';

describe('BoundedMap', () => {
  test('forgets the oldest key past its capacity, and tells which', () => {
    const evicted: [string, number][] = [];
    const map = new BoundedMap<string, number>(2, (key, value) => evicted.push([key, value]));

    map.set('a', 1).set('b', 2).set('a', 10).set('c', 3);

    expect([...map.values()]).toStrictEqual([2, 3]);
    expect(map.has('a')).toBe(false);
    expect(evicted).toStrictEqual([['a', 10]]);
  });

  test('a deleted key leaves room, and is not evicted in place of a live one', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.delete('a');
    map.set('c', 3).set('d', 4);

    expect([...map.values()]).toStrictEqual([3, 4]);
    expect(map.size).toBe(2);
  });

  test('evicts in constant time and keeps its queue small over many sets and deletes', () => {
    // With a Map's first key as the oldest, this took minutes: jest's timeout would fail it.
    const map = new BoundedMap<number, number>(100_000);
    for (let key = 0; key < 400_000; key++) {
      map.set(key, key);
      if (key % 2 === 0) map.delete(key);
    }

    expect(map.size).toBe(100_000);
    expect(Math.min(...map.values())).toBe(200_001);
  });

  test('fails for a capacity that is not a positive integer, naming it', () => {
    expect(() => new BoundedMap(0)).toThrow("a bounded map's capacity must be a positive integer (given 0)");
  });
});
