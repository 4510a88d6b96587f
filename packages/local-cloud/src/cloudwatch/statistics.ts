import type { AlarmStatistic } from '../assembly/alarm-definitions';

/** What CloudWatch keeps of the values of one period: enough for every statistic but percentiles. */
export interface StatisticSet {
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

/** The statistic set of some values; `undefined` for none, as CloudWatch has no datapoint then. */
export function statisticSetOf(values: readonly number[]): StatisticSet | undefined {
  if (values.length === 0) return undefined;
  let sum = 0;
  let minimum = Number.POSITIVE_INFINITY;
  let maximum = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    sum += value;
    if (value < minimum) minimum = value;
    if (value > maximum) maximum = value;
  }
  return { sampleCount: values.length, sum, minimum, maximum };
}

/** One statistic of a statistic set. */
export function statisticValue(set: StatisticSet, statistic: AlarmStatistic): number {
  switch (statistic) {
    case 'SampleCount':
      return set.sampleCount;
    case 'Sum':
      return set.sum;
    case 'Average':
      return set.sum / set.sampleCount;
    case 'Minimum':
      return set.minimum;
    case 'Maximum':
      return set.maximum;
  }
}

/** The error of an extended statistic the local cloud does not compute. */
export class UnsupportedStatisticError extends Error {
  constructor(public readonly statistic: string) {
    super(`extended statistic ${statistic} is not supported locally: use pNN or pNN.N, such as p99 or p99.9`);
    this.name = 'UnsupportedStatisticError';
  }
}

/**
 * A percentile (`p0` to `p100`) of the values, by nearest rank: CloudWatch interpolates within its
 * value buckets, so figures may differ in the last digits, not in which side of a threshold they fall
 * for the few values a local run produces.
 *
 * @example
 * percentile([1, 2, 3, 4], 'p50'); // 2
 */
export function percentile(values: readonly number[], extendedStatistic: string): number | undefined {
  const match = /^p(\d{1,3}(?:\.\d+)?)$/.exec(extendedStatistic);
  const rank = match === null ? Number.NaN : Number(match[1]);
  if (!(rank >= 0 && rank <= 100)) throw new UnsupportedStatisticError(extendedStatistic);
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1);
  return sorted[index];
}
