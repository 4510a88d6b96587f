import { FilterPolicy, matchesFilterPolicy } from '../../src/sns';
import { SnsError } from '../../src/sns/errors';
import type { MessageAttributes } from '../../src/sns/message-attributes';

/** The example message of SNS's "Subscription filter policies" documentation, as attributes. */
const ATTRIBUTES: MessageAttributes = {
  customer_interests: { dataType: 'String.Array', stringValue: '["soccer", "rugby", "hockey"]' },
  store: { dataType: 'String', stringValue: 'example_corp' },
  event: { dataType: 'String', stringValue: 'order_placed' },
  price_usd: { dataType: 'Number', stringValue: '210.75' },
  source_ip: { dataType: 'String', stringValue: '10.0.0.255' },
  image: { dataType: 'Binary', binaryValue: Buffer.from('png').toString('base64') },
};

/** The same message as a JSON body, with a nested object for the MessageBody scope. */
const BODY = JSON.stringify({
  customer_interests: ['soccer', 'rugby', 'hockey'],
  store: 'example_corp',
  event: 'order_placed',
  price_usd: 210.75,
  source_ip: '10.0.0.255',
  payment: { method: 'card', card: { brand: 'visa', amount: 210.75 } },
  lines: [{ sku: 'A-1' }, { sku: 'B-2' }],
  coupon: null,
});

function matchesAttributes(policy: unknown): boolean {
  const parsed = FilterPolicy.parse(JSON.stringify(policy), 'MessageAttributes');
  return matchesFilterPolicy(parsed, { message: 'text', messageAttributes: ATTRIBUTES });
}

function matchesBody(policy: unknown, body = BODY): boolean {
  const parsed = FilterPolicy.parse(JSON.stringify(policy), 'MessageBody');
  return matchesFilterPolicy(parsed, { message: body, messageAttributes: {} });
}

describe('SNS filter policies on message attributes', () => {
  it.each([
    ['exact string', { store: ['example_corp'] }, true],
    ['exact string, other case', { store: ['Example_Corp'] }, false],
    ['one of several strings', { event: ['order_cancelled', 'order_placed'] }, true],
    ['String.Array: any element', { customer_interests: ['rugby'] }, true],
    ['String.Array: no element', { customer_interests: ['baseball'] }, false],
    ['every key must match (and)', { store: ['example_corp'], event: ['order_cancelled'] }, false],
    ['a key the message lacks', { colour: ['red'] }, false],
    ['exact number', { price_usd: [210.75] }, true],
    ['exact number as text does not match a Number', { price_usd: ['210.75'] }, false],
    ['numeric =', { price_usd: [{ numeric: ['=', 210.75] }] }, true],
    ['numeric >', { price_usd: [{ numeric: ['>', 210.75] }] }, false],
    ['numeric >=', { price_usd: [{ numeric: ['>=', 210.75] }] }, true],
    ['numeric range', { price_usd: [{ numeric: ['>', 0, '<=', 300] }] }, true],
    ['numeric range below', { price_usd: [{ numeric: ['>=', 300, '<', 500] }] }, false],
    ['numeric on a String attribute', { store: [{ numeric: ['>', 0] }] }, false],
    ['prefix', { event: [{ prefix: 'order_' }] }, true],
    ['suffix', { event: [{ suffix: '_placed' }] }, true],
    ['suffix, not matching', { event: [{ suffix: '_cancelled' }] }, false],
    ['equals-ignore-case', { store: [{ 'equals-ignore-case': 'EXAMPLE_CORP' }] }, true],
    ['anything-but a value', { store: [{ 'anything-but': 'other_corp' }] }, true],
    ['anything-but the value', { store: [{ 'anything-but': ['example_corp', 'x'] }] }, false],
    ['anything-but a number', { price_usd: [{ 'anything-but': [100, 200] }] }, true],
    ['anything-but a prefix', { event: [{ 'anything-but': { prefix: 'order_' } }] }, false],
    ['anything-but on an absent key', { colour: [{ 'anything-but': 'red' }] }, false],
    [
      'String.Array anything-but: some other element',
      { customer_interests: [{ 'anything-but': 'rugby' }] },
      true,
    ],
    ['exists true', { store: [{ exists: true }] }, true],
    ['exists false', { store: [{ exists: false }] }, false],
    ['exists false, absent key', { colour: [{ exists: false }] }, true],
    ['exists true on a Binary attribute', { image: [{ exists: true }] }, true],
    ['a Binary attribute is never matched by value', { image: ['png'] }, false],
    ['cidr', { source_ip: [{ cidr: '10.0.0.0/24' }] }, true],
    ['cidr outside', { source_ip: [{ cidr: '10.0.1.0/24' }] }, false],
    ['$or: the second alternative', { $or: [{ store: ['x'] }, { event: ['order_placed'] }] }, true],
    ['$or: neither', { $or: [{ store: ['x'] }, { event: ['y'] }] }, false],
    [
      '$or with a shared key',
      { store: ['example_corp'], $or: [{ event: ['y'] }, { price_usd: [{ numeric: ['>', 100] }] }] },
      true,
    ],
    ['an empty policy', {}, true],
  ])('%s', (_case, policy, expected) => {
    expect(matchesAttributes(policy)).toBe(expected);
  });
});

describe('SNS filter policies on the message body', () => {
  it.each([
    ['exact string', { store: ['example_corp'] }, true],
    ['list in the body: any element', { customer_interests: ['hockey'] }, true],
    ['exact number', { price_usd: [210.75] }, true],
    ['nested key', { payment: { method: ['card'] } }, true],
    ['deeply nested numeric', { payment: { card: { amount: [{ numeric: ['<', 300] }] } } }, true],
    ['deeply nested, other value', { payment: { card: { brand: ['amex'] } } }, false],
    ['key in objects of a list', { lines: { sku: [{ prefix: 'B-' }] } }, true],
    ['null', { coupon: [null] }, true],
    ['exists false on a nested key', { payment: { voucher: [{ exists: false }] } }, true],
    ['exists true on a nested key', { payment: { voucher: [{ exists: true }] } }, false],
    ['$or across nesting', { $or: [{ payment: { method: ['cash'] } }, { store: ['example_corp'] }] }, true],
    ['cidr', { source_ip: [{ cidr: '10.0.0.0/8' }] }, true],
    [
      '$or inside a nested key',
      { payment: { $or: [{ method: ['cash'] }, { card: { brand: ['visa'] } }] } },
      true,
    ],
    ['anything-but a nested value', { payment: { method: [{ 'anything-but': ['card'] }] } }, false],
  ])('%s', (_case, policy, expected) => {
    expect(matchesBody(policy)).toBe(expected);
  });

  it('matches no policy with keys when the body is not a JSON object', () => {
    expect(matchesBody({ store: ['example_corp'] }, 'plain text')).toBe(false);
    expect(matchesBody({ store: [{ exists: false }] }, '[1, 2]')).toBe(false);
  });
});

describe('SNS filter policy validation', () => {
  function refusal(policy: string, scope: 'MessageAttributes' | 'MessageBody' = 'MessageAttributes'): string {
    try {
      FilterPolicy.parse(policy, scope);
    } catch (error) {
      expect(error).toBeInstanceOf(SnsError);
      expect((error as SnsError).code).toBe('InvalidParameter');
      return (error as SnsError).message;
    }
    throw new Error(`${policy} was accepted`);
  }

  it.each([
    ['not JSON', '{"a": [', /^Invalid parameter: FilterPolicy: failed to parse JSON/],
    ['not an object', '["a"]', /Filter policy must be a JSON object/],
    ['a value not in a list', '{"a": "b"}', /must be a list of rules/],
    ['an empty list', '{"a": []}', /Empty arrays are not allowed/],
    ['an unknown operator', '{"a": [{"wildcard-ish": "x"}]}', /Unrecognized match type wildcard-ish/],
    ['a bad numeric', '{"a": [{"numeric": [">", "x"]}]}', /Invalid numeric match/],
    ['a numeric beyond 1e9', '{"a": [{"numeric": [">", 2000000000]}]}', /between -1.0E9 and 1.0E9/],
    ['exists not boolean', '{"a": [{"exists": "yes"}]}', /exists match pattern must be either true or false/],
    ['a bad cidr', '{"a": [{"cidr": "10.0.0.0/33"}]}', /cidr match pattern/],
    ['$or with one alternative', '{"$or": [{"a": ["b"]}]}', /\$or must be a list of at least two/],
    [
      'six keys',
      JSON.stringify({ a: [1], b: [1], c: [1], d: [1], e: [1], f: [1] }),
      /Filter policy can not have more than 5 keys/,
    ],
    [
      '151 combinations',
      JSON.stringify({ a: Array.from({ length: 151 }, (_, index) => index) }),
      /Filter policy is too complex/,
    ],
    [
      'combinations multiplied across keys',
      JSON.stringify({
        a: Array.from({ length: 13 }, (_, i) => i),
        b: Array.from({ length: 12 }, (_, i) => i),
      }),
      /Filter policy is too complex/,
    ],
    [
      'nesting in the MessageAttributes scope',
      '{"a": {"b": ["c"]}}',
      /does not support nested filter policy/,
    ],
  ])('refuses %s', (_case, policy, message) => {
    expect(refusal(policy)).toMatch(message);
  });

  it('accepts 150 combinations and five keys, and nesting in the MessageBody scope', () => {
    const values = (count: number) => Array.from({ length: count }, (_, index) => index);
    expect(() =>
      FilterPolicy.parse(JSON.stringify({ a: values(10), b: values(15) }), 'MessageAttributes'),
    ).not.toThrow();
    expect(() =>
      FilterPolicy.parse('{"a":[1],"b":[1],"c":[1],"d":[1],"e":[1]}', 'MessageAttributes'),
    ).not.toThrow();
    expect(() => FilterPolicy.parse('{"a": {"b": {"c": ["d"]}}}', 'MessageBody')).not.toThrow();
  });

  it('counts keys per $or alternative', () => {
    const policy = { a: [1], b: [1], c: [1], $or: [{ d: [1], e: [1] }, { f: [1] }] };
    expect(() => FilterPolicy.parse(JSON.stringify(policy), 'MessageAttributes')).not.toThrow();
    const tooMany = { a: [1], b: [1], c: [1], d: [1], $or: [{ e: [1], f: [1] }, { g: [1] }] };
    expect(refusal(JSON.stringify(tooMany))).toMatch(/more than 5 keys/);
  });
});
