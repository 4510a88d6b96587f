import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type DynamoDbService, type LocalCloud, type QueueDepth, startDynamoDb } from 'local-cloud';
import { contentHash } from '../../shared/content-hash';
import { balancedLedger } from './support/balanced-ledger';
import { drawLedger, type SentMessage } from './support/fault-ledger';

const ORDERS_TABLE = 'Ledger-Orders';
const REJECTED_TABLE = 'Ledger-Rejected';

/** A table keyed by one string attribute. */
function table(tableName: string, key: string) {
  return {
    logicalId: tableName.replace('-', ''),
    tableName,
    keySchema: [{ AttributeName: key, KeyType: 'HASH' as const }],
    attributeDefinitions: [{ AttributeName: key, AttributeType: 'S' as const }],
    billingMode: 'PAY_PER_REQUEST' as const,
  };
}

/** An order as GenerateOrders sends it. */
function orderFactory(orderId: string, customerName = `Customer ${orderId}`) {
  return { orderId, customerName, customerAddress: '1 Main Street', items: [] };
}

describe('the ledger of a fault-injection run', () => {
  let dynamodb: DynamoDbService;
  let documents: DynamoDBDocumentClient;
  let depths: QueueDepth[];
  let cloud: LocalCloud;

  /** The orders table's item for an order, as ProcessOrders writes it. */
  async function store(order: ReturnType<typeof orderFactory>, messageId: string, hashOf: unknown = order) {
    await documents.send(
      new PutCommand({
        TableName: ORDERS_TABLE,
        Item: { ...order, contentHash: contentHash(hashOf), messageId, storedAt: '2026-11-30T00:00:00.000Z' },
      }),
    );
  }

  async function reject(messageId: string, reason = 'INVALID_ORDER') {
    await documents.send(
      new PutCommand({
        TableName: REJECTED_TABLE,
        Item: { messageId, reason, errors: ['customerAddress: is required'] },
      }),
    );
  }

  const sent = (messageId: string, order: unknown): SentMessage => ({
    messageId,
    body: JSON.stringify(order),
  });

  beforeEach(async () => {
    dynamodb = await startDynamoDb();
    await dynamodb.createTables([table(ORDERS_TABLE, 'orderId'), table(REJECTED_TABLE, 'messageId')]);
    documents = DynamoDBDocumentClient.from(dynamodb.client);
    depths = [];
    // the three things the ledger reads of a cloud: the outputs, the table client and the queues
    cloud = {
      stack: {
        outputs: {
          OrdersTableName: ORDERS_TABLE,
          RejectedOrdersTableName: REJECTED_TABLE,
          OrdersQueueUrl: 'q',
        },
      },
      dynamodb,
      queueDepths: async () => depths,
    } as unknown as LocalCloud;
  });

  afterEach(async () => {
    await dynamodb.stop();
  });

  test('balances when every sent message is stored or rejected once and the queues are empty', async () => {
    await store(orderFactory('o-1'), 'm-1');
    await reject('m-2');

    const ledger = await drawLedger(cloud, [
      sent('m-1', orderFactory('o-1')),
      sent('m-2', { orderId: 'o-2' }),
    ]);

    expect(ledger).toStrictEqual(balancedLedger({ stored: 1, rejectedByReason: { INVALID_ORDER: 1 } }));
  });

  test('matches by order id when the message ids are not known', async () => {
    await store(orderFactory('o-1'), 'm-1');

    const ledger = await drawLedger(cloud, [{ body: JSON.stringify(orderFactory('o-1')) }]);

    expect(ledger).toStrictEqual(balancedLedger({ stored: 1 }));
  });

  test('counts a message neither stored nor rejected as unaccounted', async () => {
    await store(orderFactory('o-1'), 'm-1');

    const ledger = await drawLedger(cloud, [
      sent('m-1', orderFactory('o-1')),
      sent('m-2', orderFactory('o-2')),
    ]);

    expect(ledger).toMatchObject({ sent: 2, stored: 1, unaccounted: 1, balanced: false });
  });

  test('counts an order both stored and dead-lettered, which breaks sent = stored + rejected', async () => {
    await store(orderFactory('o-1'), 'm-1');
    await reject('m-1', 'RETRIES_EXHAUSTED');

    const ledger = await drawLedger(cloud, [sent('m-1', orderFactory('o-1'))]);

    expect(ledger).toMatchObject({ sent: 1, stored: 1, rejected: 1, storedAndRejected: 1, balanced: false });
  });

  test('finds a stored item whose content is not what was sent, as a second write with other content would leave', async () => {
    await store(orderFactory('o-1', 'Someone else'), 'm-1');

    const ledger = await drawLedger(cloud, [sent('m-1', orderFactory('o-1'))]);

    expect(ledger).toMatchObject({ contentMismatches: 1, unaccounted: 0, balanced: false });
  });

  test("finds a stored item whose hash is not its own content's", async () => {
    await store(orderFactory('o-1'), 'm-1', { tampered: true });

    const ledger = await drawLedger(cloud, [sent('m-1', orderFactory('o-1'))]);

    expect(ledger).toMatchObject({ contentMismatches: 1, balanced: false });
  });

  test('finds items no sent message explains, and messages left on a queue', async () => {
    await store(orderFactory('o-1'), 'm-1');
    await store(orderFactory('o-9'), 'm-9');
    await reject('m-8');
    depths = [
      { logicalId: 'Orders', queueName: 'orders', queueUrl: 'q', visible: 1, inFlight: 2, delayed: 0 },
    ];

    const ledger = await drawLedger(cloud, [sent('m-1', orderFactory('o-1'))]);

    expect(ledger).toMatchObject({ phantoms: 2, stillQueued: 3, unaccounted: 0, balanced: false });
  });
});
