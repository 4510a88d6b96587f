import { randomUUID } from 'node:crypto';

/**
 * Gives every order that is a JSON object without an `orderId` one, leaving everything else as
 * it is: an order that has an id keeps it (even a malformed one, which the consumer rejects), and
 * a non-object travels unchanged for the consumer to reject with a reason.
 *
 * @param newOrderId makes an id; injectable so tests can predict it
 * @returns new objects for the orders that got an id; the input is not modified
 */
export function assignOrderIds(orders: readonly unknown[], newOrderId: () => string = randomUUID): unknown[] {
  return orders.map((order) =>
    typeof order === 'object' && order !== null && !Array.isArray(order) && !Object.hasOwn(order, 'orderId')
      ? { ...order, orderId: newOrderId() }
      : order,
  );
}
