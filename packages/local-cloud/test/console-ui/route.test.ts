import { parseRoute, routeHash } from '../../src/console/ui/route';

describe('console routes', () => {
  test.each([
    ['', { view: 'overview' }],
    ['#timeline', { view: 'timeline' }],
    ['#queues/orders%2Fdlq', { view: 'queues', item: 'orders/dlq' }],
    ['#dead-letters/invocation/abc-1', { view: 'dead-letters', invocation: 'abc-1' }],
    ['#tables/Orders/invocation/x', { view: 'tables', item: 'Orders', invocation: 'x' }],
    ['#nonsense/5', { view: 'overview' }],
    ['#tables/Rejected?groupBy=reason', { view: 'tables', item: 'Rejected', groupBy: 'reason' }],
    ['#/tables/Rejected?groupBy=reason', { view: 'tables', item: 'Rejected', groupBy: 'reason' }],
    ['#tables/a%3Fb?groupBy=x%2Fy%3Fz', { view: 'tables', item: 'a?b', groupBy: 'x/y?z' }],
    ['#tables/Rejected?groupBy=', { view: 'tables', item: 'Rejected' }],
    ['#tables?groupBy=reason', { view: 'tables', groupBy: 'reason' }],
    [
      '#tables/Orders/invocation/x?groupBy=id',
      { view: 'tables', item: 'Orders', invocation: 'x', groupBy: 'id' },
    ],
  ])('%s reads as %o', (hash, route) => {
    expect(parseRoute(hash)).toStrictEqual(route);
  });

  test('a route written as a fragment reads back the same', () => {
    const route = { view: 'queues', item: 'a b/c', invocation: 'r 1' } as const;

    expect(parseRoute(routeHash(route))).toStrictEqual(route);
  });

  test('a table grouped by an attribute is a link of its own, read back the same', () => {
    const route = { view: 'tables', item: 'Rejected Orders?', groupBy: 'reason & more' } as const;

    expect(routeHash(route)).toBe('#tables/Rejected%20Orders%3F?groupBy=reason%20%26%20more');
    expect(parseRoute(routeHash(route))).toStrictEqual(route);
  });
});
