import { evaluateAlarm, type PeriodValue } from '../../src/cloudwatch';
import { alarmFactory } from './alarm-factory';

const T0 = Date.UTC(2026, 10, 30, 5, 48);

/** Periods of 60 s from T0, oldest first; `undefined` is a period without datapoints. */
function periods(...values: (number | undefined)[]): PeriodValue[] {
  return values.map((value, index) => ({
    start: T0 + index * 60_000,
    value,
    sampleCount: value === undefined ? undefined : 1,
  }));
}

describe('evaluateAlarm', () => {
  test("a datapoint at the threshold breaches GreaterThanOrEqualToThreshold, with CloudWatch's reason", () => {
    const evaluation = evaluateAlarm(alarmFactory(), periods(3), 'OK', T0 + 60_000);

    expect(evaluation.state).toBe('ALARM');
    expect(evaluation.reason).toBe(
      'Threshold Crossed: 1 out of the last 1 datapoints [3.0 (30/11/26 05:48:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
    );
    expect(JSON.parse(evaluation.reasonData)).toMatchObject({
      statistic: 'Sum',
      period: 60,
      recentDatapoints: [3],
      threshold: 1,
      startDate: '2026-11-30T05:48:00.000+0000',
    });
  });

  test('a datapoint under the threshold is OK', () => {
    const evaluation = evaluateAlarm(alarmFactory(), periods(0.5), 'ALARM', T0 + 60_000);

    expect(evaluation.state).toBe('OK');
    expect(evaluation.reason).toMatch(/\[0\.5 \(30\/11\/26 05:48:00\)\] was not greater than or equal to/);
  });

  test.each([
    ['notBreaching', 'OK'],
    ['breaching', 'ALARM'],
    ['missing', 'INSUFFICIENT_DATA'],
    ['ignore', 'ALARM'],
  ] as const)(
    'with no datapoints at all, treatMissingData %s gives %s (from ALARM)',
    (treatMissingData, state) => {
      const evaluation = evaluateAlarm(alarmFactory({ treatMissingData }), periods(undefined), 'ALARM', T0);

      expect(evaluation.state).toBe(state);
    },
  );

  test('an M out of N alarm needs M breaching periods', () => {
    const alarm = alarmFactory({ evaluationPeriods: 3, datapointsToAlarm: 2 });

    expect(evaluateAlarm(alarm, periods(2, 0, 0), 'OK', T0).state).toBe('OK');
    expect(evaluateAlarm(alarm, periods(2, 0, 5), 'OK', T0).state).toBe('ALARM');
  });

  test('missing periods count as breaching with breaching and as good with notBreaching', () => {
    expect(
      evaluateAlarm(
        alarmFactory({ evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'breaching' }),
        periods(5, undefined, 4),
        'OK',
        T0,
      ).state,
    ).toBe('ALARM');
    expect(
      evaluateAlarm(
        alarmFactory({ evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching' }),
        periods(5, undefined, 4),
        'OK',
        T0,
      ).state,
    ).toBe('OK');
  });

  test('with missing, fewer datapoints than DatapointsToAlarm alarm only if all of them breach', () => {
    const alarm = alarmFactory({ evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing' });

    expect(evaluateAlarm(alarm, periods(undefined, undefined, 4), 'OK', T0).state).toBe('ALARM');
    expect(evaluateAlarm(alarm, periods(undefined, 0, 4), 'OK', T0).state).toBe('OK');
  });

  test('LessThanThreshold breaches below the threshold only', () => {
    const alarm = alarmFactory({ comparisonOperator: 'LessThanThreshold', threshold: 10 });

    expect(evaluateAlarm(alarm, periods(9), 'OK', T0).state).toBe('ALARM');
    expect(evaluateAlarm(alarm, periods(10), 'ALARM', T0).state).toBe('OK');
  });
});
