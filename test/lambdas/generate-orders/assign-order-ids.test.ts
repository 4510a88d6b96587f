import { assignOrderIds } from '../../../lambdas/generate-orders/assign-order-ids';

function sequentialIds(): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `new-${next}`;
  };
}

describe('assignOrderIds', () => {
  test('gives an id to each object that has none, changing nothing else', () => {
    const orders = [
      { customerName: 'Ann', items: ['tea'] },
      { orderId: 'kept', customerName: 'Bob' },
      { customerName: 'Cy', extra: { nested: true } },
    ];

    expect(assignOrderIds(orders, sequentialIds())).toStrictEqual([
      { customerName: 'Ann', items: ['tea'], orderId: 'new-1' },
      { orderId: 'kept', customerName: 'Bob' },
      { customerName: 'Cy', extra: { nested: true }, orderId: 'new-2' },
    ]);
  });

  test('keeps an id that is present even when the consumer will reject it', () => {
    const orders = [{ orderId: '' }, { orderId: null }, { orderId: 42 }];

    expect(assignOrderIds(orders, sequentialIds())).toStrictEqual([
      { orderId: '' },
      { orderId: null },
      { orderId: 42 },
    ]);
  });

  test('leaves orders that are not objects as they are', () => {
    const orders = ['Hello world.', 7, null, true, ['a', 'list']];

    expect(assignOrderIds(orders, sequentialIds())).toStrictEqual([
      'Hello world.',
      7,
      null,
      true,
      ['a', 'list'],
    ]);
  });

  test('does not modify the orders given', () => {
    const order = { customerName: 'Ann' };

    assignOrderIds([order], sequentialIds());

    expect(order).toStrictEqual({ customerName: 'Ann' });
  });

  test('uses random UUIDs by default', () => {
    const [first, second] = assignOrderIds([{}, {}]) as { orderId: string }[];

    expect(first.orderId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.orderId).not.toBe(first.orderId);
  });
});
