import type { LocalAlarmDefinition } from '../../src/assembly';

/** The topic the test alarms notify. */
export const ALARM_TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:OrderPipeline-AlarmsAlarmTopic58991614';

/** An alarm like the stack's DeadLetteredOrders alarm (Sum >= 1 over 60 s, missing data not breaching); override any part. */
export function alarmFactory(overrides: Partial<LocalAlarmDefinition> = {}): LocalAlarmDefinition {
  const alarmName = overrides.alarmName ?? 'OrderPipeline-AlarmsDeadLetteredOrdersAlarmA4561B58';
  return {
    logicalId: 'AlarmsDeadLetteredOrdersAlarmA4561B58',
    alarmName,
    alarmArn: `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${alarmName}`,
    alarmDescription: 'Orders were dead-lettered: see the rejected-orders table for their reasons.',
    metric: {
      namespace: 'OrderPipeline',
      metricName: 'DeadLetteredOrders',
      dimensions: [{ name: 'service', value: 'failed-orders' }],
    },
    statistic: 'Sum',
    periodSeconds: 60,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    treatMissingData: 'notBreaching',
    actionsEnabled: true,
    alarmActions: [ALARM_TOPIC_ARN],
    okActions: [],
    insufficientDataActions: [],
    ...overrides,
  };
}

/** A log line in the embedded metric format as FailedOrders' Powertools Metrics writes it; override any part. */
export function emfLine(root: Record<string, unknown> = {}, directive: Record<string, unknown> = {}): string {
  return JSON.stringify({
    _aws: {
      Timestamp: 1_764_480_000_000,
      CloudWatchMetrics: [
        {
          Namespace: 'OrderPipeline',
          Dimensions: [['service']],
          Metrics: [{ Name: 'DeadLetteredOrders', Unit: 'Count' }],
          ...directive,
        },
      ],
    },
    service: 'failed-orders',
    DeadLetteredOrders: 1,
    ...root,
  });
}

/** FailedOrders' line for some dead-lettered orders: one value per order, or an array of them. */
export function deadLetteredOrdersLine(values: number | number[]): string {
  return emfLine({ DeadLetteredOrders: values });
}
