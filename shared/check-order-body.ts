import { duplicateTopLevelKeys } from './duplicate-keys';
import type { Order } from './order';
import { validateOrder } from './order-validation';

/** What a message body turned out to be. */
export type OrderBodyCheck =
  | { readonly outcome: 'order'; readonly order: Order }
  | { readonly outcome: 'not-json'; readonly errors: readonly string[] }
  /** JSON, but not an order; `value` is what the body parsed to. */
  | { readonly outcome: 'not-an-order'; readonly value: unknown; readonly errors: readonly string[] };

/** U+FEFF at the start of a text: a byte order mark, which RFC 8259 forbids in JSON. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Reads a message body as an order: JSON, with no top-level key given twice, and valid against
 * the `Order` schema. Everything wrong is said in readable sentences, e.g. `body is not JSON: …`,
 * `orderId: is given more than once (…)` or `customerAddress: is required`.
 *
 * Safe on any body SQS can carry: `JSON.parse` makes `__proto__` an own property (never a
 * prototype), the schema refuses it, and no step recurses into the value, so nesting of any depth
 * costs no stack.
 */
export function checkOrderBody(body: string): OrderBodyCheck {
  // JSON.parse would quote the invisible mark: say what it is instead.
  if (body.startsWith(BYTE_ORDER_MARK)) {
    return { outcome: 'not-json', errors: ['body is not JSON: it starts with a byte order mark (U+FEFF)'] };
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return {
      outcome: 'not-json',
      errors: [`body is not JSON: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  const duplicates = duplicateTopLevelKeys(body).map(
    (key) => `${key}: is given more than once (JSON readers disagree on which value counts)`,
  );
  const validation = validateOrder(value);
  if (validation.valid && duplicates.length === 0) return { outcome: 'order', order: validation.order };
  return {
    outcome: 'not-an-order',
    value,
    errors: [...duplicates, ...(validation.valid ? [] : validation.errors)],
  };
}
