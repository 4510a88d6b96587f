import {
  GENERATE_ORDERS_LIMITS,
  InvalidRequestError,
  parseGenerateOrdersRequest,
} from '../../../lambdas/generate-orders/generate-orders-request';

function problemsOf(payload: unknown): readonly string[] {
  try {
    parseGenerateOrdersRequest(payload);
  } catch (error) {
    if (error instanceof InvalidRequestError) return error.problems;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(payload)} to be rejected`);
}

describe('parseGenerateOrdersRequest', () => {
  test('an empty object asks for the demo orders', () => {
    expect(parseGenerateOrdersRequest({})).toStrictEqual({ kind: 'demo' });
  });

  test('count and invalidRatio ask for generated orders', () => {
    expect(parseGenerateOrdersRequest({ count: 20, invalidRatio: 0.25 })).toStrictEqual({
      kind: 'generated',
      count: 20,
      invalidRatio: 0.25,
    });
  });

  test('count alone asks for generated orders that are all valid', () => {
    expect(parseGenerateOrdersRequest({ count: 1 })).toStrictEqual({
      kind: 'generated',
      count: 1,
      invalidRatio: 0,
    });
  });

  test('the limits themselves are accepted', () => {
    expect(
      parseGenerateOrdersRequest({ count: GENERATE_ORDERS_LIMITS.maxOrders, invalidRatio: 1 }),
    ).toStrictEqual({
      kind: 'generated',
      count: 100_000,
      invalidRatio: 1,
    });
  });

  test('orders ask for those orders, the very array given', () => {
    const orders = [{ customerName: 'Ann' }, 'not an order', null];

    const request = parseGenerateOrdersRequest({ orders });

    expect(request).toStrictEqual({ kind: 'given', orders: [{ customerName: 'Ann' }, 'not an order', null] });
    expect(request.kind === 'given' && request.orders).toBe(orders);
  });

  test.each([
    [null, 'the payload must be a JSON object (given null)'],
    ['{}', 'the payload must be a JSON object (given "{}")'],
    [[{ customerName: 'Ann' }], 'the payload must be a JSON object (given an array of 1 entry)'],
    [42, 'the payload must be a JSON object (given 42)'],
    [undefined, 'the payload must be a JSON object (given nothing)'],
  ])('fails if the payload is not an object: %p', (payload, problem) => {
    expect(problemsOf(payload)).toStrictEqual([problem]);
  });

  test.each([
    [{ count: 0 }, 'count must be an integer from 1 to 100000 (given 0)'],
    [{ count: 100_001 }, 'count must be an integer from 1 to 100000 (given 100001)'],
    [{ count: 2.5 }, 'count must be an integer from 1 to 100000 (given 2.5)'],
    [{ count: '10' }, 'count must be an integer from 1 to 100000 (given "10")'],
    [{ count: null }, 'count must be an integer from 1 to 100000 (given null)'],
    [{ count: 10, invalidRatio: 2 }, 'invalidRatio must be a number from 0 to 1 (given 2)'],
    [{ count: 10, invalidRatio: -0.1 }, 'invalidRatio must be a number from 0 to 1 (given -0.1)'],
    [{ count: 10, invalidRatio: '0.5' }, 'invalidRatio must be a number from 0 to 1 (given "0.5")'],
    [{ invalidRatio: 0.5 }, 'invalidRatio needs a count (given invalidRatio 0.5 alone)'],
    [{ orders: [] }, 'orders must be an array of 1 to 100000 orders (given an array of 0 entries)'],
    [{ orders: { customerName: 'Ann' } }, 'orders must be an array of 1 to 100000 orders (given an object)'],
    [
      { orders: 'x'.repeat(100) },
      `orders must be an array of 1 to 100000 orders (given "${'x'.repeat(38)}…")`,
    ],
    [{ orders: [{}], count: 3 }, 'orders cannot be combined with count or invalidRatio'],
    [{ orders: [{}], invalidRatio: 0 }, 'orders cannot be combined with count or invalidRatio'],
    [{ cout: 10 }, 'unknown field "cout" (given 10); the fields are count, invalidRatio, orders'],
  ])('fails if a field is wrong: %p', (payload, problem) => {
    expect(problemsOf(payload)).toStrictEqual([problem]);
  });

  test('fails with every problem at once', () => {
    expect(problemsOf({ count: 0, invalidRatio: 2, extra: true })).toStrictEqual([
      'unknown field "extra" (given true); the fields are count, invalidRatio, orders',
      'count must be an integer from 1 to 100000 (given 0)',
      'invalidRatio must be a number from 0 to 1 (given 2)',
    ]);
  });

  test('fails if orders has more entries than the limit', () => {
    const orders = Array.from({ length: GENERATE_ORDERS_LIMITS.maxOrders + 1 }, () => ({}));

    expect(problemsOf({ orders })).toStrictEqual([
      'orders must be an array of 1 to 100000 orders (given an array of 100001 entries)',
    ]);
  });

  test('the error is named and quotes the accepted payloads', () => {
    expect(() => parseGenerateOrdersRequest({ count: 0 })).toThrow(
      expect.objectContaining({
        name: 'InvalidRequestError',
        message:
          'count must be an integer from 1 to 100000 (given 0); accepted payloads: ' +
          '{} | {"count": N, "invalidRatio": r} | {"orders": [...]}',
      }),
    );
  });
});
