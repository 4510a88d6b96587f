import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/clock';
import { CloudWatchService, cloudWatchApi } from '../../src/cloudwatch';
import { readTextBody } from '../../src/http-body';
import { LogsService } from '../../src/logs';
import { runAwsCli } from '../../src/testing/aws-cli-driver';
import { notRunHere } from '../../src/testing/not-run-here';
import { TEST_ENVIRONMENT } from '../assembly/template-factory';
import { type AwsCli, awsCliEnvironment, debianAwsCli, pathAwsCli } from '../sqs/aws-cli';
import { rawPost } from '../support/raw-post';
import { ALARM_TOPIC_ARN, alarmFactory } from './alarm-factory';

const START = Date.UTC(2026, 10, 30, 5, 47);
const DEAD_LETTERED = alarmFactory();
const BACKLOG = alarmFactory({
  alarmName: 'OrderPipeline-AlarmsDeadLetterBacklogAlarmB557134D',
  metric: {
    namespace: 'AWS/SQS',
    metricName: 'ApproximateAgeOfOldestMessage',
    dimensions: [{ name: 'QueueName', value: 'dlq' }],
  },
  statistic: 'Maximum',
  threshold: 900,
});

describe('the CloudWatch Query API', () => {
  let server: Server;
  let endpoint: string;
  let clock: ManualClock;
  let service: CloudWatchService;
  /** Bodies of the requests the API left to the next handler. */
  const passedOn: string[] = [];

  beforeAll(async () => {
    clock = new ManualClock(START);
    service = CloudWatchService.start({
      stack: { alarms: [DEAD_LETTERED, BACKLOG], queues: [], environment: TEST_ENVIRONMENT },
      logs: new LogsService({ clock }),
      clock,
    });
    const api = cloudWatchApi(service);
    server = createServer((request, response) => {
      void (async () => {
        if (await api(request, response)) return;
        passedOn.push((await readTextBody(request, 65_536)) ?? '');
        response.writeHead(404).end();
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    service.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** POSTs a form body with the given SigV4 service in the credential scope. */
  async function post(
    body: string,
    signingName: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string }> {
    const answer = await rawPost(
      `${endpoint}/`,
      {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        authorization: `AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/${signingName}/aws4_request, SignedHeaders=host, Signature=0`,
        ...headers,
      },
      body,
    );
    return { status: answer.status ?? 0, text: answer.body };
  }

  test('answers DescribeAlarms in the Query protocol, with the alarms as MetricAlarms members', async () => {
    const { status, text } = await post(
      `Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=${DEAD_LETTERED.alarmName}`,
      'monitoring',
    );

    expect(status).toBe(200);
    expect(text).toMatch(
      /^<DescribeAlarmsResponse xmlns="http:\/\/monitoring\.amazonaws\.com\/doc\/2010-08-01\/"><DescribeAlarmsResult><MetricAlarms><member><AlarmName>OrderPipeline-AlarmsDeadLetteredOrdersAlarmA4561B58<\/AlarmName>/,
    );
    expect(text).toContain(`<AlarmActions><member>${ALARM_TOPIC_ARN}</member></AlarmActions>`);
    expect(text).toContain(
      '<Dimensions><member><Name>service</Name><Value>failed-orders</Value></member></Dimensions>',
    );
    expect(text).not.toContain(BACKLOG.alarmName);
  });

  test('reads a list sent as its bare name (AlarmNames=, as boto3 sends an empty list) as empty: every alarm', async () => {
    const { status, text } = await post('Action=DescribeAlarms&Version=2010-08-01&AlarmNames=', 'monitoring');

    expect(status).toBe(200);
    expect(text).toContain(`<AlarmName>${DEAD_LETTERED.alarmName}</AlarmName>`);
    expect(text).toContain(`<AlarmName>${BACKLOG.alarmName}</AlarmName>`);
  });

  test("leaves SQS's form-encoded Query requests, unread, to the next handler", async () => {
    const body = 'Action=ListQueues&Version=2012-11-05';

    const { status } = await post(body, 'sqs');

    expect(status).toBe(404);
    expect(passedOn).toContain(body);
  });

  test('answers an unknown action or another API version with a Query ErrorResponse', async () => {
    const unknown = await post('Action=PutDashboard&Version=2010-08-01', 'monitoring');
    const version = await post('Action=DescribeAlarms&Version=2012-11-05', 'monitoring');

    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(
      /<Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>The action PutDashboard/,
    );
    expect(version.text).toContain('<Code>InvalidParameterValue</Code>');
  });

  test("refuses the SDK's CBOR protocol by name rather than misreading its body", async () => {
    const { status, text } = await post('', 'monitoring', { 'smithy-protocol': 'rpc-v2-cbor' });

    expect(status).toBe(400);
    expect(text).toContain('speaks the Query and the AWS JSON 1.0 protocols, not rpc-v2-cbor.');
  });

  test('answers AWS JSON 1.0 (recent AWS CLIs) with the same operations: lists as arrays, times as epoch seconds', async () => {
    const { status, text } = await post(
      JSON.stringify({ AlarmNames: [DEAD_LETTERED.alarmName] }),
      'monitoring',
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms',
      },
    );
    const unknown = await post('{}', 'monitoring', {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'GraniteServiceVersion20100801.PutDashboard',
    });

    expect(status).toBe(200);
    const { MetricAlarms } = JSON.parse(text);
    expect(MetricAlarms).toHaveLength(1);
    expect(MetricAlarms[0]).toMatchObject({
      AlarmName: DEAD_LETTERED.alarmName,
      AlarmActions: [ALARM_TOPIC_ARN],
      Dimensions: [{ Name: 'service', Value: 'failed-orders' }],
      StateUpdatedTimestamp: START / 1000,
    });
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text)).toMatchObject({ __type: 'InvalidAction' });
  });

  describe('with an AWS CLI that speaks AWS JSON 1.0 to CloudWatch (the one on PATH)', () => {
    const cli = pathAwsCli();
    if (typeof cli === 'string') {
      notRunHere('CloudWatch JSON CLI tests skipped', cli);
      return;
    }
    const found: AwsCli = cli;

    test('describe-alarms --alarm-names gives the alarm with its state', async () => {
      const { stdout, stderr, code } = await runAwsCli(
        found.path,
        [
          'cloudwatch',
          'describe-alarms',
          '--alarm-names',
          DEAD_LETTERED.alarmName,
          '--endpoint-url',
          endpoint,
          '--output',
          'json',
        ],
        { env: awsCliEnvironment() },
      );
      expect({ code, stderr }).toStrictEqual({ code: 0, stderr: '' });
      expect(JSON.parse(stdout).MetricAlarms).toStrictEqual([
        expect.objectContaining({ AlarmName: DEAD_LETTERED.alarmName, StateValue: expect.any(String) }),
      ]);
    }, 120_000);
  });

  describe('with the Debian AWS CLI', () => {
    const cli = debianAwsCli();
    if (typeof cli === 'string') {
      notRunHere('CloudWatch CLI tests skipped', cli);
      return;
    }
    const found: AwsCli = cli;

    async function aws(...args: string[]): Promise<unknown> {
      const { stdout, stderr, code } = await runAwsCli(
        found.path,
        ['cloudwatch', ...args, '--endpoint-url', endpoint, '--output', 'json'],
        { env: awsCliEnvironment() },
      );
      if (code !== 0) throw new Error(`aws ${args.join(' ')} failed (${code}): ${stderr}`);
      return stdout.trim() === '' ? {} : JSON.parse(stdout);
    }

    test('describe-alarms lists the alarms, and --state-value ALARM only those in ALARM', async () => {
      await aws(
        'set-alarm-state',
        '--alarm-name',
        BACKLOG.alarmName,
        '--state-value',
        'ALARM',
        '--state-reason',
        'testing the topic',
      );

      const all = (await aws('describe-alarms')) as { MetricAlarms: Record<string, unknown>[] };
      const alarming = (await aws('describe-alarms', '--state-value', 'ALARM')) as {
        MetricAlarms: Record<string, unknown>[];
      };

      expect(all.MetricAlarms.map((alarm) => alarm.AlarmName)).toStrictEqual([
        DEAD_LETTERED.alarmName,
        BACKLOG.alarmName,
      ]);
      expect(all.MetricAlarms[0]).toMatchObject({
        AlarmArn: DEAD_LETTERED.alarmArn,
        StateValue: 'INSUFFICIENT_DATA',
        Namespace: 'OrderPipeline',
        MetricName: 'DeadLetteredOrders',
        Statistic: 'Sum',
        Period: 60,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [ALARM_TOPIC_ARN],
        StateUpdatedTimestamp: '2026-11-30T05:47:00+00:00',
      });
      expect(alarming.MetricAlarms).toStrictEqual([
        expect.objectContaining({ AlarmName: BACKLOG.alarmName, StateReason: 'testing the topic' }),
      ]);
      expect(service.notifications.map((notification) => notification.topicArn)).toStrictEqual([
        ALARM_TOPIC_ARN,
      ]);
    }, 120_000);

    test('put-metric-data, list-metrics and get-metric-statistics round-trip a metric, and the alarm fires on it', async () => {
      await aws(
        'put-metric-data',
        '--namespace',
        'OrderPipeline',
        '--metric-name',
        'DeadLetteredOrders',
        '--dimensions',
        'service=failed-orders',
        '--value',
        '2',
        '--unit',
        'Count',
      );

      const metrics = (await aws('list-metrics', '--namespace', 'OrderPipeline')) as { Metrics: unknown[] };
      const statistics = (await aws(
        'get-metric-statistics',
        '--namespace',
        'OrderPipeline',
        '--metric-name',
        'DeadLetteredOrders',
        '--dimensions',
        'Name=service,Value=failed-orders',
        '--start-time',
        new Date(START).toISOString(),
        '--end-time',
        new Date(START + 60_000).toISOString(),
        '--period',
        '60',
        '--statistics',
        'Sum',
        'SampleCount',
      )) as { Label: string; Datapoints: unknown[] };
      clock.advance(60_000);

      expect(metrics.Metrics).toStrictEqual([
        {
          Namespace: 'OrderPipeline',
          MetricName: 'DeadLetteredOrders',
          Dimensions: [{ Name: 'service', Value: 'failed-orders' }],
        },
      ]);
      expect(statistics).toStrictEqual({
        Label: 'DeadLetteredOrders',
        Datapoints: [{ Timestamp: '2026-11-30T05:47:00+00:00', Sum: 2, SampleCount: 1, Unit: 'Count' }],
      });
      expect(service.describeAlarms({ alarmNames: [DEAD_LETTERED.alarmName] })[0].stateValue).toBe('ALARM');
    }, 120_000);
  });
});
