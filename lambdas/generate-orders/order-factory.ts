import type { Order } from '../../shared/order';

/** An order before GenerateOrders gives it an `orderId`; an invalid one may have any shape. */
export type UnidentifiedOrder = Record<string, unknown>;

/**
 * The smallest valid order: `name` at the demo batch's address, with no items (the schema allows
 * none). Valid once it has an `orderId`.
 */
export function validOrder(name: string): Omit<Order, 'orderId'> {
  return { customerName: name, customerAddress: '1 Main Street', items: [] };
}

/**
 * The ways a generated order is made invalid, taken in turn so a test run exercises more than
 * one of the consumer's rejection messages.
 */
export const INVALID_ORDER_VARIANTS: readonly ((index: number) => UnidentifiedOrder)[] = [
  (index) => ({ customerName: `UserX${index}`, items: [] }),
  (index) => ({ ...validOrder(`UserX${index}`), customerName: '' }),
  (index) => ({ ...validOrder(`UserX${index}`), items: 'not a list' }),
  (index) => ({ ...validOrder(`UserX${index}`), items: [''] }),
  (index) => ({ ...validOrder(`UserX${index}`), discount: '100%' }),
];

/**
 * Where `invalidCount` invalid orders sit among `count`: spread evenly, one in the middle of each
 * of `invalidCount` equal stretches, so the same request always yields the same list.
 *
 * @example invalidOrderPositions(10, 2) // [2, 7]
 */
export function invalidOrderPositions(count: number, invalidCount: number): number[] {
  const stretch = count / invalidCount;
  return Array.from({ length: invalidCount }, (_, stretchIndex) =>
    Math.floor((stretchIndex + 0.5) * stretch),
  );
}

/**
 * `count` orders, `round(count × invalidRatio)` of them invalid (see {@link INVALID_ORDER_VARIANTS})
 * at {@link invalidOrderPositions}, the rest valid and named `User<index>`.
 *
 * @param count an integer from 1 up
 * @param invalidRatio from 0 to 1
 */
export function createOrders(count: number, invalidRatio: number): UnidentifiedOrder[] {
  const invalidCount = Math.round(count * invalidRatio);
  const invalidPositions = new Set(invalidOrderPositions(count, invalidCount));
  let invalidMade = 0;
  return Array.from({ length: count }, (_, index) => {
    if (!invalidPositions.has(index)) return validOrder(`User${index}`);
    const variant = INVALID_ORDER_VARIANTS[invalidMade % INVALID_ORDER_VARIANTS.length];
    invalidMade += 1;
    return variant(index);
  });
}
