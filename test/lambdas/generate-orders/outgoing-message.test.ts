import { encodeOrders, reportedOrderId } from '../../../lambdas/generate-orders/outgoing-message';

describe('encodeOrders', () => {
  test('encodes each order as JSON, its position as entry id, its size in UTF-8 bytes', () => {
    const orders = [{ orderId: 'a-1', customerName: 'Zoë' }, 'Hello world.'];

    expect(encodeOrders(orders)).toStrictEqual({
      messages: [
        { entryId: '0', orderId: 'a-1', body: '{"orderId":"a-1","customerName":"Zoë"}', bytes: 39 },
        { entryId: '1', orderId: '#1', body: '"Hello world."', bytes: 14 },
      ],
      unsendable: [],
    });
  });

  test('sets aside an order SQS would refuse for its characters, keeping the rest', () => {
    const orders = [
      { orderId: 'bad', customerName: 'U\uFFFF' },
      { orderId: 'good', customerName: 'U\uFFFD' },
    ];

    const encoded = encodeOrders(orders);

    expect(encoded.unsendable).toStrictEqual([
      { id: 'bad', reason: 'the order holds characters SQS does not accept in a message body' },
    ]);
    expect(encoded.messages.map((message) => message.orderId)).toStrictEqual(['good']);
  });

  test('accepts control characters and lone surrogates, which JSON escapes', () => {
    const encoded = encodeOrders([{ orderId: 'escaped', customerName: '\u0000\uD800' }]);

    expect(encoded.unsendable).toStrictEqual([]);
    expect(encoded.messages[0].body).toBe('{"orderId":"escaped","customerName":"\\u0000\\ud800"}');
  });

  test('sets aside what cannot be written as JSON', () => {
    const cyclic: Record<string, unknown> = { orderId: 'cyclic' };
    cyclic.self = cyclic;

    expect(encodeOrders([cyclic, undefined, 10n]).unsendable).toStrictEqual([
      { id: 'cyclic', reason: 'the order cannot be written as JSON' },
      { id: '#1', reason: 'the order cannot be written as JSON' },
      { id: '#2', reason: 'the order cannot be written as JSON' },
    ]);
  });
});

describe('reportedOrderId', () => {
  test.each([
    [{ orderId: 'o-1' }, 3, 'o-1'],
    [{ orderId: 42 }, 3, '#3'],
    [{ customerName: 'Ann' }, 4, '#4'],
    ['Hello world.', 5, '#5'],
    [null, 6, '#6'],
  ])('%p at %i is reported as %p', (order, index, id) => {
    expect(reportedOrderId(order, index)).toBe(id);
  });
});
