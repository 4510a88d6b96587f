/**
 * The value rules that Lambda's event filters and SNS's subscription filter policies share (both
 * descend from EventBridge's pattern language): exact values, `prefix`, `suffix`,
 * `equals-ignore-case`, `numeric` and `anything-but`. Each service checks which rules it accepts
 * and how a field's values are found; this module only says whether one rule holds for one value.
 */

/** A JSON value, as a filter sees a field of an event or a message. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object of a pattern or a policy. */
export type PatternObject = { readonly [key: string]: unknown };

/** The comparison operators of a `numeric` rule. */
export const NUMERIC_OPERATORS = ['=', '>', '>=', '<', '<='];
/** The operators a two-sided `numeric` rule may start with. */
export const LOWER_BOUNDS = ['>', '>='];
/** The operators a two-sided `numeric` rule may end with. */
export const UPPER_BOUNDS = ['<', '<='];

/** What is wrong with a `numeric` rule's operand, if anything. */
export function numericProblem(operand: unknown): string | undefined {
  const usage = 'numeric takes ["<op>", number] or a lower and an upper bound such as [">", 0, "<=", 5]';
  if (!Array.isArray(operand) || (operand.length !== 2 && operand.length !== 4)) return usage;
  for (let index = 0; index < operand.length; index += 2) {
    if (!NUMERIC_OPERATORS.includes(operand[index]) || !Number.isFinite(operand[index + 1])) return usage;
  }
  if (operand.length === 4 && !(LOWER_BOUNDS.includes(operand[0]) && UPPER_BOUNDS.includes(operand[2]))) {
    return usage;
  }
  return undefined;
}

/** Whether a value is a JSON object (not a list, not null). */
export function isObject(value: unknown): value is PatternObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether `rule` (an exact value, or a one-key object such as `{"prefix": "a"}`) holds for a leaf
 * `value`. The caller has checked the rule's shape; an operator this module does not know is read
 * as `anything-but`, so callers keep their own operators (such as SNS's `cidr`) out of it.
 */
export function matchesRule(rule: unknown, value: JsonValue): boolean {
  if (!isObject(rule)) return rule === value;
  const [operator, operand] = Object.entries(rule)[0];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(operand as string);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(operand as string);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === (operand as string).toLowerCase();
    case 'numeric':
      return typeof value === 'number' && inNumericRange(operand as (string | number)[], value);
    default:
      return matchesAnythingBut(operand, value);
  }
}

/** Whether `value` satisfies every `<operator>, <bound>` pair of a `numeric` rule. */
export function inNumericRange(conditions: readonly (string | number)[], value: number): boolean {
  for (let index = 0; index < conditions.length; index += 2) {
    const bound = conditions[index + 1] as number;
    const holds = {
      '=': value === bound,
      '>': value > bound,
      '>=': value >= bound,
      '<': value < bound,
      '<=': value <= bound,
    }[conditions[index] as '=' | '>' | '>=' | '<' | '<='];
    if (!holds) return false;
  }
  return true;
}

/** `anything-but`: a value, a list of values, or `{"prefix" | "suffix" | "equals-ignore-case": s}`. */
export function matchesAnythingBut(operand: unknown, value: JsonValue): boolean {
  if (isObject(operand)) {
    if (typeof value !== 'string') return false;
    const [operator, text] = Object.entries(operand)[0] as [string, string];
    if (operator === 'prefix') return !value.startsWith(text);
    if (operator === 'suffix') return !value.endsWith(text);
    return value.toLowerCase() !== text.toLowerCase();
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  return value !== null && !excluded.includes(value);
}
