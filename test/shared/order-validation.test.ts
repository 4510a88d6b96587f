import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_REPORTED_ERRORS, validateOrder } from '../../shared/order-validation';

const validOrder = {
  orderId: 'order-1',
  customerName: 'User0',
  customerAddress: '1 Main Street',
  items: [],
};

/** The errors of a candidate that has none of the order's own fields. */
const EVERY_FIELD_REQUIRED = [
  'orderId: is required',
  'customerName: is required',
  'customerAddress: is required',
  'items: is required',
];

describe('validateOrder', () => {
  test('accepts a demo order with an order id', () => {
    expect(validateOrder(validOrder)).toStrictEqual({ valid: true, order: validOrder });
  });

  test('rejects an order without an address, naming the field', () => {
    const { customerAddress: _dropped, ...userX } = { ...validOrder, customerName: 'UserX' };
    expect(validateOrder(userX)).toStrictEqual({ valid: false, errors: ['customerAddress: is required'] });
  });

  test('rejects a name/address/email message with every missing order field named', () => {
    const message = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'message.json'), 'utf8'));
    expect(validateOrder(message)).toStrictEqual({
      valid: false,
      errors: [
        ...EVERY_FIELD_REQUIRED,
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

  test('rejects an order id with characters outside the allowed set, naming the first one', () => {
    expect(validateOrder({ ...validOrder, orderId: 'has space' })).toStrictEqual({
      valid: false,
      errors: [
        'orderId: may contain only the letters A-Z and a-z, digits and . _ : - (found " " (U+0020) at character 4)',
      ],
    });
  });

  test.each([
    ['customerName', 'x'.repeat(201), 'customerName: must be at most 200 characters (given 201)'],
    ['customerAddress', 'x'.repeat(1001), 'customerAddress: must be at most 1000 characters (given 1001)'],
    ['orderId', 'x'.repeat(129), 'orderId: must be at most 128 characters (given 129)'],
    ['items', Array(101).fill('tea'), 'items: must have at most 100 items (given 101)'],
    ['items', ['x'.repeat(201)], 'items[0]: must be at most 200 characters (given 201)'],
    ['customerName', 'Ann\u0000', 'customerName: must not contain control character U+0000 at character 4'],
    ['customerName', 'Ann\nSmith', 'customerName: must not contain control character U+000A at character 4'],
    [
      'customerAddress',
      '1\tMain Street',
      'customerAddress: must not contain control character U+0009 at character 2',
    ],
    ['customerName', 'Ann\ud800', 'customerName: must not contain unpaired surrogate U+D800 at character 4'],
    ['items', ['\u00a0 '], 'items[0]: must not be blank (it has only whitespace)'],
    ['customerAddress', ' \r\n', 'customerAddress: must not be blank (it has only whitespace)'],
  ])('rejects %s %j with a reason that names the limit and what was given', (field, value, error) => {
    expect(validateOrder({ ...validOrder, [field]: value })).toStrictEqual({ valid: false, errors: [error] });
  });

  test.each([
    [
      'a name at the limit, counted in characters (200 emoji, 400 UTF-16 units)',
      { customerName: '😀'.repeat(200) },
    ],
    ['an address on several lines', { customerAddress: '1 Main Street\r\nWaterford\nX91 K0EK' }],
    ['100 items of 200 characters', { items: Array(100).fill('ä'.repeat(200)) }],
    ['names in other scripts', { customerName: 'محمد 山田 Zoë', items: ['👨\u200d👩\u200d👧'] }],
  ])('accepts %s', (_name, fields) => {
    const order = { ...validOrder, ...fields };
    expect(validateOrder(order)).toStrictEqual({ valid: true, order });
  });

  test('says an empty string is empty once, not also that it is blank', () => {
    expect(validateOrder({ ...validOrder, customerName: '' })).toStrictEqual({
      valid: false,
      errors: ['customerName: must NOT have fewer than 1 characters'],
    });
  });

  test(`lists the first ${MAX_REPORTED_ERRORS} errors and counts the rest`, () => {
    const verdict = validateOrder({ ...validOrder, items: Array(50).fill(0) });

    expect(verdict).toStrictEqual({
      valid: false,
      errors: [
        ...Array.from({ length: MAX_REPORTED_ERRORS }, (_, index) => `items[${index}]: must be a string`),
        `(${50 - MAX_REPORTED_ERRORS} more error(s) not shown)`,
      ],
    });
  });
});

describe('validateOrder on huge candidates', () => {
  test('past 100 items it checks only the first 100 one by one, and gives the count first', () => {
    const verdict = validateOrder({
      ...validOrder,
      items: [...Array(99).fill('tea'), 1, ...Array(500_000).fill(0)],
    });

    expect(verdict).toStrictEqual({
      valid: false,
      errors: ['items: must have at most 100 items (given 500100)', 'items[99]: must be a string'],
    });
  });

  test(`past ${MAX_REPORTED_ERRORS} unknown fields it names the first ones and counts them all`, () => {
    const unknown = Object.fromEntries(Array.from({ length: 90_000 }, (_, index) => [`k${index}`, 1]));

    const verdict = validateOrder({ ...unknown, ...validOrder });

    expect(verdict).toStrictEqual({
      valid: false,
      errors: [
        'order: has 90000 fields that are not order fields',
        ...Array.from({ length: MAX_REPORTED_ERRORS - 1 }, (_, index) => `k${index}: is not an order field`),
        '(1 more error(s) not shown)',
      ],
    });
  });

  test('an order that only has too many items is still refused', () => {
    expect(validateOrder({ ...validOrder, items: Array(101).fill('tea') })).toStrictEqual({
      valid: false,
      errors: ['items: must have at most 100 items (given 101)'],
    });
  });
});

describe('validateOrder and prototype keys', () => {
  const validBody = JSON.stringify(validOrder);

  test.each(['__proto__', 'constructor', 'prototype'])('rejects a %s key, saying why', (key) => {
    const candidate = JSON.parse(`{"${key}":{"isAdmin":true},${validBody.slice(1)}`);

    expect(validateOrder(candidate)).toStrictEqual({
      valid: false,
      errors: [`${key}: is not an order field (a key that could change an object's prototype)`],
    });
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  test('JSON.parse makes __proto__ an own property, never the prototype', () => {
    const parsed = JSON.parse(`{"__proto__":${validBody}}`);

    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toStrictEqual(['__proto__']);
    expect(validateOrder(parsed)).toMatchObject({
      valid: false,
      errors: expect.arrayContaining(['orderId: is required']),
    });
  });

  test('rejects an object whose fields are only inherited, as a careless Object.assign copy makes', () => {
    const copied = Object.assign({}, JSON.parse(`{"__proto__":${validBody}}`));
    expect(copied.orderId).toBe(validOrder.orderId);

    expect(validateOrder(copied)).toStrictEqual({
      valid: false,
      errors: EVERY_FIELD_REQUIRED,
    });
  });
});
