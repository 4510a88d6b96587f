import type { LogEventMatcher } from './filter-pattern';
import { InvalidFilterPatternError } from './filter-pattern-error';
import { FILTER_NUMBER, matchesWildcard } from './filter-value';

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
type Operator = (typeof OPERATORS)[number];

/** `status_code = 4*`: a named field compared with a value. */
interface Comparison {
  readonly name: string;
  readonly operator: Operator;
  readonly value: string;
  /** The value as a number, when it is one: parsed once, not for every message. */
  readonly number?: number;
}

/** One slot of `[ip, user, ..., status_code = 4* && bytes > 1000]`: a named field, or `...` for any fields. */
type Slot =
  | { readonly kind: 'ellipsis' }
  | {
      readonly kind: 'field';
      readonly name: string;
      readonly alternatives: readonly (readonly Comparison[])[];
    };

const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;

/** Splits on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '"') quoted = !quoted;
    else if (!quoted && text.startsWith(separator, index)) {
      parts.push(text.slice(start, index));
      start = index + separator.length;
      index += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseComparison(pattern: string, text: string): Comparison {
  const trimmed = text.trim();
  const name = NAME.exec(trimmed)?.[0];
  if (name === undefined)
    throw new InvalidFilterPatternError(pattern, `expected a field name in "${trimmed}"`);
  const rest = trimmed.slice(name.length).trim();
  const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (operator === undefined) {
    throw new InvalidFilterPatternError(
      pattern,
      `expected =, !=, <, >, <= or >= after "${name}" in "${trimmed}"`,
    );
  }
  let value = rest.slice(operator.length).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  if (value === '')
    throw new InvalidFilterPatternError(pattern, `expected a value after "${name} ${operator}"`);
  if (operator !== '=' && operator !== '!=' && !FILTER_NUMBER.test(value)) {
    throw new InvalidFilterPatternError(pattern, `"${name} ${operator}" needs a number`);
  }
  return FILTER_NUMBER.test(value)
    ? { name, operator, value, number: Number(value) }
    : { name, operator, value };
}

function parseSlot(pattern: string, text: string, index: number): Slot {
  const trimmed = text.trim();
  if (trimmed === '...') return { kind: 'ellipsis' };
  // An empty slot is a field without a name, as in CloudWatch's `[..., request=*.html*, status_code=4*,]`.
  if (trimmed === '') return { kind: 'field', name: `$${index + 1}`, alternatives: [] };
  const name = NAME.exec(trimmed)?.[0];
  if (name === undefined)
    throw new InvalidFilterPatternError(pattern, `expected a field name in "${trimmed}"`);
  if (trimmed === name) return { kind: 'field', name, alternatives: [] };
  const alternatives = splitOutsideQuotes(trimmed, '||').map((alternative) =>
    splitOutsideQuotes(alternative, '&&').map((comparison) => parseComparison(pattern, comparison)),
  );
  return { kind: 'field', name, alternatives };
}

/** A message's fields: words between spaces, with `"..."` and `[...]` each one field without its marks. */
function fieldsOf(message: string): string[] {
  const fields: string[] = [];
  let index = 0;
  while (index < message.length) {
    if (/\s/.test(message[index])) {
      index++;
      continue;
    }
    const close = message[index] === '"' ? '"' : message[index] === '[' ? ']' : undefined;
    if (close !== undefined) {
      const end = message.indexOf(close, index + 1);
      const stop = end < 0 ? message.length : end;
      fields.push(message.slice(index + 1, stop));
      index = stop + 1;
    } else {
      const start = index;
      while (index < message.length && !/\s/.test(message[index])) index++;
      fields.push(message.slice(start, index));
    }
  }
  return fields;
}

function holds(comparison: Comparison, fields: ReadonlyMap<string, string>): boolean {
  const text = fields.get(comparison.name);
  if (text === undefined) return false;
  const numeric = comparison.number !== undefined && FILTER_NUMBER.test(text);
  const equal = numeric ? Number(text) === comparison.number : matchesWildcard(text, comparison.value);
  switch (comparison.operator) {
    case '=':
      return equal;
    case '!=':
      return !equal;
    default: {
      if (!FILTER_NUMBER.test(text)) return false;
      // The parser lets only numbers reach the ordering operators.
      const [number, bound] = [Number(text), comparison.number as number];
      if (comparison.operator === '<') return number < bound;
      if (comparison.operator === '>') return number > bound;
      if (comparison.operator === '<=') return number <= bound;
      return number >= bound;
    }
  }
}

/** Every way of laying the slots over the fields, `...` taking any number of them. */
function* alignments(
  slots: readonly Slot[],
  fields: readonly string[],
  slot = 0,
  field = 0,
): Generator<Map<string, string>> {
  if (slot === slots.length) {
    if (field === fields.length) yield new Map();
    return;
  }
  const current = slots[slot];
  if (current.kind === 'ellipsis') {
    for (let taken = 0; field + taken <= fields.length; taken++)
      yield* alignments(slots, fields, slot + 1, field + taken);
    return;
  }
  if (field === fields.length) return;
  for (const bindings of alignments(slots, fields, slot + 1, field + 1)) {
    bindings.set(current.name, fields[field]);
    yield bindings;
  }
}

/**
 * Compiles a space-delimited filter pattern as CloudWatch Logs documents it: `[ip, user, ...,
 * status_code = 4*, bytes > 1000]` names the message's fields in order (`"..."` and `[...]` in the
 * message are one field each), `...` stands for any number of fields, and each field may carry
 * conditions: `=` and `!=` with a value (`*` at either end a wildcard), `<`, `>`, `<=`, `>=` with a
 * number, joined with `&&` and `||`; an empty slot is a field without a name. Without `...` the
 * message must have exactly as many fields.
 *
 * @param pattern the whole pattern, brackets included
 * @throws InvalidFilterPatternError when CloudWatch Logs would refuse the pattern
 */
export function compileSpaceDelimitedFilterPattern(pattern: string): LogEventMatcher {
  const trimmed = pattern.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    throw new InvalidFilterPatternError(pattern, 'a space-delimited pattern is enclosed in [ and ]');
  }
  const parts = splitOutsideQuotes(trimmed.slice(1, -1), ',');
  const slots = parts.map((part, index) => parseSlot(pattern, part, index));
  const conditions = slots.flatMap((slot) =>
    slot.kind === 'field' && slot.alternatives.length > 0 ? [slot] : [],
  );
  return (message) => {
    for (const bindings of alignments(slots, fieldsOf(message))) {
      const all = conditions.every((slot) =>
        slot.alternatives.some((comparisons) =>
          comparisons.every((comparison) => holds(comparison, bindings)),
        ),
      );
      if (all) return true;
    }
    return false;
  };
}
