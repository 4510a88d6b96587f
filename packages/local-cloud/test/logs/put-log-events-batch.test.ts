import { checkLogEventBatch, InvalidParameterException, PUT_LOG_EVENTS_LIMITS } from '../../src/logs';

const NOW = Date.UTC(2026, 0, 20, 12);
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const event = (offsetMs: number, message = `at ${offsetMs}`) => ({ timestamp: NOW + offsetMs, message });

describe('checkLogEventBatch', () => {
  test('accepts a batch in chronological order, equal timestamps included', () => {
    const events = [event(-2), event(-1), event(-1, 'same time')];

    expect(checkLogEventBatch(events, NOW)).toStrictEqual({ accepted: events });
  });

  test('drops events too old, past retention or too new, and says which by index', () => {
    const events = [event(-15 * DAY), event(-3 * DAY), event(-HOUR), event(3 * HOUR)];

    expect(checkLogEventBatch(events, NOW, 1)).toStrictEqual({
      accepted: [event(-HOUR)],
      rejectedLogEventsInfo: {
        tooOldLogEventEndIndex: 0,
        expiredLogEventEndIndex: 1,
        tooNewLogEventStartIndex: 3,
      },
    });
  });

  test.each([
    ['is empty', [], /between 1 and 10000 log events \(given 0\)/],
    [
      'has too many events',
      Array.from({ length: PUT_LOG_EVENTS_LIMITS.maximumEvents + 1 }, () => event(0, 'x')),
      /between 1 and 10000 log events \(given 10001\)/,
    ],
    ['is out of chronological order', [event(0), event(-1)], /must be in chronological order/],
    ['spans more than 24 hours', [event(-25 * HOUR), event(0)], /cannot span more than 24 hours/],
    ['has an empty message', [event(0, '')], /Log event 0 has an empty message/],
    [
      'has an event over 1 MB',
      [event(0, 'x'.repeat(PUT_LOG_EVENTS_LIMITS.maximumEventBytes + 1))],
      /at most 1048550 bytes/,
    ],
    [
      'is over 1 MiB with 26 bytes per event',
      [event(0, 'x'.repeat(600_000)), event(0, 'y'.repeat(448_551))],
      /is 1048603 bytes.*the maximum is 1048576/,
    ],
  ])('fails the whole batch when it %s', (_rule, events, message) => {
    expect(() => checkLogEventBatch(events, NOW)).toThrow(InvalidParameterException);
    expect(() => checkLogEventBatch(events, NOW)).toThrow(message);
  });

  test('a batch exactly at the size limit passes', () => {
    const events = [event(0, 'x'.repeat(PUT_LOG_EVENTS_LIMITS.maximumBatchBytes - 26))];

    expect(checkLogEventBatch(events, NOW).accepted).toHaveLength(1);
  });
});
