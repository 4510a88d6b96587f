import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  alarmDefinitions,
  CloudAssemblyError,
  IntrinsicResolver,
  type LocalAlarmDefinition,
  localStackDefinition,
  readCloudAssembly,
  type StackArtifact,
} from 'local-cloud';
import { createOrderPipelineApp, STACK_NAME } from '../../../lib/order-pipeline-app';
import { stackFactory, TEST_ENVIRONMENT } from '../test-environment';

/** Synth without bundling takes a few seconds on an idle machine; a busy one takes several times that. */
const SYNTH_TIMEOUT_MS = 120_000;

describe("the stack's alarms, read from its synthesized template", () => {
  let outdir: string;
  let stack: StackArtifact;
  let resolver: IntrinsicResolver;
  let alarms: LocalAlarmDefinition[];

  const alarm = (prefix: string): LocalAlarmDefinition => {
    const found = alarms.filter((candidate) => candidate.logicalId.startsWith(prefix));
    if (found.length !== 1) throw new Error(`expected one alarm ${prefix}*, found ${found.length}`);
    return found[0];
  };

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'local-alarms-'));
    // Alarms need no bundled code, so this synth skips bundling.
    createOrderPipelineApp({ outdir, context: { 'aws:cdk:bundling-stacks': [] } }).app.synth();
    stack = readCloudAssembly(outdir).stack(STACK_NAME);
    resolver = new IntrinsicResolver(stack, TEST_ENVIRONMENT);
    alarms = alarmDefinitions(resolver, stack.resourcesOfType('AWS::CloudWatch::Alarm'));
  }, SYNTH_TIMEOUT_MS);

  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  test('lists the three alarms, each notifying the alarm topic', () => {
    const topicArn = resolver.ref(stack.resourcesOfType('AWS::SNS::Topic')[0].logicalId, 'test');

    expect(alarms.map((definition) => definition.logicalId.replace(/[0-9A-F]{8}$/, ''))).toStrictEqual([
      'AlarmsDeadLetteredOrdersAlarm',
      'AlarmsDeadLetterBacklogAlarm',
      'AlarmsFailedInvocationsAlarm',
    ]);
    for (const definition of alarms) expect(definition.alarmActions).toStrictEqual([topicArn]);
    expect(topicArn).toMatch(/^arn:aws:sns:us-east-1:000000000000:OrderPipeline-AlarmsAlarmTopic/);
  });

  test('the dead-lettered orders alarm watches the EMF metric, and its name is the one the stack output gives', () => {
    const deadLetteredOrders = alarm('AlarmsDeadLetteredOrdersAlarm');

    expect(deadLetteredOrders).toMatchObject({
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
    });
    expect(resolver.resolve(stack.template.Outputs?.DeadLetteredOrdersAlarmName?.Value, 'test')).toBe(
      deadLetteredOrders.alarmName,
    );
    expect(deadLetteredOrders.alarmName).toBe(`${STACK_NAME}-${deadLetteredOrders.logicalId}`);
    expect(deadLetteredOrders.alarmArn).toBe(
      `arn:aws:cloudwatch:us-east-1:000000000000:alarm:${deadLetteredOrders.alarmName}`,
    );
  });

  test("the backlog and failed-invocations alarms watch their queue's SQS metrics by its local name", () => {
    const queueName = (prefix: string) =>
      resolver.physicalName(
        stack.resourcesOfType('AWS::SQS::Queue').find((queue) => queue.logicalId.startsWith(prefix))
          ?.logicalId as string,
      );

    expect(alarm('AlarmsDeadLetterBacklogAlarm')).toMatchObject({
      metric: {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateAgeOfOldestMessage',
        dimensions: [{ name: 'QueueName', value: queueName('QueuesDeadLetterQueue') }],
      },
      statistic: 'Maximum',
      threshold: 900,
    });
    expect(alarm('AlarmsFailedInvocationsAlarm').metric).toStrictEqual({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: [{ name: 'QueueName', value: queueName('QueuesFailedInvocationsQueue') }],
    });
  });
});

describe('alarm definitions in localStackDefinition', () => {
  const metricAlarm = (properties: Record<string, unknown>) => ({
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      Namespace: 'Shop',
      MetricName: 'Errors',
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 3,
      Threshold: 0.5,
      ComparisonOperator: 'LessThanThreshold',
      ...properties,
    },
  });

  test('takes a set AlarmName, DatapointsToAlarm and OK actions, defaults treatMissingData to missing, and leaves out metric math alarms', () => {
    const local = localStackDefinition(
      stackFactory({
        Topic: { Type: 'AWS::SNS::Topic' },
        Named: metricAlarm({ AlarmName: 'shop-errors', DatapointsToAlarm: 2, OKActions: [{ Ref: 'Topic' }] }),
        Math: { Type: 'AWS::CloudWatch::Alarm', Properties: { Metrics: [], EvaluationPeriods: 1 } },
      }),
      TEST_ENVIRONMENT,
    );

    expect(local.alarms).toStrictEqual([
      expect.objectContaining({
        logicalId: 'Named',
        alarmName: 'shop-errors',
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: 'missing',
        okActions: ['arn:aws:sns:us-east-1:000000000000:OrderPipeline-Topic'],
        alarmActions: [],
      }),
    ]);
  });

  test('fails if an alarm uses a comparison the local cloud cannot evaluate', () => {
    expect(() =>
      localStackDefinition(
        stackFactory({
          Band: metricAlarm({ ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' }),
        }),
        TEST_ENVIRONMENT,
      ),
    ).toThrow(
      new CloudAssemblyError(
        'Band.Properties.ComparisonOperator must be one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold (given "LessThanLowerOrGreaterThanUpperThreshold"); the local cloud evaluates only these',
      ),
    );
  });
});
