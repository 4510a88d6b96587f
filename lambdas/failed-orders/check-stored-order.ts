import { checkOrderBody } from '../../shared/check-order-body';
import { contentHash } from '../../shared/content-hash';
import type { StoredOrderLookup } from './types';

/** What the orders table says about the order a dead-lettered body carries. */
export type StoredOrderCheck =
  /** The body is a valid order, stored under its `orderId` with the same content hash. */
  | { readonly outcome: 'stored'; readonly orderId: string }
  /** Not a valid order, no order stored under its `orderId`, or one stored with other content. */
  | { readonly outcome: 'not-stored' }
  /** A valid order, but the orders table could not be read. */
  | { readonly outcome: 'unknown'; readonly orderId: string; readonly error: unknown };

/**
 * Whether the order in a dead-lettered body is in the orders table, as ProcessOrders would have
 * stored it: the body read by ProcessOrders' own {@link checkOrderBody}, the stored item matched by
 * `orderId` and by the same {@link contentHash}. A different hash under the same id is another
 * order, not this one. Never throws: a failed read is `unknown`, for the caller to decide.
 */
export async function checkStoredOrder(
  body: string,
  storedOrders: StoredOrderLookup,
): Promise<StoredOrderCheck> {
  const check = checkOrderBody(body);
  if (check.outcome !== 'order') return { outcome: 'not-stored' };
  const { orderId } = check.order;
  let storedHash: string | undefined;
  try {
    storedHash = await storedOrders.storedContentHash(orderId);
  } catch (error) {
    return { outcome: 'unknown', orderId, error };
  }
  return storedHash === contentHash(check.order) ? { outcome: 'stored', orderId } : { outcome: 'not-stored' };
}
