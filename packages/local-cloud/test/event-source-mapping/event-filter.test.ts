import type { SQSRecord } from 'aws-lambda';
import { EventFilter, InvalidFilterPatternError } from '../../src/event-source-mapping/event-filter';

/** An SQS record as Lambda delivers it; override what a test needs. */
function recordWith(overrides: Partial<SQSRecord> = {}): SQSRecord {
  return {
    messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
    receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
    body: JSON.stringify({ RecordNumber: 1234, TimeStamp: '2026-12-03T08:00:00', RequestCode: 'AAAA' }),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1545082649183',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1545082649185',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-west-2:123456789012:my-queue',
    awsRegion: 'us-west-2',
    ...overrides,
  };
}

/** Whether a record whose JSON body is `body` passes a filter with `bodyPattern` under `body`. */
const bodyMatches = (bodyPattern: unknown, body: unknown): boolean =>
  EventFilter.parse([JSON.stringify({ body: bodyPattern })]).matches(
    recordWith({ body: JSON.stringify(body) }),
  );

describe('EventFilter', () => {
  test('without patterns, every record is delivered', () => {
    const filter = EventFilter.parse([]);

    expect(filter.filtering).toBe(false);
    expect(filter.matches(recordWith({ body: 'anything' }))).toBe(true);
  });

  test("matches the JSON body's fields, as in AWS's SQS example (RequestCode is BBBB)", () => {
    const filter = EventFilter.parse(['{ "body" : { "RequestCode" : [ "BBBB" ] } }']);

    expect(filter.matches(recordWith({ body: '{"RequestCode":"BBBB"}' }))).toBe(true);
    expect(filter.matches(recordWith({ body: '{"RequestCode":"AAAA"}' }))).toBe(false);
  });

  test.each([
    ['an exact string', ['BBBB'], 'BBBB', true],
    ['one of several values', ['AAAA', 'BBBB'], 'BBBB', true],
    ['an exact number', [1234], 1234, true],
    ['a number against its string', [1234], '1234', false],
    ['null', [null], null, true],
    ['null against an absent field', [null], undefined, false],
    ['the empty string', [''], '', true],
    ['a prefix', [{ prefix: 'us-' }], 'us-east-1', true],
    ['a prefix that differs', [{ prefix: 'us-' }], 'eu-west-1', false],
    ['a suffix', [{ suffix: '.png' }], 'cat.png', true],
    ['equals-ignore-case', [{ 'equals-ignore-case': 'alice' }], 'ALICE', true],
    ['anything-but a value', [{ 'anything-but': ['Raining'] }], 'Sunny', true],
    ['anything-but the value itself', [{ 'anything-but': ['Raining'] }], 'Raining', false],
    ['anything-but a single number', [{ 'anything-but': 123 }], 123, false],
    ['anything-but a prefix', [{ 'anything-but': { prefix: 'init' } }], 'initializing', false],
    ['anything-but a prefix that differs', [{ 'anything-but': { prefix: 'init' } }], 'running', true],
    ['anything-but against an absent field', [{ 'anything-but': ['Raining'] }], undefined, false],
    ['numeric =', [{ numeric: ['=', 100] }], 100, true],
    ['numeric >', [{ numeric: ['>', 9999] }], 1234, false],
    ['numeric range inside', [{ numeric: ['>', 10, '<=', 20] }], 20, true],
    ['numeric range outside', [{ numeric: ['>', 10, '<=', 20] }], 10, false],
    ['numeric against a string', [{ numeric: ['>', 1] }], '5', false],
    ['exists true', [{ exists: true }], 'x', true],
    ['exists true against an absent field', [{ exists: true }], undefined, false],
    ['exists false against an absent field', [{ exists: false }], undefined, true],
    ['exists false', [{ exists: false }], 'x', false],
    ['a list value with one matching element', ['b'], ['a', 'b'], true],
  ])('a rule on a JSON field: %s', (_name, rules, value, expected) => {
    const body = value === undefined ? { other: 1 } : { field: value };

    expect(bodyMatches({ field: rules }, body)).toBe(expected);
  });

  test('every field of a pattern must match, nested fields included', () => {
    const pattern = { Location: ['New York'], order: { Day: ['Monday'] } };

    expect(bodyMatches(pattern, { Location: 'New York', order: { Day: 'Monday' } })).toBe(true);
    expect(bodyMatches(pattern, { Location: 'New York', order: { Day: 'Friday' } })).toBe(false);
  });

  test('$or matches when one of its patterns does', () => {
    const pattern = { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] };

    expect(bodyMatches(pattern, { Location: 'Paris', Day: 'Monday' })).toBe(true);
    expect(bodyMatches(pattern, { Location: 'Paris', Day: 'Friday' })).toBe(false);
  });

  test('a record is delivered when it matches any of the patterns', () => {
    const filter = EventFilter.parse([
      '{"body":{"RequestCode":["AAAA"]}}',
      '{"body":{"RequestCode":["BBBB"]}}',
    ]);

    expect(filter.matches(recordWith({ body: '{"RequestCode":"BBBB"}' }))).toBe(true);
    expect(filter.matches(recordWith({ body: '{"RequestCode":"CCCC"}' }))).toBe(false);
  });

  test('a plain-text body matches only rules on the body itself, and a JSON body never does', () => {
    const filter = EventFilter.parse(['{"body":[{"prefix":"Result: "}]}']);

    expect(filter.matches(recordWith({ body: 'Result: ok' }))).toBe(true);
    expect(filter.matches(recordWith({ body: '{"Result: ":1}' }))).toBe(false);
  });

  test('a pattern on JSON fields never matches a plain-text body', () => {
    const filter = EventFilter.parse(['{"body":{"RequestCode":[{"exists":false}]}}']);

    expect(filter.matches(recordWith({ body: 'RequestCode is missing' }))).toBe(false);
    expect(filter.matches(recordWith({ body: '{"other":1}' }))).toBe(true);
  });

  test('matches the other fields of the record: attributes and message attributes', () => {
    const filter = EventFilter.parse([
      '{"attributes":{"ApproximateReceiveCount":["1"]},"messageAttributes":{"kind":{"stringValue":["order"]}}}',
    ]);
    const kind = (value: string) => ({
      kind: { dataType: 'String', stringValue: value, stringListValues: [], binaryListValues: [] },
    });

    expect(filter.matches(recordWith({ messageAttributes: kind('order') }))).toBe(true);
    expect(filter.matches(recordWith({ messageAttributes: kind('refund') }))).toBe(false);
  });

  test.each([
    ['text that is not JSON', '{ body: [', /not JSON/],
    ['a list', '["a"]', /must be a JSON object/],
    ['an empty object', '{}', /must be a JSON object with at least one field/],
    [
      'a value not in a list',
      '{"body":{"RequestCode":"BBBB"}}',
      /body\.RequestCode: rules must be in a list/,
    ],
    ['an empty list of rules', '{"body":{"RequestCode":[]}}', /an empty list of rules/],
    ['an unknown operator', '{"body":{"a":[{"contains":"x"}]}}', /is not a rule/],
    ['a numeric rule with a string bound', '{"body":{"a":[{"numeric":[">","5"]}]}}', /numeric takes/],
    ['a numeric range upside down', '{"body":{"a":[{"numeric":["<",5,">",1]}]}}', /numeric takes/],
    ['exists with a string', '{"body":{"a":[{"exists":"yes"}]}}', /exists takes true or false/],
    ['$or with one pattern', '{"$or":[{"a":["x"]}]}', /\$or takes a list of at least two/],
  ])('fails if a pattern is %s', (_name, pattern, message) => {
    expect(() => EventFilter.parse(['{"body":{"ok":["x"]}}', pattern])).toThrow(InvalidFilterPatternError);
    expect(() => EventFilter.parse([pattern])).toThrow(message);
  });
});
