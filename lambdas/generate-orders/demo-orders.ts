import type { Order } from '../../shared/order';
import { validOrder } from './order-factory';

/** An order of the demo batch, before it gets an `orderId`; UserX lacks its address. */
export type DemoOrder = Partial<Omit<Order, 'orderId'>>;

/**
 * Where the demo batch puts its invalid order: between valid ones, so a run shows that the orders
 * around an invalid one are still stored (only the invalid record fails, not its batch).
 */
export const DEMO_INVALID_ORDER_POSITION = 6;

/**
 * The demo batch that a `{}` payload (and `npm start`) queues: `User0`…`User9` at "1 Main Street"
 * with no items, and `UserX`, with no address and so invalid, inserted at position 6: eleven fixed
 * orders, ten stored and one that takes the dead-letter path (recorded with its reason, alarmed on).
 */
export function demoOrders(): DemoOrder[] {
  const orders: DemoOrder[] = Array.from({ length: 10 }, (_, index) => validOrder(`User${index}`));
  orders.splice(DEMO_INVALID_ORDER_POSITION, 0, { customerName: 'UserX', items: [] });
  return orders;
}
