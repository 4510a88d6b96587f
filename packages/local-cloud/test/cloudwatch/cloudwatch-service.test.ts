import type { LocalQueueDefinition } from '../../src/assembly';
import { ManualClock } from '../../src/clock';
import {
  type AlarmNotificationMessage,
  type AlarmStateChange,
  alarmStateChangeLine,
  CloudWatchService,
} from '../../src/cloudwatch';
import { LogsService } from '../../src/logs';
import { SqsModel } from '../../src/sqs';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { ALARM_TOPIC_ARN, alarmFactory, deadLetteredOrdersLine } from './alarm-factory';

const GROUP = '/aws/lambda/FailedOrders';
const STREAM = '2026/01/01/[$LATEST]0123456789abcdef';
const MINUTE = 60_000;

describe('CloudWatchService', () => {
  let clock: ManualClock;
  let logs: LogsService;
  let changes: AlarmStateChange[];
  let service: CloudWatchService | undefined;

  /** Starts the service on the given alarms, with no SQS metrics unless queues are given. */
  function start(alarms = [alarmFactory()], sqs?: { model: SqsModel; queues: LocalQueueDefinition[] }) {
    service = CloudWatchService.start({
      stack: { alarms, queues: sqs?.queues ?? [], environment: TEST_ENVIRONMENT },
      logs,
      sqs,
      clock,
      onAlarmStateChange: (change) => changes.push(change),
    });
    return service;
  }

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2026, 10, 30, 5, 47));
    logs = new LogsService({ clock });
    logs.createLogGroup(GROUP);
    logs.createLogStream(GROUP, STREAM);
    changes = [];
  });

  afterEach(() => {
    service?.stop();
    service = undefined;
  });

  test('a new alarm has no data yet, then goes OK at the end of its first period without datapoints', () => {
    const cloudWatch = start();

    expect(cloudWatch.describeAlarms()[0]).toMatchObject({
      stateValue: 'INSUFFICIENT_DATA',
      stateReason: 'Unchecked: Initial alarm creation',
    });
    clock.advance(MINUTE);

    expect(cloudWatch.describeAlarms()[0].stateValue).toBe('OK');
    expect(changes.map(alarmStateChangeLine)).toStrictEqual([
      'OK     OrderPipeline-AlarmsDeadLetteredOrdersAlarmA4561B58: INSUFFICIENT_DATA -> OK (no datapoints for 1 period, treated as not breaching)',
    ]);
  });

  test('dead-lettered orders in a period send the alarm OK -> ALARM and notify its topic; a quiet period brings it back to OK', () => {
    const cloudWatch = start();
    clock.advance(MINUTE); // 05:48: OK

    clock.advance(10_000);
    logs.putLogEvents(GROUP, STREAM, [
      deadLetteredOrdersLine([1, 1]),
      'a plain line',
      deadLetteredOrdersLine(1),
    ]);
    clock.advance(50_000); // 05:49: the period 05:48-05:49 holds a sum of 3

    expect(cloudWatch.describeAlarms({ stateValue: 'ALARM' })).toHaveLength(1);
    expect(alarmStateChangeLine(changes[1])).toBe(
      'ALARM  OrderPipeline-AlarmsDeadLetteredOrdersAlarmA4561B58: OK -> ALARM (1 datapoint [3.0] >= threshold 1.0)',
    );
    expect(cloudWatch.describeAlarms()[0]).toMatchObject({
      stateReason:
        'Threshold Crossed: 1 out of the last 1 datapoints [3.0 (30/11/26 05:48:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).',
      stateUpdatedTimestamp: Date.UTC(2026, 10, 30, 5, 49),
    });
    expect(cloudWatch.notifications).toHaveLength(1);
    const notification = cloudWatch.notifications[0];
    expect(notification).toMatchObject({
      topicArn: ALARM_TOPIC_ARN,
      subject: 'ALARM: "OrderPipeline-AlarmsDeadLetteredOrdersAlarmA4561B58" in us-east-1',
    });
    expect(JSON.parse(notification.message) as AlarmNotificationMessage).toMatchObject({
      NewStateValue: 'ALARM',
      OldStateValue: 'OK',
      AlarmArn: alarmFactory().alarmArn,
      Trigger: { MetricName: 'DeadLetteredOrders', Namespace: 'OrderPipeline', Threshold: 1 },
    });

    clock.advance(MINUTE); // 05:50: nothing in 05:49-05:50

    expect(cloudWatch.describeAlarms()[0].stateValue).toBe('OK');
    expect(changes.map((change) => `${change.oldState} -> ${change.newState}`)).toStrictEqual([
      'INSUFFICIENT_DATA -> OK',
      'OK -> ALARM',
      'ALARM -> OK',
    ]);
    // The alarm has no OK actions: returning to OK publishes nothing.
    expect(cloudWatch.notifications).toHaveLength(1);
  });

  test('with treatMissingData missing, a quiet period gives INSUFFICIENT_DATA and a period with data under the threshold OK', () => {
    const cloudWatch = start([alarmFactory({ treatMissingData: 'missing', threshold: 5 })]);
    clock.advance(MINUTE);

    expect(changes).toHaveLength(0);
    logs.putLogEvents(GROUP, STREAM, [deadLetteredOrdersLine(2)]);
    clock.advance(MINUTE);
    expect(cloudWatch.describeAlarms()[0].stateValue).toBe('OK');
    clock.advance(MINUTE);
    expect(cloudWatch.describeAlarms()[0]).toMatchObject({
      stateValue: 'INSUFFICIENT_DATA',
      stateReason: 'Insufficient Data: 1 datapoint was unknown.',
    });
  });

  test('with treatMissingData ignore, a quiet period keeps ALARM', () => {
    const cloudWatch = start([alarmFactory({ treatMissingData: 'ignore' })]);
    logs.putLogEvents(GROUP, STREAM, [deadLetteredOrdersLine(1)]);
    clock.advance(MINUTE);

    clock.advance(3 * MINUTE);

    expect(cloudWatch.describeAlarms()[0].stateValue).toBe('ALARM');
    expect(changes).toHaveLength(1);
  });

  test('datapoints of other dimensions do not count', () => {
    const cloudWatch = start();
    logs.putLogEvents(GROUP, STREAM, [
      deadLetteredOrdersLine(5).replace('"failed-orders"', '"process-orders"'),
    ]);

    clock.advance(MINUTE);

    expect(cloudWatch.describeAlarms()[0].stateValue).toBe('OK');
    expect(cloudWatch.listMetrics({ namespace: 'OrderPipeline' })).toStrictEqual([
      {
        namespace: 'OrderPipeline',
        metricName: 'DeadLetteredOrders',
        dimensions: [{ name: 'service', value: 'process-orders' }],
      },
    ]);
  });

  test('GetMetricStatistics gives each period with data its statistics', () => {
    const cloudWatch = start();
    logs.putLogEvents(GROUP, STREAM, [deadLetteredOrdersLine([1, 1])]);
    clock.advance(2 * MINUTE);
    logs.putLogEvents(GROUP, STREAM, [deadLetteredOrdersLine(4)]);

    const datapoints = cloudWatch.getMetricStatistics({
      metric: alarmFactory().metric,
      startTime: Date.UTC(2026, 10, 30, 5, 47),
      endTime: Date.UTC(2026, 10, 30, 5, 50),
      periodSeconds: 60,
      statistics: ['Sum', 'SampleCount', 'Maximum'],
      extendedStatistics: [],
    });

    expect(datapoints).toStrictEqual([
      {
        timestamp: Date.UTC(2026, 10, 30, 5, 47),
        statistics: { Sum: 2, SampleCount: 2, Maximum: 1 },
        extendedStatistics: {},
        unit: 'Count',
      },
      {
        timestamp: Date.UTC(2026, 10, 30, 5, 49),
        statistics: { Sum: 4, SampleCount: 1, Maximum: 4 },
        extendedStatistics: {},
        unit: 'Count',
      },
    ]);
  });

  test('SetAlarmState changes the state and notifies; the next evaluation sets it back from the data', () => {
    const cloudWatch = start();

    cloudWatch.setAlarmState(alarmFactory().alarmName, 'ALARM', 'testing the topic');

    expect(cloudWatch.describeAlarms()[0]).toMatchObject({
      stateValue: 'ALARM',
      stateReason: 'testing the topic',
    });
    expect(cloudWatch.notifications).toHaveLength(1);
    clock.advance(MINUTE);
    expect(cloudWatch.describeAlarms()[0].stateValue).toBe('OK');
    expect(() => cloudWatch.setAlarmState('nope', 'OK', 'x')).toThrow('Alarm nope not found');
  });

  test('a listener that throws is told to onProblem, and evaluation goes on', () => {
    const problems: string[] = [];
    service = CloudWatchService.start({
      stack: { alarms: [alarmFactory()], queues: [], environment: TEST_ENVIRONMENT },
      logs,
      clock,
      onAlarmStateChange: () => {
        throw new Error('printer gone');
      },
      onProblem: (problem) => problems.push(problem),
    });
    clock.advance(MINUTE);
    logs.putLogEvents(GROUP, STREAM, [deadLetteredOrdersLine(1)]);

    clock.advance(MINUTE);

    expect(service.describeAlarms()[0].stateValue).toBe('ALARM');
    expect(problems).toStrictEqual([
      'onAlarmStateChange failed: printer gone',
      'onAlarmStateChange failed: printer gone',
    ]);
  });

  test('nextEvaluation resolves after the next period has been evaluated, or at stop', async () => {
    const cloudWatch = start();
    let evaluated = false;
    const waiting = cloudWatch.nextEvaluation().then(() => {
      evaluated = cloudWatch.describeAlarms()[0].stateValue === 'OK';
    });

    clock.advance(MINUTE);
    await waiting;

    expect(evaluated).toBe(true);
    const atStop = cloudWatch.nextEvaluation();
    cloudWatch.stop();
    await expect(atStop).resolves.toBeUndefined();
  });

  test('stop ends evaluation and metric extraction', () => {
    const cloudWatch = start();
    cloudWatch.stop();

    logs.putLogEvents(GROUP, STREAM, [deadLetteredOrdersLine(1)]);
    clock.advance(5 * MINUTE);

    expect(cloudWatch.describeAlarms()[0].stateValue).toBe('INSUFFICIENT_DATA');
    expect(cloudWatch.listMetrics()).toStrictEqual([]);
  });

  describe('SQS metrics', () => {
    let model: SqsModel;
    let queues: LocalQueueDefinition[];

    beforeEach(() => {
      model = new SqsModel({ clock });
      const definition = (name: string, attributes: Record<string, string> = {}): LocalQueueDefinition => {
        const { QueueUrl } = model.createQueue({ QueueName: name, Attributes: attributes });
        return {
          logicalId: name,
          queueName: name,
          queueUrl: QueueUrl,
          queueArn: `arn:aws:sqs:us-east-1:000000000000:${name}`,
          attributes,
        };
      };
      const deadLetterQueue = definition('dlq');
      queues = [
        deadLetterQueue,
        definition('orders', {
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: deadLetterQueue.queueArn,
            maxReceiveCount: 5,
          }),
        }),
      ];
    });

    afterEach(() => model.close());

    const backlogAlarm = (queueName: string) =>
      alarmFactory({
        alarmName: `backlog-${queueName}`,
        metric: {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateAgeOfOldestMessage',
          dimensions: [{ name: 'QueueName', value: queueName }],
        },
        statistic: 'Maximum',
        threshold: 900,
      });

    test('the age of the oldest dead-letter message crosses 15 minutes and the backlog alarm fires', () => {
      const cloudWatch = start([backlogAlarm('dlq')], { model, queues });
      clock.advance(MINUTE / 2); // 05:47:30
      model.sendMessage({ QueueUrl: queues[0].queueUrl, MessageBody: 'order' });

      clock.advance(15 * MINUTE); // 06:02:30: seen at 05:48, 14 minutes old at the 06:02 sample
      expect(cloudWatch.describeAlarms()[0].stateValue).toBe('OK');
      clock.advance(MINUTE); // 06:03: 15 minutes since first seen

      expect(cloudWatch.describeAlarms()[0].stateValue).toBe('ALARM');
      expect(changes[1].values).toStrictEqual([900]);
    });

    test('a message received three times no longer counts towards the age of the oldest message', () => {
      const oldestAge = () => {
        const end = clock.now() - (clock.now() % MINUTE);
        return cloudWatch.getMetricStatistics({
          metric: backlogAlarm('orders').metric,
          startTime: end - MINUTE,
          endTime: end,
          periodSeconds: 60,
          statistics: ['Maximum'],
          extendedStatistics: [],
        })[0]?.statistics.Maximum;
      };
      const cloudWatch = start([backlogAlarm('orders')], { model, queues });
      model.sendMessage({ QueueUrl: queues[1].queueUrl, MessageBody: 'poison' });
      clock.advance(MINUTE);
      expect(oldestAge()).toBe(60);

      for (let receive = 0; receive < 3; receive++) {
        model.receiveMessage({ QueueUrl: queues[1].queueUrl, VisibilityTimeout: 0 });
      }
      model.sendMessage({ QueueUrl: queues[1].queueUrl, MessageBody: 'fresh' });
      clock.advance(MINUTE);

      // The poison message is two minutes old, the fresh one one minute.
      expect(oldestAge()).toBe(60);
    });

    test('ApproximateNumberOfMessagesVisible follows the queue: two messages alarm, a purge brings it back to OK', () => {
      const alarm = alarmFactory({
        alarmName: 'visible-orders',
        metric: {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          dimensions: [{ name: 'QueueName', value: 'orders' }],
        },
        statistic: 'Maximum',
      });
      const cloudWatch = start([alarm], { model, queues });
      model.sendMessage({ QueueUrl: queues[1].queueUrl, MessageBody: 'a' });
      model.sendMessage({ QueueUrl: queues[1].queueUrl, MessageBody: 'b' });

      clock.advance(MINUTE);
      expect(changes.at(-1)?.values).toStrictEqual([2]);
      expect(cloudWatch.describeAlarms()[0].stateValue).toBe('ALARM');
      model.purgeQueue({ QueueUrl: queues[1].queueUrl });
      clock.advance(MINUTE);

      expect(cloudWatch.describeAlarms()[0].stateValue).toBe('OK');
      expect(changes.at(-1)?.values).toStrictEqual([0]);
    });
  });
});
