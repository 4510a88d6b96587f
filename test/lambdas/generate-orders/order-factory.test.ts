import {
  createOrders,
  INVALID_ORDER_VARIANTS,
  invalidOrderPositions,
} from '../../../lambdas/generate-orders/order-factory';
import { validateOrder } from '../../../shared/order-validation';

function positionsOfInvalid(orders: readonly Record<string, unknown>[]): number[] {
  return orders.flatMap((order, index) =>
    validateOrder({ ...order, orderId: `order-${index}` }).valid ? [] : [index],
  );
}

describe('createOrders', () => {
  test.each([
    [10, 0, 0],
    [10, 0.2, 2],
    [10, 1, 10],
    [7, 0.5, 4],
    [3, 0.1, 0],
    [1000, 0.333, 333],
  ])('%i orders with invalidRatio %p hold exactly %i invalid ones', (count, invalidRatio, invalidCount) => {
    const orders = createOrders(count, invalidRatio);

    expect(orders).toHaveLength(count);
    expect(positionsOfInvalid(orders)).toHaveLength(invalidCount);
  });

  test('valid orders are named after their position', () => {
    expect(createOrders(3, 0)).toStrictEqual([
      { customerName: 'User0', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User1', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User2', customerAddress: '1 Main Street', items: [] },
    ]);
  });

  test('invalid orders sit at the evenly spread positions, the same on every call', () => {
    const orders = createOrders(10, 0.2);

    expect(positionsOfInvalid(orders)).toStrictEqual([2, 7]);
    expect(createOrders(10, 0.2)).toStrictEqual(orders);
  });

  test('invalid orders take the variants in turn, each rejected for its own reason', () => {
    const orders = createOrders(INVALID_ORDER_VARIANTS.length, 1);

    const errors = orders.map((order) => {
      const verdict = validateOrder({ ...order, orderId: 'an-id' });
      return verdict.valid ? [] : verdict.errors;
    });
    expect(errors).toStrictEqual([
      ['customerAddress: is required'],
      ['customerName: must NOT have fewer than 1 characters'],
      ['items: must be an array'],
      ['items[0]: must NOT have fewer than 1 characters'],
      ['discount: is not an order field'],
    ]);
  });
});

describe('invalidOrderPositions', () => {
  test.each([
    [10, 2, [2, 7]],
    [10, 0, []],
    [4, 4, [0, 1, 2, 3]],
    [100, 3, [16, 50, 83]],
  ])('spreads %i orders with %i invalid as %p', (count, invalidCount, positions) => {
    expect(invalidOrderPositions(count, invalidCount)).toStrictEqual(positions);
  });

  test('positions are distinct and inside the list for every count', () => {
    for (let count = 1; count <= 60; count += 1) {
      for (let invalidCount = 0; invalidCount <= count; invalidCount += 1) {
        const positions = invalidOrderPositions(count, invalidCount);
        expect(new Set(positions).size).toBe(invalidCount);
        expect(positions.every((position) => position >= 0 && position < count)).toBe(true);
      }
    }
  });
});
