import ORDER_LIMITS from '../../shared/generated/order-limits.json';
import { orderIdIn, traceableOrderIdIn } from '../../shared/order-records';

describe('orderIdIn', () => {
  test('finds the orderId of an order, valid or not', () => {
    expect(orderIdIn({ orderId: 'o-1', customerName: 'UserX' })).toBe('o-1');
    expect(orderIdIn({ orderId: 'o-2', unexpected: true })).toBe('o-2');
  });

  test.each([
    ['not an object', 'o-1'],
    ['an array', ['o-1']],
    ['null', null],
    ['no orderId', { customerName: 'UserX' }],
    ['an empty orderId', { orderId: '' }],
    ['a numeric orderId', { orderId: 42 }],
  ])('finds none in %s', (_, candidate) => {
    expect(orderIdIn(candidate)).toBeUndefined();
  });
});

describe('traceableOrderIdIn', () => {
  test('is the orderId, cut short past the longest valid one (a record must fit a DynamoDB item)', () => {
    const longest = 'x'.repeat(ORDER_LIMITS.orderId.maxLength);
    expect(traceableOrderIdIn({ orderId: 'o-1' })).toBe('o-1');
    expect(traceableOrderIdIn({ orderId: longest })).toBe(longest);
    expect(traceableOrderIdIn({ orderId: 'x'.repeat(500_000) })).toBe(`${longest}…`);
    expect(traceableOrderIdIn({ customerName: 'UserX' })).toBeUndefined();
  });
});
