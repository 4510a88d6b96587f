import { LOG_STREAM_NAME_PATTERN, lambdaLogStreamName, shortLogStreamId } from '../../src/logs';

describe('lambdaLogStreamName', () => {
  test("is named like Lambda's: the UTC date, the version in brackets and 32 hex digits", () => {
    const name = lambdaLogStreamName(Date.UTC(2026, 0, 5, 23, 59));

    expect(name).toMatch(/^2026\/01\/05\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(name).toMatch(LOG_STREAM_NAME_PATTERN);
  });

  test('gives every instance its own stream', () => {
    const names = new Set(Array.from({ length: 50 }, () => lambdaLogStreamName(Date.UTC(2026, 10, 25))));

    expect(names.size).toBe(50);
  });

  test('the short id is the first 8 hex digits of the instance id', () => {
    const name = lambdaLogStreamName(Date.UTC(2026, 10, 25), '$LATEST', '4f1c2a9b'.padEnd(32, '0'));

    expect(name).toBe('2026/11/25/[$LATEST]4f1c2a9b000000000000000000000000');
    expect(shortLogStreamId(name)).toBe('4f1c2a9b');
  });
});
