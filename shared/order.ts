/**
 * An order as the pipeline accepts it.
 *
 * This type is the single source of the order's shape: `npm run generate` turns it, with the
 * JSDoc constraints below, into `generated/order.schema.json` and a precompiled Ajv validator,
 * so the TypeScript type and the run-time check can never disagree.
 */
export interface Order {
  /**
   * The order's identity. Orders are stored under it, so a second delivery of the same order
   * stores nothing twice. GenerateOrders assigns a UUID to an order that arrives without one.
   * @minLength 1
   * @maxLength 128
   * @pattern ^[A-Za-z0-9._:-]+$
   */
  orderId: string;
  /**
   * @minLength 1
   * @maxLength 256
   */
  customerName: string;
  /**
   * @minLength 1
   * @maxLength 1024
   */
  customerAddress: string;
  /**
   * What was ordered. The lecture's demo orders carry an empty list.
   * @maxItems 1000
   */
  items: OrderItem[];
}

/**
 * One line of an order: a product name or SKU.
 * @minLength 1
 * @maxLength 256
 */
export type OrderItem = string;
