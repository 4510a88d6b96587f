import { isObject, numericProblem, type PatternObject } from '../filter-rules';
import { invalidParameter, type SnsError } from './errors';

/** Where a subscription's filter policy looks: the message attributes or the (JSON) message body. */
export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** One way a message can satisfy a policy: every path must match one of its rules. */
export type FilterAlternative = ReadonlyArray<{
  readonly path: readonly string[];
  readonly rules: readonly unknown[];
}>;

/** SNS's complexity limits on a filter policy (Filter policy constraints, SNS Developer Guide). */
const POLICY_LIMITS = { maxKeys: 5, maxCombinations: 150, maxBytes: 256 * 1024 } as const;

/** The operators SNS accepts in a filter policy. */
const OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'cidr'];

/** SNS's error for a filter policy it refuses. */
function policyError(reason: string): SnsError {
  return invalidParameter(`FilterPolicy: ${reason}`);
}

/**
 * A subscription's filter policy, parsed and checked as SNS does when it is set: valid JSON,
 * known operators, no nesting in the MessageAttributes scope, at most 5 keys and 150 combinations
 * of values. It is kept as its alternatives (`$or` expanded), which {@link matchesFilterPolicy}
 * tries in turn.
 */
export class FilterPolicy {
  private constructor(
    /** The policy's JSON, as set. */
    readonly text: string,
    readonly scope: FilterPolicyScope,
    /** The policy with every `$or` expanded; an empty policy has one alternative with no paths. */
    readonly alternatives: readonly FilterAlternative[],
  ) {}

  /** @throws SnsError `InvalidParameter` with SNS's reason, for a policy SNS would refuse */
  static parse(text: string, scope: FilterPolicyScope): FilterPolicy {
    if (Buffer.byteLength(text) > POLICY_LIMITS.maxBytes) throw policyError('Filter policy is too large');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw policyError(`failed to parse JSON. ${(error as Error).message}`);
    }
    if (!isObject(parsed)) throw policyError('Filter policy must be a JSON object');
    const alternatives = expand(parsed, [], scope);
    for (const alternative of alternatives) {
      if (alternative.length > POLICY_LIMITS.maxKeys) {
        throw policyError(`Filter policy can not have more than ${POLICY_LIMITS.maxKeys} keys`);
      }
    }
    const combinations = alternatives.reduce(
      (sum, alternative) => sum + alternative.reduce((product, { rules }) => product * rules.length, 1),
      0,
    );
    if (combinations > POLICY_LIMITS.maxCombinations) throw policyError('Filter policy is too complex');
    return new FilterPolicy(text, scope, alternatives);
  }
}

/** The alternatives of a policy object at `path`: the product of its keys', the sum of `$or`'s. */
function expand(
  policy: PatternObject,
  path: readonly string[],
  scope: FilterPolicyScope,
): FilterAlternative[] {
  let alternatives: FilterAlternative[] = [[]];
  for (const [key, value] of Object.entries(policy)) {
    const options = expandKey(key, value, path, scope);
    const next: FilterAlternative[] = [];
    for (const alternative of alternatives)
      for (const option of options) next.push([...alternative, ...option]);
    // Every alternative holds at least one combination: past the limit the policy is refused anyway.
    if (next.length > POLICY_LIMITS.maxCombinations) throw policyError('Filter policy is too complex');
    alternatives = next;
  }
  return alternatives;
}

function expandKey(
  key: string,
  value: unknown,
  path: readonly string[],
  scope: FilterPolicyScope,
): FilterAlternative[] {
  if (key === '$or') {
    if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
      throw policyError('$or must be a list of at least two JSON objects');
    }
    return value.flatMap((alternative) => expand(alternative, path, scope));
  }
  const at = [...path, key];
  if (Array.isArray(value)) {
    if (value.length === 0) throw policyError(`Empty arrays are not allowed (at ${at.join('.')})`);
    for (const rule of value) checkRule(rule);
    return [[{ path: at, rules: value }]];
  }
  if (isObject(value)) {
    if (scope === 'MessageAttributes') {
      throw policyError('Filter policy scope MessageAttributes does not support nested filter policy');
    }
    return expand(value, at, scope);
  }
  throw policyError(
    `Match value of ${at.join('.')} must be a list of rules (given ${JSON.stringify(value)})`,
  );
}

function checkRule(rule: unknown): void {
  if (rule === null || ['string', 'number', 'boolean'].includes(typeof rule)) return;
  const entries = isObject(rule) ? Object.entries(rule) : [];
  if (entries.length !== 1) throw policyError('Match value must be String, number, true, false, or null');
  const [operator, operand] = entries[0];
  if (!OPERATORS.includes(operator)) throw policyError(`Unrecognized match type ${operator}`);
  const problem = operandProblem(operator, operand);
  if (problem !== undefined) throw policyError(problem);
}

function operandProblem(operator: string, operand: unknown): string | undefined {
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      return typeof operand === 'string' ? undefined : `${operator} match pattern must be a string`;
    case 'exists':
      return typeof operand === 'boolean' ? undefined : 'exists match pattern must be either true or false.';
    case 'cidr':
      return typeof operand === 'string' && parseCidr(operand) !== undefined
        ? undefined
        : 'cidr match pattern must be an IPv4 network such as 10.0.0.0/24 (the local SNS matches IPv4 only)';
    case 'numeric':
      return numericOperandProblem(operand);
    default:
      return anythingButProblem(operand);
  }
}

function numericOperandProblem(operand: unknown): string | undefined {
  const problem = numericProblem(operand);
  if (problem !== undefined) return `Invalid numeric match: ${problem}`;
  const bounds = (operand as unknown[]).filter((item): item is number => typeof item === 'number');
  return bounds.every((bound) => Math.abs(bound) <= 1e9)
    ? undefined
    : 'Numeric match values must be between -1.0E9 and 1.0E9';
}

function anythingButProblem(operand: unknown): string | undefined {
  const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';
  if (scalar(operand)) return undefined;
  if (Array.isArray(operand) && operand.length > 0 && operand.every(scalar)) return undefined;
  if (isObject(operand)) {
    const entries = Object.entries(operand);
    if (entries.length === 1 && ['prefix', 'suffix', 'equals-ignore-case'].includes(entries[0][0])) {
      return typeof entries[0][1] === 'string'
        ? undefined
        : `${entries[0][0]} match pattern must be a string`;
    }
  }
  return 'anything-but must be a string, a number, a list of them, or a prefix, suffix or equals-ignore-case match';
}

/** An IPv4 network, `a.b.c.d/n`, as the address it starts at and its mask; undefined if malformed. */
export function parseCidr(text: string): { readonly base: number; readonly mask: number } | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const address = ipv4(match[1]);
  const bits = Number(match[2]);
  if (address === undefined || bits > 32) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (address & mask) >>> 0, mask };
}

/** An IPv4 address as a 32-bit number; undefined if the text is not one. */
export function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) {
    return undefined;
  }
  return parts.reduce((address, part) => ((address << 8) | Number(part)) >>> 0, 0);
}
