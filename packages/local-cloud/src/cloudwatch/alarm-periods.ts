import type { LocalAlarmDefinition } from '../assembly/alarm-definitions';
import type { PeriodValue } from './alarm-evaluation';
import type { MetricStore } from './metric-store';
import { percentile, statisticSetOf, statisticValue } from './statistics';

/**
 * The alarm's statistic in each of its latest `EvaluationPeriods` periods ending at `periodsEnd`,
 * oldest first; a period without datapoints has no value.
 */
export function alarmPeriodValues(
  store: Pick<MetricStore, 'valuesBetween'>,
  alarm: LocalAlarmDefinition,
  periodsEnd: number,
): PeriodValue[] {
  const periodMs = alarm.periodSeconds * 1000;
  const periods: PeriodValue[] = [];
  for (let index = alarm.evaluationPeriods; index >= 1; index--) {
    const start = periodsEnd - index * periodMs;
    const values = store.valuesBetween(alarm.metric, start, start + periodMs);
    const set = statisticSetOf(values);
    const value =
      set === undefined
        ? undefined
        : alarm.statistic !== undefined
          ? statisticValue(set, alarm.statistic)
          : percentile(values, alarm.extendedStatistic ?? 'p100');
    periods.push({ start, value, sampleCount: set?.sampleCount });
  }
  return periods;
}
