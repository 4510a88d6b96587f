/**
 * The request and result shapes of the CloudWatch operations the local cloud answers, as
 * `@aws-sdk/client-cloudwatch` declares them (that package is not a dependency here), limited to
 * the members the local cloud reads or writes. Timestamps are `Date`s, as in the SDK: the Query
 * protocol writes them in ISO 8601, AWS JSON 1.0 in epoch seconds.
 */

import type { AlarmStateValue } from './alarm-evaluation';

/** A metric's dimension. */
export interface Dimension {
  readonly Name: string | undefined;
  readonly Value: string | undefined;
}

/** ListMetrics' dimension filter: without `Value`, any value of the dimension matches. */
export interface DimensionFilter {
  readonly Name: string | undefined;
  readonly Value?: string;
}

export interface DescribeAlarmsInput {
  readonly AlarmNames?: string[];
  readonly AlarmNamePrefix?: string;
  readonly StateValue?: AlarmStateValue;
  readonly ActionPrefix?: string;
}

/** A metric alarm, as DescribeAlarms describes it. */
export interface MetricAlarm {
  readonly AlarmName?: string;
  readonly AlarmArn?: string;
  readonly AlarmDescription?: string;
  readonly AlarmConfigurationUpdatedTimestamp?: Date;
  readonly ActionsEnabled?: boolean;
  readonly OKActions?: string[];
  readonly AlarmActions?: string[];
  readonly InsufficientDataActions?: string[];
  readonly StateValue?: AlarmStateValue;
  readonly StateReason?: string;
  readonly StateReasonData?: string;
  readonly StateUpdatedTimestamp?: Date;
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Dimensions?: Dimension[];
  readonly Period?: number;
  readonly Unit?: string;
  readonly EvaluationPeriods?: number;
  readonly DatapointsToAlarm?: number;
  readonly Threshold?: number;
  readonly ComparisonOperator?: string;
  readonly TreatMissingData?: string;
  readonly StateTransitionedTimestamp?: Date;
}

export interface DescribeAlarmsOutput {
  readonly MetricAlarms?: MetricAlarm[];
  /** Always empty: the local cloud has no composite alarms. */
  readonly CompositeAlarms?: never[];
}

export interface SetAlarmStateInput {
  readonly AlarmName: string | undefined;
  readonly StateValue: AlarmStateValue | undefined;
  readonly StateReason: string | undefined;
  readonly StateReasonData?: string;
}

/** One metric's datapoints in a PutMetricData request. */
export interface MetricDatum {
  readonly MetricName: string | undefined;
  readonly Dimensions?: Dimension[];
  readonly Timestamp?: Date;
  readonly Value?: number;
  readonly Values?: number[];
  /** How many times each of `Values` occurred; 1 each when absent. */
  readonly Counts?: number[];
  readonly Unit?: string;
}

export interface PutMetricDataInput {
  readonly Namespace: string | undefined;
  readonly MetricData?: MetricDatum[];
}

export interface GetMetricStatisticsInput {
  readonly Namespace: string | undefined;
  readonly MetricName: string | undefined;
  readonly Dimensions?: Dimension[];
  readonly StartTime: Date | undefined;
  readonly EndTime: Date | undefined;
  readonly Period: number | undefined;
  readonly Statistics?: string[];
  readonly ExtendedStatistics?: string[];
}

/** One period's statistics in a GetMetricStatistics result. */
export interface Datapoint {
  readonly Timestamp?: Date;
  readonly SampleCount?: number;
  readonly Average?: number;
  readonly Sum?: number;
  readonly Minimum?: number;
  readonly Maximum?: number;
  readonly Unit?: string;
}

export interface GetMetricStatisticsOutput {
  readonly Label?: string;
  readonly Datapoints?: Datapoint[];
}

export interface ListMetricsInput {
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: DimensionFilter[];
}

/** A metric, as ListMetrics lists it. */
export interface Metric {
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: Dimension[];
}

export interface ListMetricsOutput {
  readonly Metrics?: Metric[];
}
