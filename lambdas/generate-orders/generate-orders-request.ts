/** Bounds on what one GenerateOrders invocation handles. */
export const GENERATE_ORDERS_LIMITS = {
  /** The most orders one invocation generates or queues, so it finishes well inside its timeout. */
  maxOrders: 100_000,
} as const;

/** The payloads GenerateOrders accepts, as its error messages quote them. */
export const ACCEPTED_PAYLOADS = '{} | {"count": N, "invalidRatio": r} | {"orders": [...]}';

/** A GenerateOrders payload, checked. */
export type GenerateOrdersRequest =
  /** `{}`: the demo batch, eleven fixed orders of which one is invalid (see `demo-orders.ts`). */
  | { readonly kind: 'demo' }
  /** `{"count": N, "invalidRatio": r}`: N generated orders, round(N × r) of them invalid. */
  | { readonly kind: 'generated'; readonly count: number; readonly invalidRatio: number }
  /** `{"orders": [...]}`: orders to queue as given. */
  | { readonly kind: 'given'; readonly orders: readonly unknown[] };

/** The payload is none of {@link ACCEPTED_PAYLOADS}; the message names every problem found. */
export class InvalidRequestError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.join('; ')}; accepted payloads: ${ACCEPTED_PAYLOADS}`);
    this.name = 'InvalidRequestError';
  }
}

const FIELDS = ['count', 'invalidRatio', 'orders'];
const { maxOrders } = GENERATE_ORDERS_LIMITS;

/**
 * Checks a GenerateOrders payload and says which kind of request it is.
 *
 * @throws InvalidRequestError listing every problem, each naming the field, the value given and
 *   what is allowed, e.g. `count must be an integer from 1 to 100000 (given 0)`.
 */
export function parseGenerateOrdersRequest(payload: unknown): GenerateOrdersRequest {
  if (!isJsonObject(payload)) {
    throw new InvalidRequestError([`the payload must be a JSON object (given ${describeValue(payload)})`]);
  }
  const problems = Object.keys(payload)
    .filter((field) => !FIELDS.includes(field))
    .map(
      (field) =>
        `unknown field "${field}" (given ${describeValue(payload[field])}); the fields are ${FIELDS.join(', ')}`,
    );
  const has = (field: string) => Object.hasOwn(payload, field);
  const { count, invalidRatio, orders } = payload;

  if (has('orders')) {
    if (has('count') || has('invalidRatio')) {
      problems.push('orders cannot be combined with count or invalidRatio');
    }
    if (!Array.isArray(orders) || orders.length < 1 || orders.length > maxOrders) {
      problems.push(`orders must be an array of 1 to ${maxOrders} orders (given ${describeValue(orders)})`);
    }
  } else if (has('count')) {
    if (!isIntegerFrom(count, 1, maxOrders)) {
      problems.push(`count must be an integer from 1 to ${maxOrders} (given ${describeValue(count)})`);
    }
    if (has('invalidRatio') && !isNumberFrom(invalidRatio, 0, 1)) {
      problems.push(`invalidRatio must be a number from 0 to 1 (given ${describeValue(invalidRatio)})`);
    }
  } else if (has('invalidRatio')) {
    problems.push(`invalidRatio needs a count (given invalidRatio ${describeValue(invalidRatio)} alone)`);
  }
  if (problems.length > 0) throw new InvalidRequestError(problems);

  if (Array.isArray(orders)) return { kind: 'given', orders };
  if (typeof count === 'number') {
    return { kind: 'generated', count, invalidRatio: typeof invalidRatio === 'number' ? invalidRatio : 0 };
  }
  return { kind: 'demo' };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIntegerFrom(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function isNumberFrom(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && value >= min && value <= max;
}

/** A short, readable rendering of a value a caller sent, for an error message. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length} ${value.length === 1 ? 'entry' : 'entries'}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 40 ? `${quoted.slice(0, 39)}…"` : quoted;
  }
  return String(value);
}
