import { parseRoute, routeHash } from '../../src/console/ui/route';

describe('console routes', () => {
  test.each([
    ['', { view: 'overview' }],
    ['#timeline', { view: 'timeline' }],
    ['#queues/orders%2Fdlq', { view: 'queues', item: 'orders/dlq' }],
    ['#dead-letters/invocation/abc-1', { view: 'dead-letters', invocation: 'abc-1' }],
    ['#tables/Orders/invocation/x', { view: 'tables', item: 'Orders', invocation: 'x' }],
    ['#nonsense/5', { view: 'overview' }],
  ])('%s reads as %o', (hash, route) => {
    expect(parseRoute(hash)).toStrictEqual(route);
  });

  test('a route written as a fragment reads back the same', () => {
    const route = { view: 'queues', item: 'a b/c', invocation: 'r 1' } as const;

    expect(parseRoute(routeHash(route))).toStrictEqual(route);
  });
});
