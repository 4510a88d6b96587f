import { formatLogLine } from '../../src/console/ui/log-line-format';

describe('formatLogLine', () => {
  test('a JSON line shows as its fields, with its level', () => {
    expect(formatLogLine('{"level":"WARN","message":"rejected","errors":["a"]}\n')).toStrictEqual({
      level: 'WARN',
      fields: [
        ['level', 'WARN'],
        ['message', 'rejected'],
        ['errors', '["a"]'],
      ],
      text: '{"level":"WARN","message":"rejected","errors":["a"]}',
    });
  });

  test("Lambda's text format gives the level, and a JSON message its fields", () => {
    const text = formatLogLine('2026-01-01T00:00:00.000Z\tabc\tERROR\tboom');
    const json = formatLogLine('2026-01-01T00:00:00.000Z\tabc\tINFO\t{"orderId":"o-1"}');

    expect(text).toStrictEqual({ level: 'ERROR', text: '2026-01-01T00:00:00.000Z\tabc\tERROR\tboom' });
    expect(json.level).toBe('INFO');
    expect(json.fields).toStrictEqual([['orderId', 'o-1']]);
  });

  test('platform lines and broken JSON have no level and no fields', () => {
    expect(formatLogLine('REPORT RequestId: abc\tDuration: 3.00 ms')).toStrictEqual({
      level: undefined,
      text: 'REPORT RequestId: abc\tDuration: 3.00 ms',
    });
    expect(formatLogLine('{"level": "INFO"').fields).toBeUndefined();
  });
});
