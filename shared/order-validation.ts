import type { ErrorObject } from 'ajv';
import ORDER_LIMITS from './generated/order-limits.json';
import validateOrderSchema from './generated/validate-order';
import type { Order } from './order';

/** The outcome of checking a candidate against the `Order` schema. */
export type OrderValidation = { valid: true; order: Order } | { valid: false; errors: string[] };

/**
 * Most errors a rejection lists, then how many more there are: a person needs the first few, and
 * the log line and the dead-letter attribute stay small.
 */
export const MAX_REPORTED_ERRORS = 20;

/** The order's own fields, as the schema names them. */
const ORDER_FIELDS: ReadonlySet<string> = new Set(Object.keys(ORDER_LIMITS));

/**
 * The keys of prototype pollution: `__proto__` sets an object's prototype when copied with
 * `Object.assign` or a `for…in` merge, and a deep merge reaches `constructor.prototype` through
 * the other two.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A control character or an unpaired surrogate: not allowed on a line of text. */
const isForbiddenInLine = (character: string) => /[\p{Cc}\p{Cs}]/u.test(character);

/** The same, except the line breaks an address may have. */
const isForbiddenInText = (character: string) =>
  isForbiddenInLine(character) && character !== '\n' && character !== '\r';

const isNotInOrderIdAlphabet = (character: string) => !/^[A-Za-z0-9._:-]$/.test(character);

/** Why a value breaks each `@pattern` of `order.ts`, keyed by the pattern as it is written there. */
const PATTERN_REASONS: Readonly<Record<string, (value: string) => string>> = {
  '^[A-Za-z0-9._:-]*$': (value) =>
    `may contain only the letters A-Z and a-z, digits and . _ : - (found ${describeCharacterAt(value, firstIndex(value, isNotInOrderIdAlphabet))})`,
  '^(?=$|[\\s\\S]*\\S)[^\\p{Cc}\\p{Cs}]*$': (value) => describeTextProblem(value, isForbiddenInLine),
  '^(?=$|[\\s\\S]*\\S)[^\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\p{Cs}]*$': (value) =>
    describeTextProblem(value, isForbiddenInText),
};

/**
 * Checks a parsed message body against the JSON Schema generated from the `Order` type.
 *
 * @returns the typed order, or the validation errors (at most {@link MAX_REPORTED_ERRORS}, then a
 *   count of the rest) as sentences that name the field, e.g. `customerAddress: is required` or
 *   `customerName: must be at most 200 characters (given 201)`.
 */
export function validateOrder(candidate: unknown): OrderValidation {
  const { checked, cut } = boundForValidation(candidate);
  if (cut.length === 0 && validateOrderSchema(candidate)) return { valid: true, order: candidate };
  if (cut.length > 0) validateOrderSchema(checked);
  const errors = validateOrderSchema.errors ?? [];
  const described = [
    ...cut,
    ...errors
      .slice(0, MAX_REPORTED_ERRORS - cut.length)
      .map((error) => describeValidationError(error, valueAt(candidate, error.instancePath))),
  ];
  const omitted = cut.length + errors.length - described.length;
  return {
    valid: false,
    errors: omitted > 0 ? [...described, `(${omitted} more error(s) not shown)`] : described,
  };
}

/**
 * Turns one Ajv error into a sentence a person reading a rejected order can act on.
 *
 * @param value the value the error is about, when known: it lets a reason give the length found
 *   or the character that is not allowed.
 */
export function describeValidationError(error: ErrorObject, value?: unknown): string {
  const field = fieldPath(error.instancePath) || 'order';
  switch (error.keyword) {
    case 'required':
      return `${joinField(fieldPath(error.instancePath), String(error.params.missingProperty))}: is required`;
    case 'additionalProperty':
    case 'additionalProperties': {
      const property = String(error.params.additionalProperty);
      const name = joinField(fieldPath(error.instancePath), property);
      return PROTOTYPE_KEYS.has(property)
        ? `${name}: is not an order field (a key that could change an object's prototype)`
        : `${name}: is not an order field`;
    }
    case 'type':
      return `${field}: must be ${article(String(error.params.type))} ${error.params.type}`;
    case 'maxLength':
      return `${field}: must be at most ${error.params.limit} characters${givenLength(value)}`;
    case 'maxItems':
      return `${field}: must have at most ${error.params.limit} items${givenCount(value)}`;
    case 'minItems':
      return `${field}: must have at least ${error.params.limit} item(s)${givenCount(value)}`;
    case 'pattern': {
      const reason = PATTERN_REASONS[String(error.params.pattern)];
      return reason !== undefined && typeof value === 'string'
        ? `${field}: ${reason(value)}`
        : `${field}: ${error.message ?? error.keyword}`;
    }
    default:
      return `${field}: ${error.message ?? error.keyword}`;
  }
}

/** The patterns {@link describeValidationError} explains in words; any other gets Ajv's message. */
export const EXPLAINED_PATTERNS: readonly string[] = Object.keys(PATTERN_REASONS);

/** A text that a `@pattern` of `order.ts` refuses: the first forbidden character, or blankness. */
function describeTextProblem(value: string, isForbidden: (character: string) => boolean): string {
  const index = firstIndex(value, isForbidden);
  if (index !== undefined) return `must not contain ${describeCharacterAt(value, index)}`;
  return 'must not be blank (it has only whitespace)';
}

/** Index, in code points, of the first code point `test` picks. */
function firstIndex(value: string, test: (character: string) => boolean): number | undefined {
  let index = 0;
  for (const character of value) {
    if (test(character)) return index;
    index += 1;
  }
  return undefined;
}

/** `control character U+0001 at character 5`, `" " at character 4`, `unpaired surrogate U+D800 …`. */
function describeCharacterAt(value: string, index: number | undefined): string {
  if (index === undefined) return 'nothing it refuses';
  const character = codePointAt(value, index);
  const codePoint = character.codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const what = /\p{Cc}/u.test(character)
    ? `control character ${hex}`
    : /\p{Cs}/u.test(character)
      ? `unpaired surrogate ${hex}`
      : `${JSON.stringify(character)} (${hex})`;
  return `${what} at character ${index + 1}`;
}

/** The code point at a code-point index, as a string. */
function codePointAt(value: string, index: number): string {
  let current = 0;
  for (const character of value) {
    if (current === index) return character;
    current += 1;
  }
  return '';
}

function givenLength(value: unknown): string {
  return typeof value === 'string' ? ` (given ${codePointCount(value)})` : '';
}

/** Characters as the schema counts them (code points), without an array of a million of them. */
function codePointCount(value: string): number {
  let count = 0;
  for (const _character of value) count += 1;
  return count;
}

function givenCount(value: unknown): string {
  return Array.isArray(value) ? ` (given ${value.length})` : '';
}

/**
 * What the schema checks one by one, and what is only counted. With allErrors, Ajv makes an error
 * object for every wrong item and every unknown field: a 1 MiB body holds half a million items or
 * ninety thousand fields, seconds of CPU and tens of MB for errors nobody reads. Past a limit the
 * count is what matters, so only the first items up to `maxItems` and the first
 * {@link MAX_REPORTED_ERRORS} unknown fields are checked; the rest are counted in one sentence each.
 */
function boundForValidation(candidate: unknown): { checked: unknown; cut: string[] } {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return { checked: candidate, cut: [] };
  }
  const fields = candidate as Record<string, unknown>;
  const keys = Object.keys(fields);
  const unknown = keys.filter((key) => !ORDER_FIELDS.has(key));
  const items = Object.hasOwn(fields, 'items') ? fields.items : undefined;
  const tooManyItems = Array.isArray(items) && items.length > ORDER_LIMITS.items.maxItems;
  const tooManyFields = unknown.length > MAX_REPORTED_ERRORS;
  if (!tooManyItems && !tooManyFields) return { checked: candidate, cut: [] };

  const uncheckedFields = new Set(unknown.slice(MAX_REPORTED_ERRORS));
  // Object.fromEntries defines own properties, so a "__proto__" key stays a key.
  const checked = Object.fromEntries(
    keys.filter((key) => !uncheckedFields.has(key)).map((key) => [key, fields[key]]),
  );
  const cut: string[] = [];
  if (tooManyItems) {
    checked.items = items.slice(0, ORDER_LIMITS.items.maxItems);
    cut.push(
      describeValidationError(
        {
          keyword: 'maxItems',
          instancePath: '/items',
          schemaPath: '#/properties/items/maxItems',
          params: { limit: ORDER_LIMITS.items.maxItems },
        },
        items,
      ),
    );
  }
  if (tooManyFields) cut.push(`order: has ${unknown.length} fields that are not order fields`);
  return { checked, cut };
}

/** The value at a JSON Pointer, through own properties only. */
function valueAt(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const segment of pointerSegments(instancePath)) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function pointerSegments(instancePath: string): string[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `/items/0` → `items[0]`; `` → `` (the order itself). */
function fieldPath(instancePath: string): string {
  return pointerSegments(instancePath).reduce(
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
