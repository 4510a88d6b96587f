import { publishAlarmNotification } from '../../src/sns';
import { testService } from './support';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:alarms';

describe('CloudWatch alarm notifications through the local SNS', () => {
  const notification = {
    topicArn: TOPIC,
    subject: `ALARM: "${'dead-letters-'.repeat(10)}" in US East (N. Virginia)`,
    message: JSON.stringify({ AlarmName: 'dead-letters', NewStateValue: 'ALARM' }),
    timestamp: 0,
  };

  it('publishes to the alarm topic, reaching its email subscription', async () => {
    const { service, targets } = testService();
    service.model.createTopic('alarms', {}, {});
    service.model.subscribe(TOPIC, 'email', 'oncall@example.com', {});
    expect(publishAlarmNotification(service, notification)?.messageId).toBeDefined();
    await service.idle();
    expect(targets.emails).toHaveLength(1);
    expect(targets.emails[0].subject).toBe(notification.subject.slice(0, 99));
    expect(targets.emails[0].body).toMatch(/^\{"AlarmName":"dead-letters","NewStateValue":"ALARM"\}/);
  });

  it('leaves a topic the local SNS does not have to the caller', () => {
    const { service } = testService();
    expect(publishAlarmNotification(service, notification)).toBeUndefined();
  });
});
