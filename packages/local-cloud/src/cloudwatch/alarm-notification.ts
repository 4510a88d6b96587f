import type { LocalAlarmDefinition } from '../assembly/alarm-definitions';
import { type AlarmStateValue, reasonDataTime } from './alarm-evaluation';

/**
 * What CloudWatch publishes to an alarm action's SNS topic on a state change. The local cloud does
 * not run SNS: it keeps these, in order, on {@link CloudWatchService.notifications}.
 */
export interface AlarmNotification {
  readonly topicArn: string;
  /** SNS's `Subject`: `ALARM: "<alarm>" in <region>`. */
  readonly subject: string;
  /** The JSON message body, as CloudWatch writes it; {@link AlarmNotificationMessage} parsed. */
  readonly message: string;
  /** Cloud time of publication, epoch ms. */
  readonly timestamp: number;
}

/** The body of an alarm notification (the fields CloudWatch sends that the local cloud knows). */
export interface AlarmNotificationMessage {
  readonly AlarmName: string;
  readonly AlarmDescription: string | null;
  readonly AWSAccountId: string;
  readonly NewStateValue: AlarmStateValue;
  readonly NewStateReason: string;
  readonly StateChangeTime: string;
  readonly Region: string;
  readonly AlarmArn: string;
  readonly OldStateValue: AlarmStateValue;
  readonly OKActions: readonly string[];
  readonly AlarmActions: readonly string[];
  readonly InsufficientDataActions: readonly string[];
  readonly Trigger: Record<string, unknown>;
}

/** The topics an alarm notifies on entering a state, when its actions are enabled. */
export function actionsFor(alarm: LocalAlarmDefinition, state: AlarmStateValue): readonly string[] {
  if (!alarm.actionsEnabled) return [];
  switch (state) {
    case 'ALARM':
      return alarm.alarmActions;
    case 'OK':
      return alarm.okActions;
    case 'INSUFFICIENT_DATA':
      return alarm.insufficientDataActions;
  }
}

/** The notification of one state change to one topic. */
export function alarmNotification(
  alarm: LocalAlarmDefinition,
  change: {
    readonly oldState: AlarmStateValue;
    readonly newState: AlarmStateValue;
    readonly reason: string;
    readonly timestamp: number;
  },
  topicArn: string,
  environment: { readonly accountId: string; readonly region: string },
): AlarmNotification {
  const message: AlarmNotificationMessage = {
    AlarmName: alarm.alarmName,
    AlarmDescription: alarm.alarmDescription ?? null,
    AWSAccountId: environment.accountId,
    NewStateValue: change.newState,
    NewStateReason: change.reason,
    StateChangeTime: reasonDataTime(change.timestamp),
    Region: environment.region,
    AlarmArn: alarm.alarmArn,
    OldStateValue: change.oldState,
    OKActions: alarm.okActions,
    AlarmActions: alarm.alarmActions,
    InsufficientDataActions: alarm.insufficientDataActions,
    Trigger: {
      MetricName: alarm.metric.metricName,
      Namespace: alarm.metric.namespace,
      StatisticType: alarm.statistic === undefined ? 'ExtendedStatistic' : 'Statistic',
      Statistic: (alarm.statistic ?? alarm.extendedStatistic ?? '').toUpperCase(),
      Unit: alarm.unit ?? null,
      Dimensions: alarm.metric.dimensions.map(({ name, value }) => ({ value, name })),
      Period: alarm.periodSeconds,
      EvaluationPeriods: alarm.evaluationPeriods,
      DatapointsToAlarm: alarm.datapointsToAlarm,
      ComparisonOperator: alarm.comparisonOperator,
      Threshold: alarm.threshold,
      TreatMissingData: alarm.treatMissingData,
      EvaluateLowSampleCountPercentile: '',
    },
  };
  return {
    topicArn,
    subject: `${change.newState}: "${alarm.alarmName}" in ${environment.region}`,
    message: JSON.stringify(message),
    timestamp: change.timestamp,
  };
}
