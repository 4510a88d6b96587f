import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type BatchSettlement, scaledClock } from 'local-cloud';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import { scanTable } from '../../shared/scan-table';
import {
  type PipelineCloud,
  stackOutput,
  startPipelineCloud,
  waitUntilSettled,
} from '../../tools/pipeline-run';
import { buildRunReport, type RunReport } from '../../tools/run-report';
import {
  type BadOrderCase,
  badOrderCases,
  interleave,
  type MustPassOrder,
  mustPassOrders,
  plainValidOrders,
} from '../fixtures/bad-orders/corpus';
import { pipelineAssembly } from '../support/pipeline-assembly';

/**
 * Function timeouts last half their template value in real time (ProcessOrders: 5 s per batch),
 * room for the 1 MB bodies on a busy machine.
 */
const TIME_SCALE = 2;
/** Plain valid orders sent besides the unusual must-pass ones. */
const PLAIN_VALID_ORDERS = 100;
/** Real seconds to wait for the pipeline to settle. */
const SETTLE_TIMEOUT_SECONDS = 150;

/** A message that entered the orders queue, and what should become of it. */
interface Sent {
  readonly messageId: string;
  readonly body: string;
  /** For a bad case: the reason fragment its rejection must carry. */
  readonly reason?: string;
  /** For a valid order: its id. */
  readonly orderId?: string;
}

/** What SQS answered a send of a body it refuses. */
interface Refusal {
  readonly badCase: BadOrderCase;
  readonly error: string;
}

describe('the bad-input corpus, end to end on the local cloud', () => {
  let outdir = '';
  const corpus = badOrderCases();
  const sent: Sent[] = [];
  const refusals: Refusal[] = [];
  let pipeline: PipelineCloud;
  let settled: boolean;
  const settlements: BatchSettlement[] = [];
  let report: RunReport;
  let stored: Record<string, unknown>[];

  beforeAll(async () => {
    outdir = pipelineAssembly({});
    pipeline = await startPipelineCloud({
      assemblyDirectory: outdir,
      stackName: STACK_NAME,
      clock: scaledClock(TIME_SCALE),
      onBatchSettled: (settlement) => settlements.push(settlement),
    });
    const { cloud } = pipeline;
    const queueUrl = stackOutput(cloud, 'OrdersQueueUrl');
    const send = async (body: string) =>
      String(
        (await cloud.sqsClient.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body })))
          .MessageId,
      );

    const valid = [...mustPassOrders(), ...plainValidOrders(PLAIN_VALID_ORDERS)];
    for (const message of interleave<BadOrderCase, MustPassOrder>(corpus, valid)) {
      if ('reason' in message) {
        try {
          sent.push({ messageId: await send(message.body), body: message.body, reason: message.reason });
        } catch (error) {
          refusals.push({ badCase: message, error: error instanceof Error ? error.name : String(error) });
        }
      } else {
        sent.push({ messageId: await send(message.body), body: message.body, orderId: message.orderId });
      }
    }

    const started = Date.now();
    settled = await waitUntilSettled(pipeline, SETTLE_TIMEOUT_SECONDS);
    report = await buildRunReport(cloud, pipeline.ledger, {
      ordersNotQueued: refusals.length,
      timeScale: TIME_SCALE,
      durationMs: Date.now() - started,
    });
    stored = await scanTable(
      DynamoDBDocumentClient.from(cloud.dynamodb.client),
      stackOutput(cloud, 'OrdersTableName'),
    );
  }, 300_000);

  afterAll(async () => {
    await pipeline?.cloud.stop();
  });

  test('SQS refuses exactly the bodies it cannot carry, so they never enter the pipeline', () => {
    expect(refusals.map(({ badCase, error }) => [badCase.name, error])).toStrictEqual(
      corpus
        .filter(({ sqsRefuses }) => sqsRefuses !== undefined)
        .map(({ name, sqsRefuses }) => [name, sqsRefuses]),
    );
    expect(refusals.map(({ error }) => error)).toContain('InvalidMessageContents');
  });

  test('the pipeline settles, and the tables account for every message sent, once', () => {
    const validSent = sent.filter(({ orderId }) => orderId !== undefined);
    const badSent = sent.filter(({ reason }) => reason !== undefined);

    expect(settled).toBe(true);
    expect(report).toMatchObject({
      ordersSent: sent.length,
      ordersStored: validSent.length,
      ordersRejected: badSent.length,
      ordersUnaccounted: 0,
      ordersStillQueued: 0,
    });
    expect(stored.map(({ orderId }) => String(orderId)).sort()).toStrictEqual(
      validSent.map(({ orderId }) => String(orderId)).sort(),
    );
    expect(report.rejections.map(({ messageId }) => messageId).sort()).toStrictEqual(
      badSent.map(({ messageId }) => messageId).sort(),
    );
  });

  test('every message was received once and deleted by its first batch: nothing came back', () => {
    const ordersBatches = settlements.filter(({ mapping }) => mapping === pipeline.ledger.mappingName);
    const received = ordersBatches.flatMap(({ records }) => records.map(({ messageId }) => messageId));

    expect(received.sort()).toStrictEqual(sent.map(({ messageId }) => messageId).sort());
    expect(ordersBatches.filter(({ records, deleted }) => deleted !== records.length)).toStrictEqual([]);
  });

  test('every valid order is stored once, by the message that carried it, exactly as sent', () => {
    const byOrderId = new Map(stored.map((item) => [String(item.orderId), item]));
    for (const { orderId, messageId, body } of sent.filter(({ orderId }) => orderId !== undefined)) {
      const {
        contentHash: _hash,
        messageId: storedBy,
        storedAt: _at,
        ...order
      } = byOrderId.get(String(orderId)) ?? {};
      expect({ orderId, storedBy, order }).toStrictEqual({
        orderId,
        storedBy: messageId,
        order: JSON.parse(body),
      });
    }
  });

  test('every bad case is recorded in the rejected-orders table with its reason', () => {
    const byMessageId = new Map(report.rejections.map((rejection) => [rejection.messageId, rejection]));
    const wrong = sent
      .filter(({ reason }) => reason !== undefined)
      .map(({ messageId, reason }) => ({ messageId, reason, recorded: byMessageId.get(messageId) }))
      .filter(
        ({ reason, recorded }) =>
          recorded?.reason !== 'INVALID_ORDER' ||
          !recorded.errors.some((error) => error.includes(String(reason))),
      );

    expect(wrong).toStrictEqual([]);
  });

  test('no function instance crashed or timed out: every invocation succeeded', () => {
    const functions = Object.entries(report.functions);

    expect(
      functions.map(([logicalId, { errors, timeouts }]) => ({ logicalId, errors, timeouts })),
    ).toStrictEqual(functions.map(([logicalId]) => ({ logicalId, errors: 0, timeouts: 0 })));
    const processOrders = functions.find(([logicalId]) => logicalId.startsWith('ProcessOrders'))?.[1];
    expect(processOrders?.invocations).toBeGreaterThanOrEqual(Math.ceil(sent.length / 10));
  });
});
