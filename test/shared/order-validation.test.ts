import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateOrder } from '../../shared/order-validation';

const validOrder = {
  orderId: 'order-1',
  customerName: 'User0',
  customerAddress: '1 Main Street',
  items: [],
};

describe('validateOrder', () => {
  test("accepts the lecture's demo order with an order id", () => {
    expect(validateOrder(validOrder)).toStrictEqual({ valid: true, order: validOrder });
  });

  test('rejects an order without an address, naming the field', () => {
    const { customerAddress: _dropped, ...userX } = { ...validOrder, customerName: 'UserX' };
    expect(validateOrder(userX)).toStrictEqual({ valid: false, errors: ['customerAddress: is required'] });
  });

  test("rejects the lecture's name/address/email message with every missing order field named", () => {
    const message = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'message.json'), 'utf8'));
    expect(validateOrder(message)).toStrictEqual({
      valid: false,
      errors: [
        'orderId: is required',
        'customerName: is required',
        'customerAddress: is required',
        'items: is required',
        'name: is not an order field',
        'address: is not an order field',
        'email: is not an order field',
      ],
    });
  });

  test('names the item that is wrong, by its position', () => {
    expect(validateOrder({ ...validOrder, items: ['ok', 3, ''] })).toStrictEqual({
      valid: false,
      errors: ['items[1]: must be a string', 'items[2]: must NOT have fewer than 1 characters'],
    });
  });

  test.each([
    ['a string', 'Hello world.', 'order: must be an object'],
    ['an array', [validOrder], 'order: must be an object'],
    ['null', null, 'order: must be an object'],
  ])('rejects %s as not an order', (_name, candidate, error) => {
    expect(validateOrder(candidate)).toStrictEqual({ valid: false, errors: [error] });
  });

  test('rejects an order id with characters outside the allowed set', () => {
    expect(validateOrder({ ...validOrder, orderId: 'has space' })).toStrictEqual({
      valid: false,
      errors: ['orderId: must match pattern "^[A-Za-z0-9._:-]+$"'],
    });
  });
});
