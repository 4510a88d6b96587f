import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { validOrder } from '../../lambdas/generate-orders/order-factory';
import { balancedLedger } from './support/balanced-ledger';
import { runUnderFault } from './support/run-under-fault';

const VALID_ORDERS = 900;
/** One poison message in each batch of ten sent. */
const POISON_EVERY = 10;
const POISON_MESSAGES = VALID_ORDERS / (POISON_EVERY - 1);

/** Bodies that break parsing, or that naive code would trip over after parsing. */
const POISON_BODIES: readonly ((index: number) => string)[] = [
  () => 'this is not JSON',
  (index) => `{"orderId":"poison-${index}","customerName":`,
  () => 'null',
  () => '[1,2,3]',
  () => '"an order"',
  (index) =>
    `{"orderId":"poison-${index}","customerName":"Ann","customerAddress":"1 Main Street","items":null}`,
  (index) =>
    `{"__proto__":{"isAdmin":true},"orderId":"poison-${index}","customerName":"Ann","customerAddress":"1 Main Street","items":[]}`,
  (index) =>
    `{"constructor":{"prototype":{"polluted":true}},"orderId":"poison-${index}","customerName":"Ann","customerAddress":"1 Main Street","items":[]}`,
  (index) =>
    `{"orderId":"poison-${index}","customerName":"Ann","customerAddress":"1 Main Street","items":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  (index) =>
    `{"orderId":{"$gt":""},"customerName":"Ann${index}","customerAddress":"1 Main Street","items":[]}`,
];
const NOT_JSON = new Set([0, 1]);

test('poison messages that break parsing: each is dead-lettered with its reason, and the valid orders of its batch are stored', async () => {
  const poisonIds = new Map<string, number>();
  let mixedBatches = 0;
  const result = await runUnderFault({
    name: 'poison-messages',
    injected: `${POISON_MESSAGES} poison bodies (${POISON_BODIES.length} kinds: not JSON, truncated, non-object JSON, null items, __proto__ and constructor keys, 5,000-deep arrays, an object as orderId), one in every SendMessageBatch of ${POISON_EVERY}`,
    orders: VALID_ORDERS + POISON_MESSAGES,
    timeScale: 5,
    send: async (run) => {
      const perBatch = POISON_EVERY - 1;
      for (let batch = 0; batch < POISON_MESSAGES; batch++) {
        const kind = batch % POISON_BODIES.length;
        const entries = [
          ...Array.from({ length: perBatch }, (_, index) => ({
            Id: `valid-${index}`,
            MessageBody: JSON.stringify({
              orderId: randomUUID(),
              ...validOrder(`User${batch * perBatch + index}`),
            }),
          })),
          { Id: 'poison', MessageBody: POISON_BODIES[kind](batch) },
        ];
        const { Successful = [], Failed = [] } = await run.cloud.sqsClient.send(
          new SendMessageBatchCommand({ QueueUrl: run.ordersQueueUrl, Entries: entries }),
        );
        if (Failed.length > 0) throw new Error(`the endpoint refused ${JSON.stringify(Failed)}`);
        const poison = Successful.find((entry) => entry.Id === 'poison');
        if (poison?.MessageId !== undefined) poisonIds.set(poison.MessageId, kind);
      }
      return undefined;
    },
    onOrdersBatch: (settlement) => {
      const poison = settlement.records.filter((record) => poisonIds.has(record.messageId)).length;
      if (poison > 0 && poison < settlement.records.length) mixedBatches++;
    },
  });

  expect(poisonIds.size).toBe(POISON_MESSAGES);
  expect(result.settled).toBe(true);
  expect(result.ledger).toStrictEqual(
    balancedLedger({ stored: VALID_ORDERS, rejectedByReason: { INVALID_ORDER: POISON_MESSAGES } }),
  );
  for (const rejection of result.rejections) {
    const kind = poisonIds.get(rejection.messageId);
    expect(kind).toBeDefined();
    expect(rejection.errors.length).toBeGreaterThan(0);
    for (const error of rejection.errors) expect(error).toMatch(/\w/);
    if (NOT_JSON.has(kind ?? -1)) expect(rejection.errors.join(' ')).toMatch(/JSON/);
  }
  // poison shared batches with valid orders, and no invocation crashed on it (only a slow
  // machine's timeout may fail one)
  expect(mixedBatches).toBeGreaterThanOrEqual(POISON_MESSAGES / 2);
  expect(result.processOrders.errors).toBe(result.processOrders.timeouts);
}, 240_000);
