import { checkOrderBody } from '../../shared/check-order-body';
import { badOrderCases, mustPassOrders } from '../fixtures/bad-orders/corpus';

const corpus = badOrderCases();
const mustPass = mustPassOrders();

describe('checkOrderBody on the bad-input corpus (test/fixtures/bad-orders)', () => {
  test('the corpus has at least 40 cases, every kind the issue names, under distinct names', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.map(({ name }) => name)).size).toBe(corpus.length);
    expect(new Set(corpus.map(({ category }) => category))).toStrictEqual(
      new Set([
        'malformed JSON',
        'not an object',
        'missing fields',
        'extra fields',
        'prototype keys',
        'wrong types',
        'numbers and strings',
        'empty and blank strings',
        'huge strings and arrays',
        'control characters and unicode',
        'deeply nested values',
        'duplicate keys',
      ]),
    );
  });

  test.each(corpus.map((badCase) => [badCase.name, badCase] as const))(
    'rejects %s with its reason',
    (_name, { body, reason }) => {
      const check = checkOrderBody(body);

      expect(check.outcome).not.toBe('order');
      expect(check.outcome === 'order' ? [] : check.errors).toStrictEqual(
        expect.arrayContaining([expect.stringContaining(reason)]),
      );
    },
  );

  test.each(mustPass.map((order) => [order.name, order] as const))(
    'accepts %s',
    (_name, { body, orderId }) => {
      expect(checkOrderBody(body)).toStrictEqual({ outcome: 'order', order: JSON.parse(body) });
      expect(JSON.parse(body).orderId).toBe(orderId);
    },
  );

  test('the accepted orders have distinct ids, so each is stored once end to end', () => {
    expect(new Set(mustPass.map(({ orderId }) => orderId)).size).toBe(mustPass.length);
  });

  test('no check leaves anything on Object.prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype);

    for (const { body } of corpus) checkOrderBody(body);

    expect(Object.getOwnPropertyNames(Object.prototype)).toStrictEqual(before);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('checkOrderBody', () => {
  test('reports a duplicate key next to the schema errors', () => {
    expect(checkOrderBody('{"orderId":"a","orderId":"b","customerName":"Ann"}')).toStrictEqual({
      outcome: 'not-an-order',
      value: { orderId: 'b', customerName: 'Ann' },
      errors: [
        'orderId: is given more than once (JSON readers disagree on which value counts)',
        'customerAddress: is required',
        'items: is required',
      ],
    });
  });

  test('says a byte order mark is one, rather than quoting an invisible character', () => {
    expect(checkOrderBody('\uFEFF{}')).toStrictEqual({
      outcome: 'not-json',
      errors: ['body is not JSON: it starts with a byte order mark (U+FEFF)'],
    });
  });
});
