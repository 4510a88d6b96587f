import type { ErrorObject } from 'ajv';
import validateOrderSchema from './generated/validate-order';
import type { Order } from './order';

/** The outcome of checking a candidate against the `Order` schema. */
export type OrderValidation = { valid: true; order: Order } | { valid: false; errors: string[] };

/**
 * Checks a parsed message body against the JSON Schema generated from the `Order` type.
 *
 * @returns the typed order, or every validation error as a sentence that names the field,
 *   e.g. `customerAddress: is required` or `items[0]: must NOT have fewer than 1 characters`.
 */
export function validateOrder(candidate: unknown): OrderValidation {
  if (validateOrderSchema(candidate)) return { valid: true, order: candidate };
  return { valid: false, errors: (validateOrderSchema.errors ?? []).map(describeValidationError) };
}

/** Turns one Ajv error into a sentence a person reading a rejected order can act on. */
export function describeValidationError(error: ErrorObject): string {
  const field = fieldPath(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `${joinField(field, String(error.params.missingProperty))}: is required`;
    case 'additionalProperty':
    case 'additionalProperties':
      return `${joinField(field, String(error.params.additionalProperty))}: is not an order field`;
    case 'type':
      return `${field || 'order'}: must be ${article(String(error.params.type))} ${error.params.type}`;
    default:
      return `${field || 'order'}: ${error.message ?? error.keyword}`;
  }
}

/** `/items/0` → `items[0]`; `` → `` (the order itself). */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : joinField(path, segment)),
      '',
    );
}

function joinField(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
