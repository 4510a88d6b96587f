import type { SQSRecord } from 'aws-lambda';
import { isObject, type JsonValue, matchesRule, numericProblem, type PatternObject } from '../filter-rules';

/**
 * Lambda's event filtering for an SQS event source mapping (`FilterCriteria`), as documented in
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html and
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs-filtering.html:
 *
 * - a record is delivered when it matches any of the mapping's patterns; one that matches none is
 *   deleted from the queue without invoking the function;
 * - within a pattern, every field must match (and), the rules listed for one field are alternatives
 *   (or), and `$or` takes a list of patterns of which one must match;
 * - rules: exact values (`"Alice"`, `100`, `true`, `null`, `""`), `prefix`, `suffix`,
 *   `equals-ignore-case`, `anything-but` (a value, a list of values, or `prefix`, `suffix` or
 *   `equals-ignore-case`), `numeric` (`=`, `>`, `>=`, `<`, `<=`, or a lower and an upper bound), and
 *   `exists` (true or false);
 * - a field whose value is a list matches when one of its elements does;
 * - `body`: a pattern object under `body` matches the fields of a JSON body, and a list of rules
 *   under `body` matches a plain-text body; when the body's format and the pattern's disagree, the
 *   record does not match (Lambda "drops the message"). Only an object or a list counts as a JSON
 *   body: a body such as `42` or `"text"` is matched as plain text.
 *
 * Not as on AWS: numbers are compared by value (Lambda compares their text, so `300` and `300.0`
 * differ there), and fields other than `body` can be filtered on (AWS's current documentation says
 * SQS mappings filter on `body` only).
 */

/** A pattern Lambda would refuse at deploy, with what is wrong. */
export class InvalidFilterPatternError extends Error {
  constructor(
    public readonly pattern: string,
    reason: string,
  ) {
    super(`Invalid filter pattern ${pattern}: ${reason}`);
    this.name = 'InvalidFilterPatternError';
  }
}

/** The rule operators Lambda accepts in a pattern. */
const OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists'];

/** A mapping's filters, parsed and checked once; {@link matches} tells whether a record is delivered. */
export class EventFilter {
  private constructor(private readonly patterns: readonly PatternObject[]) {}

  /**
   * Parses the template's `FilterCriteria.Filters[].Pattern` strings. No pattern means no filter.
   * @throws InvalidFilterPatternError naming the first pattern Lambda would refuse and why
   */
  static parse(patterns: readonly string[]): EventFilter {
    return new EventFilter(patterns.map(parsePattern));
  }

  /** Whether the mapping has any filter at all. */
  get filtering(): boolean {
    return this.patterns.length > 0;
  }

  /** Whether Lambda hands this record to the function: with no filter, every record. */
  matches(record: SQSRecord): boolean {
    if (this.patterns.length === 0) return true;
    return this.patterns.some((pattern) => matchesRecord(pattern, record));
  }
}

function parsePattern(text: string): PatternObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidFilterPatternError(text, `not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed) || Object.keys(parsed).length === 0) {
    throw new InvalidFilterPatternError(text, 'a pattern must be a JSON object with at least one field');
  }
  const problem = patternProblem(parsed, '');
  if (problem !== undefined) throw new InvalidFilterPatternError(text, problem);
  return parsed;
}

/** The first thing wrong in a pattern object, with the path of the field it is at. */
function patternProblem(pattern: PatternObject, path: string): string | undefined {
  for (const [key, value] of Object.entries(pattern)) {
    const at = path === '' ? key : `${path}.${key}`;
    let problem: string | undefined;
    if (key === '$or') problem = orProblem(value, at);
    else if (Array.isArray(value)) problem = rulesProblem(value, at);
    else if (isObject(value)) {
      problem = Object.keys(value).length === 0 ? `${at}: an empty object matches nothing` : undefined;
      problem ??= patternProblem(value, at);
    } else problem = `${at}: rules must be in a list (given ${JSON.stringify(value)})`;
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function orProblem(value: unknown, at: string): string | undefined {
  if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
    return `${at}: $or takes a list of at least two pattern objects (given ${JSON.stringify(value)})`;
  }
  for (const alternative of value) {
    const problem = patternProblem(alternative, at);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function rulesProblem(rules: readonly unknown[], at: string): string | undefined {
  if (rules.length === 0) return `${at}: an empty list of rules matches nothing`;
  for (const rule of rules) {
    const problem = ruleProblem(rule, at);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function ruleProblem(rule: unknown, at: string): string | undefined {
  if (rule === null || ['string', 'number', 'boolean'].includes(typeof rule)) return undefined;
  const entries = isObject(rule) ? Object.entries(rule) : [];
  if (entries.length !== 1 || !OPERATORS.includes(entries[0][0])) {
    return `${at}: ${JSON.stringify(rule)} is not a rule (a value, or one of ${OPERATORS.join(', ')})`;
  }
  const [operator, operand] = entries[0];
  const given = `(given ${JSON.stringify(operand)})`;
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return typeof operand === 'string' ? undefined : `${at}: ${operator} takes a string ${given}`;
    case 'exists':
      return typeof operand === 'boolean' ? undefined : `${at}: exists takes true or false ${given}`;
    case 'numeric':
      return numericProblem(operand) === undefined ? undefined : `${at}: ${numericProblem(operand)} ${given}`;
    default:
      return anythingButProblem(operand, at);
  }
}

function anythingButProblem(operand: unknown, at: string): string | undefined {
  const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';
  if (scalar(operand)) return undefined;
  if (Array.isArray(operand) && operand.length > 0 && operand.every(scalar)) return undefined;
  if (isObject(operand)) {
    const entries = Object.entries(operand);
    if (
      entries.length === 1 &&
      ['prefix', 'suffix', 'equals-ignore-case'].includes(entries[0][0]) &&
      typeof entries[0][1] === 'string'
    ) {
      return undefined;
    }
  }
  return `${at}: anything-but takes a string, a number, a list of them, or {"prefix" | "suffix" | "equals-ignore-case": string} (given ${JSON.stringify(operand)})`;
}

/** Matches a pattern against the record, reading `body` as the pattern expects it. */
function matchesRecord(pattern: PatternObject, record: SQSRecord): boolean {
  const bodyPattern = pattern.body;
  if (bodyPattern === undefined) return matchesObject(pattern, [record as unknown as JsonValue]);
  const json = structuredBody(record.body);
  // Lambda drops a record whose body is not in the format the pattern expects.
  if (Array.isArray(bodyPattern) ? json !== undefined : json === undefined) return false;
  const body = json ?? record.body;
  return matchesObject(pattern, [{ ...(record as unknown as Record<string, JsonValue>), body }]);
}

/** The body parsed, when it is a JSON object or list; undefined for plain text. */
function structuredBody(body: string): JsonValue | undefined {
  try {
    const parsed = JSON.parse(body) as JsonValue;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a pattern object matches, where `candidates` are the values at its path (several when a
 * list on the way holds objects: a field matches in any of them, as in EventBridge's flattening).
 */
function matchesObject(pattern: PatternObject, candidates: readonly JsonValue[]): boolean {
  return Object.entries(pattern).every(([key, rule]) => {
    if (key === '$or') return (rule as PatternObject[]).some((part) => matchesObject(part, candidates));
    const children = candidates.flatMap((candidate) => flatten(childOf(candidate, key)));
    if (Array.isArray(rule)) return matchesRules(rule, children);
    return matchesObject(rule as PatternObject, children);
  });
}

function childOf(value: JsonValue, key: string): JsonValue[] {
  if (isObject(value) && Object.hasOwn(value, key)) return [(value as Record<string, JsonValue>)[key]];
  return [];
}

function flatten(values: readonly JsonValue[]): JsonValue[] {
  return values.flatMap((value) => (Array.isArray(value) ? flatten(value) : [value]));
}

/** Whether any of a field's rules holds; `values` are the field's leaf values (none: it is absent). */
function matchesRules(rules: readonly unknown[], values: readonly JsonValue[]): boolean {
  const leaves = values.filter((value) => !isObject(value));
  return rules.some((rule) => {
    if (isObject(rule) && 'exists' in rule)
      return rule.exists === true ? leaves.length > 0 : values.length === 0;
    return leaves.some((value) => matchesRule(rule, value));
  });
}
