import { reportLine } from '../../src/lambda/platform-lines';
import { compileFilterPattern, InvalidFilterPatternError } from '../../src/logs';

/** A Powertools log line as the stack's functions write them. */
function powertoolsLine(fields: Record<string, unknown>): string {
  return JSON.stringify({
    level: 'INFO',
    message: 'order stored',
    timestamp: '2026-01-01T00:00:00.000Z',
    service: 'ProcessOrders',
    ...fields,
  });
}

const REJECTED = powertoolsLine({
  level: 'ERROR',
  message: 'order rejected',
  messageId: 'm-1',
  orderId: 'order-42',
  reason: 'quantity must be a positive integer (given -1)',
  attempt: 3,
  order: { customer: { id: 'c-7' }, lines: [{ sku: 'A-1', quantity: -1 }] },
  retried: true,
  correlation: null,
});
const STORED = powertoolsLine({ messageId: 'm-2', orderId: 'order-43', attempt: 1, retried: false });
const REPORT = 'REPORT RequestId: 7f1c Duration: 12.34 ms Billed Duration: 13 ms Memory Size: 256 MB';
const START = 'START RequestId: 7f1c Version: $LATEST';
const LINES = [REJECTED, STORED, REPORT, START];

function matching(pattern: string): string[] {
  const matches = compileFilterPattern(pattern);
  return LINES.filter((line) => matches(line));
}

describe('compileFilterPattern: text terms', () => {
  test('an empty pattern matches every event', () => {
    expect(matching('')).toStrictEqual(LINES);
    expect(matching('   ')).toStrictEqual(LINES);
  });

  test('every term must appear, case-sensitively, anywhere in the message', () => {
    expect(matching('RequestId')).toStrictEqual([REPORT, START]);
    expect(matching('RequestId Duration')).toStrictEqual([REPORT]);
    expect(matching('requestid')).toStrictEqual([]);
    expect(matching('ERROR')).toStrictEqual([REJECTED]);
  });

  test('a quoted phrase is one term, spaces and punctuation included', () => {
    expect(matching('"Billed Duration: 13 ms"')).toStrictEqual([REPORT]);
    expect(matching('"Duration: 14"')).toStrictEqual([]);
    expect(matching('"\\"level\\":\\"ERROR\\""')).toStrictEqual([REJECTED]);
  });

  test('?terms match when any of them appears', () => {
    expect(matching('?ERROR ?START')).toStrictEqual([REJECTED, START]);
    expect(matching('?nothing ?"order stored"')).toStrictEqual([STORED]);
  });

  test('-terms exclude, alone or after other terms, also written as a lone minus', () => {
    expect(matching('RequestId -REPORT')).toStrictEqual([START]);
    expect(matching('-RequestId')).toStrictEqual([REJECTED, STORED]);
    expect(matching('"RequestId" - "Duration"')).toStrictEqual([START]);
  });

  test('%regex% matches a regular expression', () => {
    expect(matching('%Duration: \\d+\\.\\d+ ms%')).toStrictEqual([REPORT]);
    expect(matching('%^START%')).toStrictEqual([START]);
  });
});

describe('compileFilterPattern: JSON patterns', () => {
  test('= compares a field with a quoted or bare string; non-JSON lines never match', () => {
    expect(matching('{ $.level = "ERROR" }')).toStrictEqual([REJECTED]);
    expect(matching('{$.level=ERROR}')).toStrictEqual([REJECTED]);
    expect(matching('{ $.messageId = "m-2" }')).toStrictEqual([STORED]);
  });

  test('!= matches events whose field has another value, not events without the field', () => {
    expect(matching('{ $.level != "ERROR" }')).toStrictEqual([STORED]);
    expect(matching('{ $.reason != "x" }')).toStrictEqual([REJECTED]);
  });

  test('* at either end of a value is a wildcard; inside it is a literal', () => {
    expect(matching('{ $.orderId = "order-4*" }')).toStrictEqual([REJECTED, STORED]);
    expect(matching('{ $.reason = *integer* }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.orderId = *43 }')).toStrictEqual([STORED]);
    expect(matching('{ $.orderId = order*42 }')).toStrictEqual([]);
    expect(matching('{ $.reason = "*" }')).toStrictEqual([REJECTED]);
  });

  test('numbers compare numerically', () => {
    expect(matching('{ $.attempt > 2 }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.attempt >= 1 }')).toStrictEqual([REJECTED, STORED]);
    expect(matching('{ $.attempt < 3 }')).toStrictEqual([STORED]);
    expect(matching('{ $.attempt <= 3.0 }')).toStrictEqual([REJECTED, STORED]);
    expect(matching('{ $.attempt = 3 }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.attempt != 3 }')).toStrictEqual([STORED]);
    expect(matching('{ $.attempt = 3e0 }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.order.lines[0].quantity < -0.5 }')).toStrictEqual([REJECTED]);
  });

  test('nested properties and array indexes', () => {
    expect(matching('{ $.order.customer.id = "c-7" }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.order.lines[0].sku = A-1 }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.order.lines[1].sku = A-1 }')).toStrictEqual([]);
  });

  test('a selector on an object or array matches neither = nor !=', () => {
    expect(matching('{ $.order = "x" }')).toStrictEqual([]);
    expect(matching('{ $.order != "x" }')).toStrictEqual([]);
    expect(matching('{ $.order.lines != 1 }')).toStrictEqual([]);
  });

  test('IS NULL, IS TRUE, IS FALSE and NOT EXISTS', () => {
    expect(matching('{ $.correlation IS NULL }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.retried IS TRUE }')).toStrictEqual([REJECTED]);
    expect(matching('{ $.retried IS FALSE }')).toStrictEqual([STORED]);
    expect(matching('{ $.reason NOT EXISTS }')).toStrictEqual([STORED]);
  });

  test('&& binds tighter than ||, and parentheses group', () => {
    expect(matching('{ $.level = "ERROR" && $.attempt = 1 || $.orderId = "order-43" }')).toStrictEqual([
      STORED,
    ]);
    expect(matching('{ $.level = "ERROR" && ($.attempt = 1 || $.orderId = "order-42") }')).toStrictEqual([
      REJECTED,
    ]);
    expect(matching('{ ($.level = "INFO") || ($.level = "ERROR") }')).toStrictEqual([REJECTED, STORED]);
    expect(matching('{ (($.attempt > 0)) && $.level = INFO }')).toStrictEqual([STORED]);
  });

  test('a %regex% value matches the field against a regular expression', () => {
    expect(matching('{ $.reason = %positive.*\\(given% }')).toStrictEqual([REJECTED]);
  });
});

describe('compileFilterPattern: invalid patterns', () => {
  test.each([
    ['{ $.level = "ERROR" ', /enclosed in \{ and \}/],
    ['{ level = "ERROR" }', /selector starting with "\$"/],
    ['{ $.level ~ "ERROR" }', /expected =, !=, <, >, <=, >=, IS or NOT EXISTS after "\$.level"/],
    ['{ $.attempt > many }', /"\$.attempt >" needs a number/],
    ['{ $.level = }', /expected a value after "\$.level ="/],
    ['{ $.level = "ERROR }', /closing "/],
    ['{ ($.level = ERROR }', /expected "\)"/],
    ['{ $.level = ERROR && }', /selector starting with "\$"/],
    ['{ $.level IS MAYBE }', /NULL, TRUE or FALSE/],
    ['{ $. = 1 }', /property name/],
    ['"unclosed', /quoted term needs a closing "/],
    ['?', /"\?" must come right before a term/],
    ['ERROR -', /"-" must be followed by a term/],
    ['%(%', /invalid regular expression/],
    ['[ip, user', /enclosed in \[ and \]/],
    ['[ip, 1st]', /expected a field name in "1st"/],
    ['[ip, bytes > lots]', /"bytes >" needs a number/],
    ['[ip, bytes ~ 3]', /expected =, !=, <, >, <= or >= after "bytes"/],
  ])('%s is refused with a message naming the problem', (pattern, message) => {
    expect(() => compileFilterPattern(pattern)).toThrow(InvalidFilterPatternError);
    expect(() => compileFilterPattern(pattern)).toThrow(message);
  });

  test('the error names the pattern', () => {
    expect(() => compileFilterPattern('{ $.x > y }')).toThrow('Invalid filter pattern "{ $.x > y }": ');
  });
});

describe('compileFilterPattern: space-delimited patterns', () => {
  const ACCESS = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
    '10.0.0.2 - ada [10/Oct/2000:13:50:35 -0700] "POST /orders HTTP/1.1" 200 4355',
  ];
  const matchingAccess = (pattern: string) => {
    const matches = compileFilterPattern(pattern);
    return ACCESS.filter((line) => matches(line)).map((line) => line.split(' ')[2]);
  };

  test('names every field; quoted and bracketed parts are one field each', () => {
    expect(matchingAccess('[ip, user, username, timestamp, request, status_code, bytes]')).toStrictEqual([
      'frank',
      'frank',
      'ada',
    ]);
    expect(matchingAccess('[ip, user, username, timestamp, request, status_code]')).toStrictEqual([]);
  });

  test('conditions on fields: wildcards, numbers, && and ||', () => {
    expect(matchingAccess('[ip, user, username, timestamp, request, status_code = 4*, bytes]')).toStrictEqual(
      ['frank'],
    );
    expect(
      matchingAccess('[ip, user, username = ada, timestamp, request, status_code, bytes > 1000]'),
    ).toStrictEqual(['ada']);
    expect(
      matchingAccess(
        '[ip, user, username, timestamp, request = *html* || request = "POST *", status_code, bytes]',
      ),
    ).toStrictEqual(['frank', 'ada']);
    expect(
      matchingAccess(
        '[ip, user, username, timestamp, request, status_code = 5* && status_code != 503, bytes]',
      ),
    ).toStrictEqual(['frank']);
  });

  test('... stands for any number of fields, and an empty slot for one unnamed field', () => {
    expect(matchingAccess('[..., status_code = 200, bytes]')).toStrictEqual(['ada']);
    expect(matchingAccess('[ip = 127.*, ...]')).toStrictEqual(['frank', 'frank']);
    expect(matchingAccess('[..., request=*.html*, status_code=4*,]')).toStrictEqual(['frank']);
    expect(matchingAccess('[ip, ..., bytes < 2000]')).toStrictEqual(['frank']);
  });

  test("the logs page's slow-invocation pattern picks the local cloud's REPORT lines by duration", () => {
    const matches = compileFilterPattern(
      '[type = REPORT, ..., label = "Duration:", duration > 100, unit = ms, ...]',
    );
    const report = (durationMs: number) =>
      reportLine({
        requestId: 'r',
        durationMs,
        billedDurationMs: Math.ceil(durationMs),
        memorySizeMb: 256,
        maxMemoryUsedMb: 80,
      });

    expect([report(250.5), report(12.3), START].map(matches)).toStrictEqual([true, false, false]);
  });
});
