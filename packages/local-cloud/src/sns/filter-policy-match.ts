import { isObject, type JsonValue, matchesRule } from '../filter-rules';
import type { FilterPolicy } from './filter-policy';
import { ipv4, parseCidr } from './filter-policy';
import { filterValue, type MessageAttributes } from './message-attributes';

/** What a filter policy is matched against: a published message's body and attributes. */
export interface FilterableMessage {
  /** The message as published (for MessageStructure json, the whole JSON document). */
  readonly message: string;
  readonly messageAttributes: MessageAttributes;
}

/** The values found at a policy path, and whether the key is there at all. */
interface Found {
  readonly present: boolean;
  readonly leaves: readonly JsonValue[];
}

/**
 * Whether SNS delivers a message to a subscription with this policy: some alternative of the policy
 * (its `$or`s expanded) has every key matching one of its rules. In the MessageBody scope, a body
 * that is not a JSON object matches no policy with keys.
 */
export function matchesFilterPolicy(policy: FilterPolicy, message: FilterableMessage): boolean {
  const body = policy.scope === 'MessageBody' ? jsonBody(message.message) : undefined;
  // A body that is not a JSON object cannot be filtered on: only an empty policy lets it through.
  if (policy.scope === 'MessageBody' && body === undefined) {
    return policy.alternatives.some((alternative) => alternative.length === 0);
  }
  const find = (path: readonly string[]): Found =>
    policy.scope === 'MessageBody'
      ? findInBody(body, path)
      : findAttribute(message.messageAttributes, path[0]);
  return policy.alternatives.some((alternative) =>
    alternative.every(({ path, rules }) => matchesRules(rules, find(path))),
  );
}

function jsonBody(message: string): JsonValue | undefined {
  try {
    const parsed = JSON.parse(message) as JsonValue;
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function findAttribute(attributes: MessageAttributes, name: string): Found {
  const attribute = Object.hasOwn(attributes, name) ? attributes[name] : undefined;
  if (attribute === undefined) return { present: false, leaves: [] };
  const value = filterValue(attribute);
  return { present: true, leaves: value === undefined ? [] : flatten([value]) };
}

/** The leaves at a body path; lists on the way are looked into, as EventBridge's patterns do. */
function findInBody(body: JsonValue | undefined, path: readonly string[]): Found {
  let candidates: JsonValue[] = body === undefined ? [] : [body];
  for (const key of path) {
    candidates = flatten(candidates).flatMap((candidate) =>
      isObject(candidate) && Object.hasOwn(candidate, key)
        ? [(candidate as Record<string, JsonValue>)[key]]
        : [],
    );
  }
  const leaves = flatten(candidates).filter((value) => !isObject(value));
  return { present: candidates.length > 0, leaves };
}

function flatten(values: readonly JsonValue[]): JsonValue[] {
  return values.flatMap((value) => (Array.isArray(value) ? flatten(value) : [value]));
}

function matchesRules(rules: readonly unknown[], found: Found): boolean {
  return rules.some((rule) => {
    if (isObject(rule) && 'exists' in rule) return rule.exists === found.present;
    if (isObject(rule) && 'cidr' in rule)
      return found.leaves.some((value) => inCidr(rule.cidr as string, value));
    return found.leaves.some((value) => matchesRule(rule, value));
  });
}

function inCidr(network: string, value: JsonValue): boolean {
  const cidr = parseCidr(network);
  const address = typeof value === 'string' ? ipv4(value) : undefined;
  return cidr !== undefined && address !== undefined && (address & cidr.mask) >>> 0 === cidr.base;
}
