import type { MetricIdentity } from '../assembly/alarm-definitions';

/** One value of a metric at one time. */
export interface MetricDatapoint {
  /** Epoch ms, in cloud time. */
  readonly timestamp: number;
  readonly value: number;
}

interface MetricSeries {
  readonly metric: MetricIdentity;
  /** In timestamp order. */
  readonly datapoints: MetricDatapoint[];
  unit?: string;
}

/** Options of a {@link MetricStore}. */
export interface MetricStoreOptions {
  /** Datapoints older than this (cloud ms) are dropped as new ones arrive. @default 3 hours */
  readonly retentionMs?: number;
  /** The most datapoints a series keeps; the oldest go first. @default 100000 */
  readonly maximumDatapointsPerSeries?: number;
}

/**
 * The key CloudWatch identifies a metric by: namespace, name and the set of dimensions, whatever
 * their order.
 */
function metricKey(metric: MetricIdentity): string {
  const dimensions = [...metric.dimensions]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, value }) => `${name}=${value}`);
  return JSON.stringify([metric.namespace, metric.metricName, dimensions]);
}

/**
 * The local CloudWatch's metric data: datapoints per metric, kept for a bounded time and count, so
 * a long run holds what its alarms and a GetMetricStatistics look at and no more.
 */
export class MetricStore {
  private readonly series = new Map<string, MetricSeries>();
  private readonly retentionMs: number;
  private readonly maximumDatapointsPerSeries: number;

  constructor(options: MetricStoreOptions = {}) {
    this.retentionMs = options.retentionMs ?? 3 * 60 * 60 * 1000;
    this.maximumDatapointsPerSeries = options.maximumDatapointsPerSeries ?? 100_000;
  }

  /** Adds datapoints of one metric at one time. */
  put(metric: MetricIdentity, timestamp: number, values: readonly number[], unit?: string): void {
    const key = metricKey(metric);
    let series = this.series.get(key);
    if (series === undefined) {
      series = { metric, datapoints: [] };
      this.series.set(key, series);
    }
    if (unit !== undefined) series.unit = unit;
    const { datapoints } = series;
    for (const value of values) {
      // Datapoints nearly always arrive in time order; a late one is placed where it belongs.
      let index = datapoints.length;
      while (index > 0 && datapoints[index - 1].timestamp > timestamp) index--;
      datapoints.splice(index, 0, { timestamp, value });
    }
    const oldestKept = timestamp - this.retentionMs;
    let drop = Math.max(0, datapoints.length - this.maximumDatapointsPerSeries);
    while (drop < datapoints.length && datapoints[drop].timestamp < oldestKept) drop++;
    if (drop > 0) datapoints.splice(0, drop);
  }

  /** The values of a metric with `start <= timestamp < end`. */
  valuesBetween(metric: MetricIdentity, start: number, end: number): number[] {
    const series = this.series.get(metricKey(metric));
    if (series === undefined) return [];
    const { datapoints } = series;
    // The datapoints are in timestamp order: find the first at or after `start` by bisection.
    let low = 0;
    let high = datapoints.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (datapoints[middle].timestamp < start) low = middle + 1;
      else high = middle;
    }
    const values: number[] = [];
    for (let index = low; index < datapoints.length && datapoints[index].timestamp < end; index++) {
      values.push(datapoints[index].value);
    }
    return values;
  }

  /** The unit the latest datapoints of a metric came with, if any. */
  unitOf(metric: MetricIdentity): string | undefined {
    return this.series.get(metricKey(metric))?.unit;
  }

  /** Every metric with datapoints, in the order they first appeared. */
  metrics(): MetricIdentity[] {
    return [...this.series.values()].map((series) => series.metric);
  }
}
