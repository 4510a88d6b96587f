import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type MessageAttributeValue,
  PublishBatchCommand,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
} from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import routing from '../apps/topic-routing/routing.json';
import { COMMAND_DEADLINE_MS, startCli, waitForServed } from './cli-process';

/** A topic routing orders by two filter policies to two queues drained into a table, and an auditor. */
const TOPIC_ROUTING = join(__dirname, '..', 'apps', 'topic-routing');
const CLIENT = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const OUTPUTS = [
  'TopicArn',
  'EuropeQueueUrl',
  'LargeQueueUrl',
  'UnprocessedUrl',
  'UndeliverableUrl',
  'RoutedTableName',
  'AuditTableName',
] as const;

type Route = 'europe' | 'large';
const ROUTES: readonly Route[] = ['europe', 'large'];

interface Order {
  readonly id: string;
  /** A `String` attribute, a `String.Array` one, or none. */
  readonly region?: string | readonly string[];
  /** In the body; a string is not a number to a numeric filter. */
  readonly total?: number | string;
}

// Each route's edges: a region in another case, an array with and without an EU region, no region;
// a total at the threshold, just under it, a number written as a string, no total.
const REGIONS = [
  'eu-west-1',
  'eu-central-1',
  'us-east-1',
  'EU-WEST-1',
  undefined,
  ['us-west-2', 'eu-central-1'],
  ['us-west-2'],
];
const TOTALS = [250, 100, 99.99, 0, '150', undefined];
/** 60 orders; 7 and 6 being coprime, the first 42 take every region with every total. */
const ORDERS: readonly Order[] = Array.from({ length: 60 }, (_, index) => ({
  id: `order-${String(index + 1).padStart(2, '0')}`,
  region: REGIONS[index % REGIONS.length],
  total: TOTALS[index % TOTALS.length],
}));

/** The routes that routing.json's rules send `order` to, as SNS reads its policies. */
function routesOf(order: Order): Route[] {
  // A String.Array attribute matches when any of its values does; matching is case-sensitive.
  const regions = order.region === undefined ? [] : [order.region].flat();
  const europe = regions.some((region) => routing.europe.allowlist.includes(region));
  const large = typeof order.total === 'number' && order.total >= routing.large.minimumTotal;
  return ROUTES.filter((route) => (route === 'europe' ? europe : large));
}

/** The region as SNS carries it: a String.Array's value is its JSON text. */
function regionValue(order: Order): string | undefined {
  return typeof order.region === 'object' ? JSON.stringify(order.region) : order.region;
}

function publishInput(topicArn: string, order: Order): PublishCommandInput {
  const region = regionValue(order);
  const attributes: Record<string, MessageAttributeValue> =
    region === undefined
      ? {}
      : {
          region: { DataType: Array.isArray(order.region) ? 'String.Array' : 'String', StringValue: region },
        };
  return {
    TopicArn: topicArn,
    Message: JSON.stringify({ order: { id: order.id, total: order.total } }),
    MessageAttributes: attributes,
  };
}

/** Publishes every order, in tens: alternately one PublishBatch and ten Publish calls at once. */
async function publishAll(sns: SNSClient, topicArn: string): Promise<Map<string, string>> {
  const messageIds = new Map<string, string>();
  for (let start = 0; start < ORDERS.length; start += 10) {
    const orders = ORDERS.slice(start, start + 10);
    if ((start / 10) % 2 === 0) {
      const { Successful = [], Failed = [] } = await sns.send(
        new PublishBatchCommand({
          TopicArn: topicArn,
          PublishBatchRequestEntries: orders.map((order) => ({
            Id: order.id,
            ...publishInput(topicArn, order),
          })),
        }),
      );
      expect(Failed).toStrictEqual([]);
      for (const { Id, MessageId } of Successful) messageIds.set(Id ?? '', MessageId ?? '');
    } else {
      const published = await Promise.all(
        orders.map((order) => sns.send(new PublishCommand(publishInput(topicArn, order)))),
      );
      for (const [index, order] of orders.entries())
        messageIds.set(order.id, published[index].MessageId ?? '');
    }
  }
  return messageIds;
}

type Item = Record<string, unknown>;

async function scanAll(documents: DynamoDBDocumentClient, tableName: string): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of paginateScan({ client: documents }, { TableName: tableName })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}

/** A queue's approximate counts: visible, in flight and delayed. */
async function queueCounts(sqs: SQSClient, queueUrl: string): Promise<Record<string, string>> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return Attributes;
}

const EMPTY = {
  ApproximateNumberOfMessages: '0',
  ApproximateNumberOfMessagesNotVisible: '0',
  ApproximateNumberOfMessagesDelayed: '0',
};

const idsOf = (items: readonly Item[]) => items.map((item) => item.orderId as string).sort();
const receiptsOf = (items: readonly Item[]) =>
  items.reduce((sum, item) => sum + (item.receipts as number), 0);

describe('local-cloud serve --app on an app that routes a topic by filter policies', () => {
  test(
    'every published order ends where its policies send it, once, and the ledger balances',
    async () => {
      const expected = new Map(
        ROUTES.map((route) => [route, ORDERS.filter((order) => routesOf(order).includes(route))]),
      );
      // The orders cover each case: only one route, the other only, both, neither.
      const cases = new Set(ORDERS.map((order) => routesOf(order).join('+') || 'none'));
      expect([...cases].sort()).toStrictEqual(['europe', 'europe+large', 'large', 'none']);

      const serving = startCli(['serve', '--app', TOPIC_ROUTING, '--port', '0']);
      try {
        const { endpoint, outputs } = await waitForServed(serving.output, OUTPUTS);
        const sns = new SNSClient({ endpoint, ...CLIENT });
        const sqs = new SQSClient({ endpoint, ...CLIENT });
        const dynamodb = new DynamoDBClient({ endpoint, ...CLIENT });
        const documents = DynamoDBDocumentClient.from(dynamodb);

        const messageIds = await publishAll(sns, outputs.TopicArn);
        // Until the auditor has every order, each route has stored its own and both queues are drained.
        const deadline = Date.now() + COMMAND_DEADLINE_MS;
        let audited: Item[] = [];
        let routed: Item[] = [];
        let sources: Record<string, string>[] = [];
        for (;;) {
          [audited, routed, sources] = await Promise.all([
            scanAll(documents, outputs.AuditTableName),
            scanAll(documents, outputs.RoutedTableName),
            Promise.all([outputs.EuropeQueueUrl, outputs.LargeQueueUrl].map((url) => queueCounts(sqs, url))),
          ]);
          const stored = new Set(routed.map((item) => `${item.orderId} ${item.route}`));
          const settled =
            audited.length >= ORDERS.length &&
            ROUTES.every((route) =>
              expected.get(route)?.every((order) => stored.has(`${order.id} ${route}`)),
            ) &&
            sources.every(
              (counts) =>
                counts.ApproximateNumberOfMessagesNotVisible === '0' &&
                counts.ApproximateNumberOfMessages === '0',
            );
          if (settled || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const deadLetters = await Promise.all(
          [outputs.UnprocessedUrl, outputs.UndeliverableUrl].map((url) => queueCounts(sqs, url)),
        );
        sns.destroy();
        sqs.destroy();
        dynamodb.destroy();

        // Published: one distinct message id an order.
        expect(messageIds.size).toBe(ORDERS.length);
        expect(new Set(messageIds.values()).size).toBe(ORDERS.length);
        // The auditor saw every order exactly once, with the message id its publish answered.
        expect(audited.sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)))).toStrictEqual(
          ORDERS.map((order) => ({
            orderId: order.id,
            snsMessageId: messageIds.get(order.id),
            ...(regionValue(order) === undefined ? {} : { region: regionValue(order) }),
            ...(order.total === undefined ? {} : { total: order.total }),
            receipts: 1,
          })),
        );
        // Each route stored exactly the orders its policy lets through: raw to europe, the envelope to large.
        for (const route of ROUTES) {
          const items = routed.filter((item) => item.route === route);
          expect({ route, ids: idsOf(items) }).toStrictEqual({
            route,
            ids: (expected.get(route) ?? []).map((order) => order.id),
          });
          expect(items.sort((a, b) => String(a.orderId).localeCompare(String(b.orderId)))).toStrictEqual(
            (expected.get(route) ?? []).map((order) => ({
              orderId: order.id,
              route,
              delivery: route === 'europe' ? 'raw' : 'envelope',
              ...(route === 'large' ? { snsMessageId: messageIds.get(order.id) } : {}),
              ...(regionValue(order) === undefined ? {} : { region: regionValue(order) }),
              ...(order.total === undefined ? {} : { total: order.total }),
              receipts: 1,
            })),
          );
        }
        expect(routed.filter((item) => !ROUTES.includes(item.route as Route))).toStrictEqual([]);

        // The ledger: published = audited; deliveries = (order, matching route) pairs; the rest filtered.
        const pairs = ORDERS.reduce((sum, order) => sum + routesOf(order).length, 0);
        const delivered = Object.fromEntries(
          ROUTES.map((route) => [route, receiptsOf(routed.filter((item) => item.route === route))]),
        );
        expect({
          published: messageIds.size,
          audited: receiptsOf(audited),
          delivered: delivered.europe + delivered.large,
          filteredOut: Object.fromEntries(
            ROUTES.map((route) => [route, receiptsOf(audited) - delivered[route]]),
          ),
        }).toStrictEqual({
          published: ORDERS.length,
          audited: ORDERS.length,
          delivered: pairs,
          filteredOut: Object.fromEntries(
            ROUTES.map((route) => [route, ORDERS.length - (expected.get(route)?.length ?? 0)]),
          ),
        });
        // Nothing left: both routes' queues drained, nothing on either dead-letter queue.
        expect([...sources, ...deadLetters]).toStrictEqual([EMPTY, EMPTY, EMPTY, EMPTY]);
        expect(serving.output()).not.toMatch(/cannot store/);
      } finally {
        serving.child.kill('SIGTERM');
      }
      const finished = await serving.finished;
      expect(finished.stderr).not.toMatch(/LOST/);
      expect(finished.code).toBe(0);
    },
    COMMAND_DEADLINE_MS * 2,
  );
});
