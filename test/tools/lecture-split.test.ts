import { setTimeout as sleep } from 'node:timers/promises';
import { scaledClock } from 'local-cloud';
import { assignOrderIds } from '../../lambdas/generate-orders/assign-order-ids';
import { demoOrders } from '../../lambdas/generate-orders/demo-orders';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import {
  type PipelineCloud,
  stackOutput,
  startPipelineCloud,
  waitUntilSettled,
} from '../../tools/pipeline-run';
import { pipelineAssembly } from '../support/pipeline-assembly';

const TIME_SCALE = 10;
/** What ProcessOrders logs for each order it is given: stored, or rejected and dead-lettered. */
const ORDER_LINE = /"message":"order (stored|rejected and forwarded to the dead-letter queue)"/;

/** Waits, for at most 10 real seconds, until `count` long polls wait on the queue. */
async function untilPolling(pipeline: PipelineCloud, queueUrl: string, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (pipeline.cloud.sqs.model.pendingReceives(queueUrl) < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} long polls on ${queueUrl}`);
    await sleep(1);
  }
}

/**
 * The lecture's burst on the local cloud, with the template's settings (batch size 10, window 5 s,
 * maximum concurrency 2): the 11 demo orders land, as GenerateOrders' two SendMessageBatch calls
 * (10 and 1), while both of the mapping's pollers wait on the queue. They are sent in the same turn
 * of the event loop as the check that both wait, so neither poller can be between two receives.
 */
describe("the lecture's burst of 11 orders, landing while the pollers wait", () => {
  let outdir = '';
  let pipeline: PipelineCloud;
  let ordersPerStream: number[];
  let settled: boolean;

  beforeAll(async () => {
    outdir = pipelineAssembly({});
    pipeline = await startPipelineCloud({
      assemblyDirectory: outdir,
      stackName: STACK_NAME,
      clock: scaledClock(TIME_SCALE),
    });
    const queueUrl = stackOutput(pipeline.cloud, 'OrdersQueueUrl');
    const bodies = assignOrderIds(demoOrders()).map((order) => JSON.stringify(order));
    const entries = bodies.map((MessageBody, index) => ({ Id: String(index), MessageBody }));
    await untilPolling(pipeline, queueUrl, 2);
    pipeline.cloud.sqs.model.sendMessageBatch({ QueueUrl: queueUrl, Entries: entries.slice(0, 10) });
    pipeline.cloud.sqs.model.sendMessageBatch({ QueueUrl: queueUrl, Entries: entries.slice(10) });
    settled = await waitUntilSettled(pipeline, 60);
    const logGroup = stackOutput(pipeline.cloud, 'ProcessOrdersLogGroupName');
    ordersPerStream = pipeline.cloud.logs
      .describeLogStreams(logGroup)
      .map(
        ({ logStreamName }) =>
          pipeline.cloud.logs
            .getLogEvents(logGroup, logStreamName)
            .filter((event) => ORDER_LINE.test(event.message)).length,
      );
  }, 120_000);

  afterAll(async () => {
    await pipeline?.cloud.stop();
  });

  const processOrders = () =>
    pipeline.cloud.lambda.statistics()[
      Object.keys(pipeline.cloud.lambda.statistics()).find((id) => id.startsWith('ProcessOrders')) ?? ''
    ];

  test('two ProcessOrders instances run, each with part of the 11 orders', () => {
    expect(settled).toBe(true);
    expect(processOrders().instances).toBe(2);
    expect(ordersPerStream).toHaveLength(2);
    expect(ordersPerStream.every((orders) => orders > 0)).toBe(true);
    expect(ordersPerStream.reduce((sum, orders) => sum + orders, 0)).toBe(11);
  });

  test('never more than the cap of 2 invocations at once', () => {
    expect(processOrders().peakConcurrency).toBe(2);
    expect(pipeline.cloud.eventSourceMappings.pollers.map((poller) => poller.peakConcurrency)).toContain(2);
    expect(
      Math.max(...pipeline.cloud.eventSourceMappings.pollers.map((poller) => poller.peakConcurrency)),
    ).toBeLessThanOrEqual(2);
  });
});
