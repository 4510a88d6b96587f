import type { AlarmNotification } from '../cloudwatch/alarm-notification';
import type { PublishResult, SnsService } from './sns-service';

/**
 * Publishes a CloudWatch alarm's notification to its action's topic, as CloudWatch does on AWS:
 * the alarm's Subject and JSON message, no message attributes. Gives undefined when the topic is not
 * one of the local SNS's (an action naming another account's topic, or a topic not in the template),
 * for the caller to report as it did before SNS was emulated.
 */
export function publishAlarmNotification(
  sns: SnsService,
  notification: AlarmNotification,
): PublishResult | undefined {
  if (!sns.model.hasTopic(notification.topicArn)) return undefined;
  return sns.publish(notification.topicArn, {
    message: notification.message,
    // SNS refuses a Subject of 100 characters or more; CloudWatch's are cut the same way.
    subject: notification.subject.slice(0, 99),
    messageAttributes: {},
  });
}
