import { type AlarmStatistic, type MetricIdentity, STATISTICS } from '../assembly/alarm-definitions';
import { CloudWatchError } from './errors';
import type { MetricStore } from './metric-store';
import { percentile, statisticSetOf, statisticValue } from './statistics';

/** A GetMetricStatistics request. */
export interface MetricStatisticsRequest {
  readonly metric: MetricIdentity;
  /** Epoch ms; inclusive. */
  readonly startTime: number;
  /** Epoch ms; exclusive. */
  readonly endTime: number;
  readonly periodSeconds: number;
  readonly statistics: readonly string[];
  readonly extendedStatistics: readonly string[];
}

/** One period of a GetMetricStatistics answer. */
export interface MetricStatisticsDatapoint {
  /** Epoch ms at which the period starts. */
  readonly timestamp: number;
  readonly statistics: Readonly<Record<string, number>>;
  readonly extendedStatistics: Readonly<Record<string, number>>;
  readonly unit?: string;
}

/** The most datapoints GetMetricStatistics returns, as in CloudWatch. */
export const MAXIMUM_STATISTICS_DATAPOINTS = 1440;

/** @throws CloudWatchError naming the first rule of GetMetricStatistics the request breaks */
function checkStatisticsRequest(request: MetricStatisticsRequest): void {
  if (!(Number.isInteger(request.periodSeconds) && request.periodSeconds > 0)) {
    throw new CloudWatchError(
      'InvalidParameterValue',
      `The parameter Period must be a positive integer (given ${request.periodSeconds}).`,
    );
  }
  if (request.statistics.length + request.extendedStatistics.length === 0) {
    throw new CloudWatchError('MissingParameter', 'Must specify either Statistics or ExtendedStatistics.');
  }
  const invalid = request.statistics.find((name) => !STATISTICS.includes(name as AlarmStatistic));
  if (invalid !== undefined) {
    throw new CloudWatchError(
      'InvalidParameterValue',
      `The parameter Statistics.member contains ${invalid}: use SampleCount, Average, Sum, Minimum or Maximum.`,
    );
  }
  const periods = (request.endTime - request.startTime) / (request.periodSeconds * 1000);
  if (periods > MAXIMUM_STATISTICS_DATAPOINTS) {
    throw new CloudWatchError(
      'InvalidParameterCombination',
      `You have requested up to ${Math.ceil(periods)} datapoints, which exceeds the limit of ${MAXIMUM_STATISTICS_DATAPOINTS}.`,
    );
  }
}

/**
 * The statistics of a metric per period, as GetMetricStatistics gives them: periods without data
 * are left out.
 *
 * @throws CloudWatchError on a period, statistic or time range CloudWatch would refuse
 */
export function metricStatistics(
  store: Pick<MetricStore, 'unitOf' | 'valuesBetween'>,
  request: MetricStatisticsRequest,
): MetricStatisticsDatapoint[] {
  checkStatisticsRequest(request);
  const periodMs = request.periodSeconds * 1000;
  const unit = store.unitOf(request.metric);
  const datapoints: MetricStatisticsDatapoint[] = [];
  for (let start = request.startTime; start < request.endTime; start += periodMs) {
    const values = store.valuesBetween(request.metric, start, Math.min(start + periodMs, request.endTime));
    const set = statisticSetOf(values);
    if (set === undefined) continue;
    datapoints.push({
      timestamp: start,
      statistics: Object.fromEntries(
        request.statistics.map((name) => [name, statisticValue(set, name as AlarmStatistic)]),
      ),
      extendedStatistics: Object.fromEntries(
        request.extendedStatistics.map((name) => [name, percentile(values, name) as number]),
      ),
      unit,
    });
  }
  return datapoints;
}
