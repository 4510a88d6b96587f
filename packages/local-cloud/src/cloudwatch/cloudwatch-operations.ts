import type { EmptyResult, WireRequest } from '../protocol/wire-request';
import {
  dimensionsOf,
  optionalText,
  requiredStateValue,
  requiredText,
  stateValueOf,
  structureList,
  textList,
  timestampOf,
} from './cloudwatch-request';
import type { AlarmStatus, CloudWatchService } from './cloudwatch-service';
import type {
  DescribeAlarmsInput,
  DescribeAlarmsOutput,
  DimensionFilter,
  GetMetricStatisticsInput,
  GetMetricStatisticsOutput,
  ListMetricsInput,
  ListMetricsOutput,
  MetricAlarm,
  MetricDatum,
  PutMetricDataInput,
  SetAlarmStateInput,
} from './cloudwatch-shapes';
import { CloudWatchError } from './errors';

/** A MetricAlarm structure, as DescribeAlarms returns it. */
function metricAlarm(status: AlarmStatus): MetricAlarm {
  const { alarm } = status;
  return {
    AlarmName: alarm.alarmName,
    AlarmArn: alarm.alarmArn,
    AlarmDescription: alarm.alarmDescription,
    AlarmConfigurationUpdatedTimestamp: new Date(status.configurationUpdatedTimestamp),
    ActionsEnabled: alarm.actionsEnabled,
    OKActions: [...alarm.okActions],
    AlarmActions: [...alarm.alarmActions],
    InsufficientDataActions: [...alarm.insufficientDataActions],
    StateValue: status.stateValue,
    StateReason: status.stateReason,
    StateReasonData: status.stateReasonData,
    StateUpdatedTimestamp: new Date(status.stateUpdatedTimestamp),
    MetricName: alarm.metric.metricName,
    Namespace: alarm.metric.namespace,
    Statistic: alarm.statistic,
    ExtendedStatistic: alarm.extendedStatistic,
    Dimensions: alarm.metric.dimensions.map(({ name, value }) => ({ Name: name, Value: value })),
    Period: alarm.periodSeconds,
    Unit: alarm.unit,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData,
    StateTransitionedTimestamp: new Date(status.stateUpdatedTimestamp),
  };
}

/** A datum's values, each repeated as often as its count says (values with Counts occurred that many times). */
function datumValues(datum: WireRequest<MetricDatum>, at: string): number[] {
  const counts = textList(datum, 'Counts').map(Number);
  const single = optionalText(datum, 'Value');
  const values = single === undefined ? textList(datum, 'Values').map(Number) : [Number(single)];
  const expanded = values.flatMap((value, position) => Array<number>(counts[position] ?? 1).fill(value));
  if (expanded.length === 0 || expanded.some((value) => !Number.isFinite(value))) {
    throw new CloudWatchError('InvalidParameterValue', `${at} needs a finite Value or Values.`);
  }
  return expanded;
}

/**
 * The CloudWatch API's operations over a {@link CloudWatchService}, each named after the API, typed
 * with its request and result shapes, and checking its request as CloudWatch does. The HTTP adapter
 * ({@link cloudWatchApi}) only parses either protocol, dispatches and writes.
 *
 * @example
 * const operations = new CloudWatchOperations(cloudWatch);
 * operations.describeAlarms({ StateValue: 'ALARM' }).MetricAlarms;
 */
export class CloudWatchOperations {
  constructor(private readonly service: CloudWatchService) {}

  /** The alarms by names or a name prefix (not both), state and action prefix, all in one page. */
  describeAlarms(request: WireRequest<DescribeAlarmsInput>): DescribeAlarmsOutput {
    const alarmNames = textList(request, 'AlarmNames');
    const alarmNamePrefix = optionalText(request, 'AlarmNamePrefix');
    if (alarmNames.length > 0 && alarmNamePrefix !== undefined) {
      throw new CloudWatchError(
        'InvalidParameterCombination',
        'AlarmNames and AlarmNamePrefix cannot be given together.',
      );
    }
    const alarms = this.service.describeAlarms({
      alarmNames,
      alarmNamePrefix,
      stateValue: stateValueOf(request, 'StateValue'),
      actionPrefix: optionalText(request, 'ActionPrefix'),
    });
    // The local stack has too few alarms to page: every match comes at once, with no NextToken.
    return { MetricAlarms: alarms.map(metricAlarm), CompositeAlarms: [] };
  }

  /** Sets an alarm's state until its next evaluation, notifying its actions. */
  setAlarmState(request: WireRequest<SetAlarmStateInput>): EmptyResult {
    this.service.setAlarmState(
      requiredText(request, 'AlarmName'),
      requiredStateValue(request, 'StateValue'),
      requiredText(request, 'StateReason'),
      optionalText(request, 'StateReasonData'),
    );
    return {};
  }

  /** Adds each datum's values to its metric, at its timestamp or now. */
  putMetricData(request: WireRequest<PutMetricDataInput>): EmptyResult {
    const namespace = requiredText(request, 'Namespace');
    for (const [index, datum] of structureList<PutMetricDataInput, MetricDatum>(
      request,
      'MetricData',
    ).entries()) {
      const metric = {
        namespace,
        metricName: requiredText(datum, 'MetricName'),
        dimensions: dimensionsOf(datum),
      };
      const values = datumValues(datum, `MetricData.member.${index + 1}`);
      const timestamp =
        datum.Timestamp === undefined || datum.Timestamp === null
          ? undefined
          : timestampOf(datum, 'Timestamp');
      this.service.putMetricData(metric, values, timestamp, optionalText(datum, 'Unit'));
    }
    return {};
  }

  /** A metric's statistics per period; periods without data are left out. */
  getMetricStatistics(request: WireRequest<GetMetricStatisticsInput>): GetMetricStatisticsOutput {
    const metric = {
      namespace: requiredText(request, 'Namespace'),
      metricName: requiredText(request, 'MetricName'),
      dimensions: dimensionsOf(request),
    };
    if (textList(request, 'ExtendedStatistics').length > 0) {
      throw new CloudWatchError(
        'InvalidParameterValue',
        'The local CloudWatch answers GetMetricStatistics with Statistics only, not ExtendedStatistics.',
      );
    }
    const datapoints = this.service.getMetricStatistics({
      metric,
      startTime: timestampOf(request, 'StartTime'),
      endTime: timestampOf(request, 'EndTime'),
      periodSeconds: Number(requiredText(request, 'Period')),
      statistics: textList(request, 'Statistics'),
      extendedStatistics: [],
    });
    return {
      Label: metric.metricName,
      Datapoints: datapoints.map((datapoint) => ({
        Timestamp: new Date(datapoint.timestamp),
        ...datapoint.statistics,
        Unit: datapoint.unit ?? 'None',
      })),
    };
  }

  /** The metrics with datapoints, by namespace, name and dimensions (a dimension without value matches any). */
  listMetrics(request: WireRequest<ListMetricsInput>): ListMetricsOutput {
    const metrics = this.service.listMetrics({
      namespace: optionalText(request, 'Namespace'),
      metricName: optionalText(request, 'MetricName'),
      dimensions: structureList<ListMetricsInput, DimensionFilter>(request, 'Dimensions').map((member) => ({
        name: optionalText(member, 'Name') ?? '',
        value: optionalText(member, 'Value'),
      })),
    });
    return {
      Metrics: metrics.map((metric) => ({
        Namespace: metric.namespace,
        MetricName: metric.metricName,
        Dimensions: metric.dimensions.map(({ name, value }) => ({ Name: name, Value: value })),
      })),
    };
  }
}
