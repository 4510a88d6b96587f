import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { scaledClock } from 'local-cloud';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import {
  generateOrders,
  type PipelineCloud,
  type ProducerOutcome,
  stackOutput,
  startPipelineCloud,
  waitUntilSettled,
} from '../../tools/pipeline-run';
import { buildRunReport, type RunReport } from '../../tools/run-report';
import { pipelineAssembly } from '../support/pipeline-assembly';

const TIME_SCALE = 5;

describe("the lecture's demo, end to end on the local cloud", () => {
  let outdir = '';
  let pipeline: PipelineCloud;
  let producer: ProducerOutcome;
  let settled: boolean;
  let report: RunReport;
  let storedNames: string[];

  beforeAll(async () => {
    outdir = pipelineAssembly({});
    pipeline = await startPipelineCloud({
      assemblyDirectory: outdir,
      stackName: STACK_NAME,
      clock: scaledClock(TIME_SCALE),
    });
    const started = Date.now();
    producer = await generateOrders(pipeline.cloud, {});
    settled = await waitUntilSettled(pipeline, 60);
    report = await buildRunReport(pipeline.cloud, pipeline.ledger, {
      ordersNotQueued: producer.kind === 'queued' ? producer.failed.length : -1,
      timeScale: TIME_SCALE,
      durationMs: Date.now() - started,
    });
    const { Items = [] } = await DynamoDBDocumentClient.from(pipeline.cloud.dynamodb.client).send(
      new ScanCommand({ TableName: stackOutput(pipeline.cloud, 'OrdersTableName') }),
    );
    storedNames = Items.map((item) => String(item.customerName)).sort();
  }, 180_000);

  afterAll(async () => {
    await pipeline?.cloud.stop();
  });

  test('GenerateOrders queues all 11 orders and the pipeline settles', () => {
    expect(producer).toStrictEqual({ kind: 'queued', queued: 11, failed: [] });
    expect(settled).toBe(true);
    expect(report.ordersSent).toBe(11);
  });

  test('the ten valid orders are stored exactly once each', () => {
    expect(storedNames).toStrictEqual(Array.from({ length: 10 }, (_, i) => `User${i}`));
    expect(report.ordersStored).toBe(10);
  });

  test('UserX, and only UserX, is rejected, with a reason naming the missing address', () => {
    expect(report.rejections).toHaveLength(1);
    expect(report.rejections[0]).toMatchObject({
      reason: 'INVALID_ORDER',
      errors: ['customerAddress: is required'],
    });
  });

  test('every order is accounted for and nothing is left on a queue', () => {
    expect(report.ordersUnaccounted).toBe(0);
    expect(report.ordersStillQueued).toBe(0);
  });

  test('no more than 2 ProcessOrders instances were ever alive at once (the template caps it at 2)', () => {
    const processOrders = Object.entries(report.functions).find(([logicalId]) =>
      logicalId.startsWith('ProcessOrders'),
    );
    expect(processOrders?.[1].invocations).toBeGreaterThanOrEqual(1);
    expect(processOrders?.[1].peakInstances).toBeLessThanOrEqual(2);
    expect(processOrders?.[1].peakConcurrency).toBeLessThanOrEqual(2);
  });

  test('as in the lecture, ProcessOrders ran in two instances: the burst was split among the pollers', () => {
    const processOrders = Object.entries(report.functions).find(([logicalId]) =>
      logicalId.startsWith('ProcessOrders'),
    );
    expect(processOrders?.[1].instances).toBe(2);
    expect(processOrders?.[1].invocations).toBeGreaterThanOrEqual(2);
  });
});
