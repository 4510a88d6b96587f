import { checkStoredOrder } from '../../../lambdas/failed-orders/check-stored-order';
import { contentHash } from '../../../shared/content-hash';
import { REDRIVEN_ORDER } from './dead-letter-record-factory';
import { InMemoryStoredOrders } from './fakes';

const BODY = JSON.stringify(REDRIVEN_ORDER);

describe('checkStoredOrder', () => {
  it('is stored when the orders table holds the orderId with the content hash ProcessOrders stores', async () => {
    const storedOrders = new InMemoryStoredOrders();
    storedOrders.contentHashes.set('o-7', contentHash(REDRIVEN_ORDER));

    await expect(checkStoredOrder(BODY, storedOrders)).resolves.toStrictEqual({
      outcome: 'stored',
      orderId: 'o-7',
    });
  });

  it.each([
    ['no order is stored under the orderId', undefined],
    ['the orderId is stored with another content hash', contentHash({ ...REDRIVEN_ORDER, items: ['tea'] })],
  ])('is not stored when %s', async (_case, storedHash) => {
    const storedOrders = new InMemoryStoredOrders();
    if (storedHash !== undefined) storedOrders.contentHashes.set('o-7', storedHash);

    await expect(checkStoredOrder(BODY, storedOrders)).resolves.toStrictEqual({ outcome: 'not-stored' });
    expect(storedOrders.reads).toStrictEqual(['o-7']);
  });

  it.each([
    ['not JSON', 'Hello world.'],
    ['JSON but not an order', JSON.stringify({ orderId: 'o-7' })],
    ['an order with a field given twice', `{"orderId":"o-7",${BODY.slice(1)}`],
  ])('is not stored, without a read, when the body is %s', async (_case, body) => {
    const storedOrders = new InMemoryStoredOrders();
    storedOrders.contentHashes.set('o-7', contentHash(REDRIVEN_ORDER));

    await expect(checkStoredOrder(body, storedOrders)).resolves.toStrictEqual({ outcome: 'not-stored' });
    expect(storedOrders.reads).toStrictEqual([]);
  });

  it('is unknown, with the error, when the orders table cannot be read', async () => {
    const storedOrders = new InMemoryStoredOrders();
    const failure = new Error('AccessDeniedException');
    storedOrders.failure = failure;

    await expect(checkStoredOrder(BODY, storedOrders)).resolves.toStrictEqual({
      outcome: 'unknown',
      orderId: 'o-7',
      error: failure,
    });
  });
});
