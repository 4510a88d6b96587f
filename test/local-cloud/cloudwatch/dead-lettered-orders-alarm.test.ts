import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AlarmNotificationMessage,
  type AlarmStateChange,
  alarmStateChangeLine,
  CloudWatchService,
  scaledClock,
} from 'local-cloud';
import { STACK_NAME } from '../../../lib/order-pipeline-app';
import {
  generateOrders,
  type PipelineCloud,
  stackOutput,
  startPipelineCloud,
} from '../../../tools/pipeline-run';
import { pipelineAssembly } from '../../support/pipeline-assembly';

/** Five times faster: the one-minute alarm period lasts 12 real seconds. */
const TIME_SCALE = 5;
/** Two periods and the pipeline's run, in real time, with room for a busy machine. */
const ALARM_WAIT_MS = 90_000;
/** The address `-c alarmEmail` subscribes to the alarm topic. */
const ALARM_EMAIL = 'ops@example.com';
/** Where the local SNS writes the emails it would send. */
const EMAIL_LOG_GROUP = '/local-cloud/sns/email';

describe("the demo's invalid order fires the dead-lettered orders alarm on the local cloud", () => {
  let outdir = '';
  let pipeline: PipelineCloud;
  let cloudWatch: CloudWatchService;
  const changes: AlarmStateChange[] = [];
  let alarmName: string;

  beforeAll(async () => {
    outdir = pipelineAssembly({ alarmEmail: ALARM_EMAIL });
    const clock = scaledClock(TIME_SCALE);
    pipeline = await startPipelineCloud({ assemblyDirectory: outdir, stackName: STACK_NAME, clock });
    cloudWatch = CloudWatchService.start({
      stack: pipeline.cloud.stack,
      logs: pipeline.cloud.logs,
      sqs: pipeline.cloud.sqs,
      clock,
      onAlarmStateChange: (change) => changes.push(change),
    });
    alarmName = stackOutput(pipeline.cloud, 'DeadLetteredOrdersAlarmName');
    const deadline = Date.now() + ALARM_WAIT_MS;
    // The orders go in once the first period has ended quietly, so the alarm leaves OK, not INSUFFICIENT_DATA.
    while (
      Date.now() < deadline &&
      cloudWatch.describeAlarms({ stateValue: 'INSUFFICIENT_DATA' }).length > 0
    ) {
      await sleep(200);
    }
    await generateOrders(pipeline.cloud, {});
    while (Date.now() < deadline && !changes.some((change) => change.newState === 'ALARM')) await sleep(200);
  }, 180_000 + ALARM_WAIT_MS);

  afterAll(async () => {
    cloudWatch?.stop();
    await pipeline?.cloud.stop();
  });

  test('every alarm goes OK at the end of the first quiet period', () => {
    expect(changes.slice(0, 3).map((change) => `${change.oldState} -> ${change.newState}`)).toStrictEqual([
      'INSUFFICIENT_DATA -> OK',
      'INSUFFICIENT_DATA -> OK',
      'INSUFFICIENT_DATA -> OK',
    ]);
  });

  test('DeadLetteredOrders, the alarm the stack output names, goes OK -> ALARM on one datapoint', () => {
    const alarming = changes.filter((change) => change.newState === 'ALARM');

    expect(alarming.map(alarmStateChangeLine)).toStrictEqual([
      `ALARM  ${alarmName}: OK -> ALARM (1 datapoint [1.0] >= threshold 1.0)`,
    ]);
    expect(
      cloudWatch.describeAlarms({ stateValue: 'ALARM' }).map((status) => status.alarm.alarmName),
    ).toStrictEqual([alarmName]);
  });

  test('the alarm notifies the alarm topic, and the other alarms stay quiet', () => {
    expect(cloudWatch.notifications).toHaveLength(1);
    expect(cloudWatch.notifications[0].topicArn).toBe(stackOutput(pipeline.cloud, 'AlarmTopicArn'));
    expect(JSON.parse(cloudWatch.notifications[0].message) as AlarmNotificationMessage).toMatchObject({
      AlarmName: alarmName,
      NewStateValue: 'ALARM',
      Trigger: { MetricName: 'DeadLetteredOrders', Namespace: 'OrderPipeline' },
    });
    expect(
      cloudWatch
        .describeAlarms()
        .map((status) => status.stateValue)
        .sort(),
    ).toStrictEqual(['ALARM', 'OK', 'OK']);
  });

  test('with -c alarmEmail, the email SNS would send is printed and logged, not sent', async () => {
    const emails = async () => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const logged = pipeline.cloud.logs
          .describeLogGroups()
          .some((group) => group.logGroupName === EMAIL_LOG_GROUP)
          ? pipeline.cloud.logs.getLogEvents(EMAIL_LOG_GROUP, 'emails').map((event) => event.message)
          : [];
        if (logged.some((message) => message.includes('ALARM')) || Date.now() > deadline) return logged;
        await sleep(200);
      }
    };

    const alarmEmails = (await emails()).filter((message) =>
      message.includes(`Subject: ALARM: "${alarmName}"`),
    );

    expect(alarmEmails).toHaveLength(1);
    expect(alarmEmails[0]).toMatch(
      new RegExp(`^SNS email \\(not sent: the local cloud prints it\\) from .+ to ${ALARM_EMAIL}\n`),
    );
    expect(alarmEmails[0]).toContain('"NewStateValue":"ALARM"');
  });
});
