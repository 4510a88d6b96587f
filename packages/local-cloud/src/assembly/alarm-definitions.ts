import { CloudAssemblyError } from './errors';
import type { IntrinsicResolver } from './intrinsic-resolver';
import type { LogicalResource } from './template';

/** The statistics an alarm on one metric may use, besides percentiles (`ExtendedStatistic`). */
export type AlarmStatistic = 'SampleCount' | 'Average' | 'Sum' | 'Minimum' | 'Maximum';

/** CloudWatch's comparison operators for static thresholds. */
export type ComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** How an alarm treats a period without datapoints. */
export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** One name and value that, with the namespace and name, identify a metric. */
export interface MetricDimension {
  readonly name: string;
  readonly value: string;
}

/** A CloudWatch metric: namespace, name and dimensions, such as `AWS/SQS ApproximateAgeOfOldestMessage QueueName=…`. */
export interface MetricIdentity {
  readonly namespace: string;
  readonly metricName: string;
  /** In the order the template lists them; CloudWatch matches them as a set. */
  readonly dimensions: readonly MetricDimension[];
}

/** An `AWS::CloudWatch::Alarm` on one metric, with its names and actions resolved to local values. */
export interface LocalAlarmDefinition {
  readonly logicalId: string;
  /** The template's `AlarmName`, or the generated name that `Ref` of the alarm gives locally. */
  readonly alarmName: string;
  /** `arn:aws:cloudwatch:<region>:<account>:alarm:<name>` */
  readonly alarmArn: string;
  readonly alarmDescription?: string;
  readonly metric: MetricIdentity;
  /** Exactly one of `statistic` and `extendedStatistic` is set. */
  readonly statistic?: AlarmStatistic;
  /** A percentile such as `p99`. */
  readonly extendedStatistic?: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** The M of an "M out of N" alarm. @default evaluationPeriods */
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparisonOperator: ComparisonOperator;
  /** @default 'missing', as in CloudWatch */
  readonly treatMissingData: TreatMissingData;
  /** @default true */
  readonly actionsEnabled: boolean;
  /** ARNs (SNS topics here) notified when the alarm goes to ALARM. */
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
  readonly unit?: string;
}

/** Every {@link AlarmStatistic}, as CloudWatch lists them. */
export const STATISTICS: readonly AlarmStatistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
];
const MISSING_DATA_TREATMENTS: readonly TreatMissingData[] = [
  'breaching',
  'notBreaching',
  'ignore',
  'missing',
];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], setting: string): T {
  if (allowed.includes(value as T)) return value as T;
  throw new CloudAssemblyError(
    `${setting} must be one of ${allowed.join(', ')} (given ${JSON.stringify(value)}); the local cloud evaluates only these`,
  );
}

function positiveInteger(value: unknown, setting: string): number {
  const number = Number(value);
  if (Number.isInteger(number) && number > 0) return number;
  throw new CloudAssemblyError(`${setting} must be a positive integer (given ${JSON.stringify(value)})`);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function alarmDefinition(resolver: IntrinsicResolver, alarm: LogicalResource): LocalAlarmDefinition {
  const { logicalId } = alarm;
  const template = (alarm.resource.Properties ?? {}) as Record<string, unknown>;
  const at = `${logicalId}.Properties`;
  // Only the properties read here are resolved, as for the other resource types.
  const property = (name: string): unknown =>
    template[name] === undefined ? undefined : resolver.resolve(template[name], `${at}.${name}`);
  const evaluationPeriods = positiveInteger(property('EvaluationPeriods'), `${at}.EvaluationPeriods`);
  const dimensions = (property('Dimensions') as { Name?: unknown; Value?: unknown }[] | undefined) ?? [];
  const extendedStatistic = property('ExtendedStatistic');
  return {
    logicalId,
    alarmName: resolver.physicalName(logicalId),
    alarmArn: resolver.getAtt(logicalId, 'Arn', logicalId),
    alarmDescription: property('AlarmDescription') as string | undefined,
    metric: {
      namespace: String(property('Namespace')),
      metricName: String(property('MetricName')),
      dimensions: dimensions.map((dimension) => ({
        name: String(dimension.Name),
        value: String(dimension.Value),
      })),
    },
    statistic:
      extendedStatistic === undefined
        ? oneOf(property('Statistic'), STATISTICS, `${at}.Statistic`)
        : undefined,
    extendedStatistic: extendedStatistic === undefined ? undefined : String(extendedStatistic),
    periodSeconds: positiveInteger(property('Period'), `${at}.Period`),
    evaluationPeriods,
    datapointsToAlarm:
      property('DatapointsToAlarm') === undefined
        ? evaluationPeriods
        : positiveInteger(property('DatapointsToAlarm'), `${at}.DatapointsToAlarm`),
    threshold: Number(property('Threshold')),
    comparisonOperator: oneOf(
      property('ComparisonOperator'),
      COMPARISON_OPERATORS,
      `${at}.ComparisonOperator`,
    ),
    treatMissingData: oneOf(
      property('TreatMissingData') ?? 'missing',
      MISSING_DATA_TREATMENTS,
      `${at}.TreatMissingData`,
    ),
    actionsEnabled: property('ActionsEnabled') === undefined || String(property('ActionsEnabled')) === 'true',
    alarmActions: stringList(property('AlarmActions')),
    okActions: stringList(property('OKActions')),
    insufficientDataActions: stringList(property('InsufficientDataActions')),
    unit: property('Unit') as string | undefined,
  };
}

/**
 * The stack's alarms on one metric each. Alarms on metric math (`Metrics`) or anomaly detection
 * (`ThresholdMetricId`) are left out: the local cloud evaluates a single metric against a static
 * threshold only.
 */
export function alarmDefinitions(
  resolver: IntrinsicResolver,
  alarms: readonly LogicalResource[],
): LocalAlarmDefinition[] {
  return alarms
    .filter((alarm) => alarm.resource.Properties?.MetricName !== undefined)
    .map((alarm) => alarmDefinition(resolver, alarm));
}
