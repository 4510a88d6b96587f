import { DEMO_INVALID_ORDER_POSITION, demoOrders } from '../../../lambdas/generate-orders/demo-orders';
import { validateOrder } from '../../../shared/order-validation';

describe('demoOrders', () => {
  test('is eleven fixed orders with UserX, lacking an address, at position 6', () => {
    expect(demoOrders()).toStrictEqual([
      { customerName: 'User0', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User1', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User2', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User3', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User4', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User5', customerAddress: '1 Main Street', items: [] },
      { customerName: 'UserX', items: [] },
      { customerName: 'User6', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User7', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User8', customerAddress: '1 Main Street', items: [] },
      { customerName: 'User9', customerAddress: '1 Main Street', items: [] },
    ]);
  });

  test('with ids, only UserX is invalid, for its missing address', () => {
    const verdicts = demoOrders().map((order, index) =>
      validateOrder({ ...order, orderId: `demo-${index}` }),
    );

    const invalid = verdicts.flatMap((verdict, index) =>
      verdict.valid ? [] : [{ index, errors: verdict.errors }],
    );
    expect(invalid).toStrictEqual([
      { index: DEMO_INVALID_ORDER_POSITION, errors: ['customerAddress: is required'] },
    ]);
  });

  test('returns a fresh list each time, so one invocation cannot change the next', () => {
    const first = demoOrders();
    first[0].customerName = 'changed';

    expect(demoOrders()[0].customerName).toBe('User0');
  });
});
