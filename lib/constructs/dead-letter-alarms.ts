import { Validations } from 'aws-cdk-lib';
import {
  Alarm,
  type AlarmProps,
  ComparisonOperator,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OBSERVABILITY, SERVICE_NAMES } from '../../shared/observability';
import { PIPELINE_CONSTANTS } from '../defaults';

export interface DeadLetterAlarmsProps {
  readonly deadLetterQueue: IQueue;
  /** GenerateOrders' Lambda dead-letter target: any message on it is a failed invocation. */
  readonly failedInvocationsQueue: IQueue;
  /**
   * An address the alarm topic emails (AWS sends it a confirmation first).
   * @default - no subscription: subscribe to the topic yourself
   */
  readonly alarmEmail?: string;
}

/**
 * Alarms on dead-lettered orders.
 *
 * The DLQ's depth says little: FailedOrders drains it within seconds, so it stays near zero. And
 * the DLQ's NumberOfMessagesSent misses what SQS redrives after maxReceiveCount. So the first
 * alarm watches `DeadLetteredOrders`, which FailedOrders emits once per failure it records,
 * whichever way the order got there; the second watches the age of the oldest DLQ message, which
 * grows only when FailedOrders cannot record failures. A third fires when an asynchronous
 * GenerateOrders invocation failed for good and Lambda put its event on the failed-invocations queue.
 */
export class DeadLetterAlarms extends Construct {
  public readonly deadLetteredOrdersAlarm: Alarm;
  public readonly deadLetterBacklogAlarm: Alarm;
  public readonly failedInvocationsAlarm: Alarm;
  /** Every alarm notifies this topic when it fires. */
  public readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: DeadLetterAlarmsProps) {
    super(scope, id);
    this.alarmTopic = this.createAlarmTopic(props.alarmEmail);

    this.deadLetteredOrdersAlarm = this.addAlarm('DeadLetteredOrdersAlarm', {
      alarmDescription: 'Orders were dead-lettered: see the rejected-orders table for their reasons.',
      metric: new Metric({
        namespace: OBSERVABILITY.metricsNamespace,
        metricName: OBSERVABILITY.deadLetteredOrdersMetric,
        dimensionsMap: { service: SERVICE_NAMES.failedOrders },
        statistic: 'Sum',
        period: PIPELINE_CONSTANTS.alarmPeriod,
      }),
      threshold: 1,
    });

    this.deadLetterBacklogAlarm = this.addAlarm('DeadLetterBacklogAlarm', {
      alarmDescription: 'Dead-lettered orders are not being recorded: FailedOrders is failing or stopped.',
      metric: props.deadLetterQueue.metricApproximateAgeOfOldestMessage({
        statistic: 'Maximum',
        period: PIPELINE_CONSTANTS.alarmPeriod,
      }),
      threshold: PIPELINE_CONSTANTS.deadLetterBacklogAgeAlarm.toSeconds(),
    });

    this.failedInvocationsAlarm = this.addAlarm('FailedInvocationsAlarm', {
      alarmDescription:
        'An asynchronous GenerateOrders invocation failed every retry: its event is on the failed-invocations queue.',
      metric: props.failedInvocationsQueue.metricApproximateNumberOfMessagesVisible({
        statistic: 'Maximum',
        period: PIPELINE_CONSTANTS.alarmPeriod,
      }),
      threshold: 1,
    });
  }

  /** The topic every alarm notifies, with an email subscription when `alarmEmail` is given. */
  private createAlarmTopic(alarmEmail: string | undefined): Topic {
    const topic = new Topic(this, 'AlarmTopic', {
      displayName: 'Order pipeline: dead-lettered orders',
      enforceSSL: true,
    });
    // CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key, and a
    // customer managed key would cost more than the topic; the notifications name alarms, no orders.
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no order data; CloudWatch cannot publish to a topic encrypted with the AWS managed key.',
    });
    if (alarmEmail !== undefined) {
      const subscription = topic.addSubscription(new EmailSubscription(alarmEmail));
      Validations.of(subscription).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An undelivered alarm email carries nothing to redrive: the alarm state it announced stays readable with `aws cloudwatch describe-alarms`.',
      });
    }
    return topic;
  }

  /**
   * An alarm that fires on the first period at or above `threshold` and notifies the alarm topic.
   * No data means nothing failed (no metric is emitted, or the queue is empty): not breaching.
   */
  private addAlarm(id: string, props: Pick<AlarmProps, 'alarmDescription' | 'metric' | 'threshold'>): Alarm {
    const alarm = new Alarm(this, id, {
      ...props,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    return alarm;
  }
}
