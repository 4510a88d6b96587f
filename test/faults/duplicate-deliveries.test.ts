import { setTimeout as sleep } from 'node:timers/promises';
import { GetQueueAttributesCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { balancedLedger } from './support/balanced-ledger';
import { processingStarted } from './support/processing-started';
import { type FaultRun, runUnderFault } from './support/run-under-fault';

const ORDERS = 300;
const TIME_SCALE = 5;
/**
 * The orders queue's visibility timeout during the fault, in cloud seconds. While an invocation runs,
 * its messages' visibility timeout counts its real running time, so this is one real second of
 * processing (the invocation's code runs in real time, whatever the time scale).
 */
const SHORT_VISIBILITY_SECONDS = 1;
/** Each orders-table write takes this long during the fault: twice the short visibility timeout. */
const SLOW_WRITE_MS = SHORT_VISIBILITY_SECONDS * 1000 * 2;
/**
 * Redeliveries, beyond the records of batches that failed whole, that the fault must have caused
 * before it ends: the evidence that messages really were handed out again while a first delivery ran.
 */
const REDELIVERIES_WANTED = 10;
/** Real milliseconds the fault may last while waiting for them, on a machine busy with other suites. */
const FAULT_DEADLINE_MS = 60_000;

/** Waits until no message of the orders queue is visible or delayed: each was received at least once. */
async function everyMessageReceived(run: FaultRun): Promise<void> {
  for (let check = 0; check < 3000; check++) {
    const { Attributes = {} } = await run.cloud.sqsClient.send(
      new GetQueueAttributesCommand({
        QueueUrl: run.ordersQueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesDelayed'],
      }),
    );
    if (
      Number(Attributes.ApproximateNumberOfMessages) +
        Number(Attributes.ApproximateNumberOfMessagesDelayed) ===
      0
    )
      return;
    await sleep(50);
  }
}

/**
 * Waits until ProcessOrders has settled {@link REDELIVERIES_WANTED} redeliveries beyond the records
 * of failed batches, or the deadline passes. A fixed overlap was not enough at load 10: the first
 * deliveries' slow writes held the lanes, and the fault ended before any redelivery settled.
 */
async function redeliveriesSettled(run: FaultRun): Promise<void> {
  const deadline = Date.now() + FAULT_DEADLINE_MS;
  const { deliveriesSoFar } = run;
  while (deliveriesSoFar.redeliveries - deliveriesSoFar.failedBatchRecords < REDELIVERIES_WANTED) {
    if (Date.now() > deadline) return;
    await sleep(50);
  }
}

test('duplicate deliveries while the visibility timeout is shorter than the processing: nothing is stored twice', async () => {
  let templateVisibility = '';
  const result = await runUnderFault({
    name: 'duplicate-deliveries',
    injected: `the orders queue's VisibilityTimeout set to ${SHORT_VISIBILITY_SECONDS} s with SetQueueAttributes while every orders-table write takes ${SLOW_WRITE_MS} ms, until every message was received and ProcessOrders had settled ${REDELIVERIES_WANTED} redeliveries beyond failed batches (at most ${FAULT_DEADLINE_MS / 1000} s)`,
    orders: ORDERS,
    // The template's maxConcurrency of 2 under Lambda's five pollers: three pollers hold a batch
    // while they wait for a slot, a whole 2 s write at least, and nothing extends its visibility
    // meanwhile, so it comes back and the next poller to receive takes it again, however busy the
    // machine. (Five slots let all five pollers invoke at once: at load 12 they ran in lockstep,
    // nothing was received while they wrote, and no message came back.)
    timeScale: TIME_SCALE,
    arm: async (run) => {
      const { Attributes = {} } = await run.cloud.sqsClient.send(
        new GetQueueAttributesCommand({
          QueueUrl: run.ordersQueueUrl,
          AttributeNames: ['VisibilityTimeout'],
        }),
      );
      templateVisibility = String(Attributes.VisibilityTimeout);
      await run.cloud.sqsClient.send(
        new SetQueueAttributesCommand({
          QueueUrl: run.ordersQueueUrl,
          Attributes: { VisibilityTimeout: String(SHORT_VISIBILITY_SECONDS) },
        }),
      );
      run.cloud.dynamodb.faults.set({
        tableName: run.ordersTableName,
        operations: ['PutItem'],
        latencyMs: SLOW_WRITE_MS,
      });
    },
    during: async (run) => {
      await processingStarted(run);
      await everyMessageReceived(run);
      await redeliveriesSettled(run);
      // back to the template's setting, so the last deliveries end instead of chasing each other
      await run.cloud.sqsClient.send(
        new SetQueueAttributesCommand({
          QueueUrl: run.ordersQueueUrl,
          Attributes: { VisibilityTimeout: templateVisibility },
        }),
      );
      run.cloud.dynamodb.faults.clear();
    },
  });

  expect(result.settled).toBe(true);
  expect(result.ledger).toStrictEqual(balancedLedger({ stored: ORDERS }));
  // messages really were handed to ProcessOrders again while a first delivery ran: more than the
  // records of the batches that failed outright (a slow machine can time one out) account for
  // (the figures go along, so a failure shows what the run did, not only the difference)
  const { redeliveries, failedBatches, failedBatchRecords, duplicatesSkipped } = result;
  expect({
    redeliveries,
    failedBatches,
    failedBatchRecords,
    duplicatesSkipped,
    enoughBeyondFailedBatches: redeliveries - failedBatchRecords >= REDELIVERIES_WANTED,
  }).toMatchObject({ enoughBeyondFailedBatches: true });
  // and the duplicates reached the table, which kept the first write
  expect(result.duplicatesSkipped).toBeGreaterThan(0);
}, 240_000);
