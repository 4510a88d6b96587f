import type { Order } from '../../shared/order';
import { validOrder } from './order-factory';

/** An order of the lecture's demo, before it gets an `orderId`; UserX lacks its address. */
export type DemoOrder = Partial<Omit<Order, 'orderId'>>;

/** Where the lecture's demo inserts its bad order (`orders.splice(6, 0, ...)`). */
export const DEMO_INVALID_ORDER_POSITION = 6;

/**
 * The lecture's demo batch: `User0`…`User9` at "1 Main Street" with no items, and `UserX`, with no
 * address and so invalid, inserted at position 6: eleven orders.
 */
export function demoOrders(): DemoOrder[] {
  const orders: DemoOrder[] = Array.from({ length: 10 }, (_, index) => validOrder(`User${index}`));
  orders.splice(DEMO_INVALID_ORDER_POSITION, 0, { customerName: 'UserX', items: [] });
  return orders;
}
