import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnsServer, SnsService } from '../../src/sns';
import { type AwsCli, awsCliEnvironment } from '../../src/testing/aws-cli';
import { runAwsCli } from '../../src/testing/aws-cli-driver';
import { notRunHere } from '../../src/testing/not-run-here';
import type { FakeTargets } from './fake-targets';
import { functionArn, queueArn, testServer } from './support';

export { debianAwsCli, pathAwsCli } from '../../src/testing/aws-cli';

interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

function runCli(path: string, endpoint: string, args: readonly string[]): Promise<CliResult> {
  return runAwsCli(path, ['--endpoint-url', endpoint, '--output', 'json', 'sns', ...args], {
    env: awsCliEnvironment(),
  });
}

/** The example policies of the conformance run: every filter operator, in both scopes. */
const ATTRIBUTE_POLICY = JSON.stringify({
  store: ['example_corp'],
  price_usd: [{ numeric: ['>=', 100, '<', 500] }],
  event: [{ prefix: 'order_' }, { 'anything-but': { prefix: 'test_' } }],
  $or: [{ customer_interests: ['rugby'] }, { vip: [{ exists: true }] }],
});
const BODY_POLICY = JSON.stringify({
  order: { status: [{ suffix: '_placed' }], region: [{ 'equals-ignore-case': 'EU' }] },
  client: { ip: [{ cidr: '10.0.0.0/8' }] },
  coupon: [{ exists: false }],
});

/**
 * Each test runs dozens of CLI commands; on a machine loaded by other suites (a load average of
 * 14 here), one test took longer than jest's 60 s when each command was its own process.
 */
const CLI_TEST_TIMEOUT_MS = 180_000;

/**
 * The AWS CLI conformance run for the local SNS: every API, every filter operator, raw and
 * enveloped delivery, a subscription dead-letter queue and FIFO order, through a real CLI process
 * against a server on 127.0.0.1. Skipped, saying why, when the CLI is not installed.
 */
export function describeSnsCliConformance(cli: AwsCli | string): void {
  if (typeof cli === 'string') {
    describe('local SNS through the AWS CLI', () => {
      notRunHere('AWS CLI conformance skipped', cli);
    });
    return;
  }
  const found: AwsCli = cli;
  describe(`local SNS through the AWS CLI (${found.version}, ${found.path})`, () => {
    let server: SnsServer;
    let service: SnsService;
    let targets: FakeTargets;
    let dir: string;

    beforeAll(async () => {
      ({ server, service, targets } = await testServer());
      dir = mkdtempSync(join(tmpdir(), 'sns-cli-'));
    });

    afterAll(async () => {
      await server.close();
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    });

    async function aws(...args: string[]): Promise<Record<string, unknown>> {
      const result = await runCli(found.path, server.endpoint, args);
      if (result.code !== 0)
        throw new Error(`aws sns ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
    }

    async function awsError(...args: string[]): Promise<string> {
      const result = await runCli(found.path, server.endpoint, args);
      expect(result.code).not.toBe(0);
      return result.stderr;
    }

    async function createTopic(name: string, attributes?: string): Promise<string> {
      const extra = attributes === undefined ? [] : ['--attributes', attributes];
      return (await aws('create-topic', '--name', name, ...extra)).TopicArn as string;
    }

    it(
      'manages topics, their attributes and tags',
      async () => {
        const arn = await createTopic('cli-topics', '{"DisplayName":"Shop"}');
        const fifo = (
          await aws(
            'create-topic',
            '--name',
            'cli-topics.fifo',
            '--attributes',
            'FifoTopic=true,ContentBasedDeduplication=true',
            '--tags',
            'Key=team,Value=shop',
          )
        ).TopicArn as string;
        const topics = (await aws('list-topics')).Topics as { TopicArn: string }[];
        expect(topics.map((topic) => topic.TopicArn)).toEqual(expect.arrayContaining([arn, fifo]));
        await aws(
          'set-topic-attributes',
          '--topic-arn',
          arn,
          '--attribute-name',
          'DisplayName',
          '--attribute-value',
          'Store',
        );
        expect((await aws('get-topic-attributes', '--topic-arn', arn)).Attributes).toMatchObject({
          DisplayName: 'Store',
          TopicArn: arn,
        });
        expect((await aws('get-topic-attributes', '--topic-arn', fifo)).Attributes).toMatchObject({
          FifoTopic: 'true',
          ContentBasedDeduplication: 'true',
        });
        await aws('tag-resource', '--resource-arn', fifo, '--tags', 'Key=env,Value=dev');
        await aws('untag-resource', '--resource-arn', fifo, '--tag-keys', 'team');
        expect((await aws('list-tags-for-resource', '--resource-arn', fifo)).Tags).toEqual([
          { Key: 'env', Value: 'dev' },
        ]);
        await aws('delete-topic', '--topic-arn', arn);
        expect(await awsError('get-topic-attributes', '--topic-arn', arn)).toContain('NotFound');
      },
      CLI_TEST_TIMEOUT_MS,
    );

    it(
      'subscribes, filters with every operator, and delivers raw and enveloped',
      async () => {
        const arn = await createTopic('cli-orders');
        const raw = (
          await aws(
            'subscribe',
            '--topic-arn',
            arn,
            '--protocol',
            'sqs',
            '--notification-endpoint',
            queueArn('cli-raw'),
            '--attributes',
            JSON.stringify({ RawMessageDelivery: 'true', FilterPolicy: ATTRIBUTE_POLICY }),
            '--return-subscription-arn',
          )
        ).SubscriptionArn as string;
        const body = (
          await aws(
            'subscribe',
            '--topic-arn',
            arn,
            '--protocol',
            'sqs',
            '--notification-endpoint',
            queueArn('cli-body'),
          )
        ).SubscriptionArn as string;
        await aws(
          'set-subscription-attributes',
          '--subscription-arn',
          body,
          '--attribute-name',
          'FilterPolicyScope',
          '--attribute-value',
          'MessageBody',
        );
        await aws(
          'set-subscription-attributes',
          '--subscription-arn',
          body,
          '--attribute-name',
          'FilterPolicy',
          '--attribute-value',
          BODY_POLICY,
        );
        await aws(
          'subscribe',
          '--topic-arn',
          arn,
          '--protocol',
          'lambda',
          '--notification-endpoint',
          functionArn('cli-f'),
        );
        expect(
          (await aws('get-subscription-attributes', '--subscription-arn', body)).Attributes,
        ).toMatchObject({
          FilterPolicyScope: 'MessageBody',
          FilterPolicy: BODY_POLICY,
        });
        expect(
          ((await aws('list-subscriptions-by-topic', '--topic-arn', arn)).Subscriptions as unknown[]).length,
        ).toBe(3);
        expect(
          ((await aws('list-subscriptions')).Subscriptions as { SubscriptionArn: string }[]).map(
            (s) => s.SubscriptionArn,
          ),
        ).toContain(raw);

        const attributes = (price: string, event: string) =>
          JSON.stringify({
            store: { DataType: 'String', StringValue: 'example_corp' },
            price_usd: { DataType: 'Number', StringValue: price },
            event: { DataType: 'String', StringValue: event },
            customer_interests: { DataType: 'String.Array', StringValue: '["soccer","rugby"]' },
          });
        const order = (status: string, ip: string) =>
          JSON.stringify({ order: { status, region: 'eu' }, client: { ip } });
        await aws(
          'publish',
          '--topic-arn',
          arn,
          '--message',
          order('order_placed', '10.1.2.3'),
          '--message-attributes',
          attributes('210.75', 'order_placed'),
        );
        await aws(
          'publish',
          '--topic-arn',
          arn,
          '--message',
          order('order_cancelled', '10.1.2.3'),
          '--message-attributes',
          attributes('50', 'order_placed'),
        );
        await aws(
          'publish',
          '--topic-arn',
          arn,
          '--message',
          order('order_placed', '192.168.0.1'),
          '--message-attributes',
          attributes('300', 'refund_issued'),
        );
        await service.idle();
        expect(
          targets.queues
            .get(queueArn('cli-raw'))
            ?.map((m) => [m.body, m.messageAttributes.price_usd?.StringValue]),
        ).toEqual([
          [order('order_placed', '10.1.2.3'), '210.75'],
          [order('order_placed', '192.168.0.1'), '300'],
        ]);
        expect(targets.bodies(queueArn('cli-body')).map((m) => JSON.parse(m).Message)).toEqual([
          order('order_placed', '10.1.2.3'),
        ]);
        expect(targets.invocations.filter((i) => i.functionArn === functionArn('cli-f'))).toHaveLength(3);
        await aws('unsubscribe', '--subscription-arn', raw);
        expect(
          ((await aws('list-subscriptions-by-topic', '--topic-arn', arn)).Subscriptions as unknown[]).length,
        ).toBe(2);
      },
      CLI_TEST_TIMEOUT_MS,
    );

    it(
      'sends failed deliveries to the subscription dead-letter queue',
      async () => {
        const arn = await createTopic('cli-dlq');
        targets.missingQueues.add(queueArn('cli-gone'));
        await aws(
          'subscribe',
          '--topic-arn',
          arn,
          '--protocol',
          'sqs',
          '--notification-endpoint',
          queueArn('cli-gone'),
          '--attributes',
          JSON.stringify({ RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('cli-dead') }) }),
        );
        const { MessageId } = await aws(
          'publish',
          '--topic-arn',
          arn,
          '--message',
          'lost?',
          '--subject',
          'DLQ',
        );
        await service.idle();
        const [dead] = targets.queues.get(queueArn('cli-dead')) ?? [];
        expect(JSON.parse(dead.body)).toMatchObject({ MessageId, Message: 'lost?', Subject: 'DLQ' });
      },
      CLI_TEST_TIMEOUT_MS,
    );

    it(
      'keeps FIFO order and publishes batches',
      async () => {
        const fifo = await createTopic('cli-fifo.fifo', 'FifoTopic=true,ContentBasedDeduplication=true');
        await aws(
          'subscribe',
          '--topic-arn',
          fifo,
          '--protocol',
          'sqs',
          '--notification-endpoint',
          queueArn('cli-q.fifo'),
          '--attributes',
          'RawMessageDelivery=true',
        );
        const entries = Array.from({ length: 10 }, (_, index) => ({
          Id: `e${index}`,
          Message: `m${index}`,
          MessageGroupId: 'g',
        }));
        const result = await aws(
          'publish-batch',
          '--topic-arn',
          fifo,
          '--publish-batch-request-entries',
          JSON.stringify(entries),
        );
        expect((result.Successful as unknown[]).length).toBe(10);
        await service.idle();
        expect(targets.bodies(queueArn('cli-q.fifo'))).toEqual(entries.map((entry) => entry.Message));
        expect(
          await awsError('publish-batch', '--topic-arn', fifo, '--publish-batch-request-entries', '[]'),
        ).toContain('EmptyBatchRequest');
      },
      CLI_TEST_TIMEOUT_MS,
    );

    it(
      'answers bad input with SNS errors',
      async () => {
        const arn = await createTopic('cli-errors');
        const fifo = await createTopic('cli-errors.fifo', 'FifoTopic=true');
        const big = join(dir, 'big.txt');
        writeFileSync(big, 'x'.repeat(262_145));
        expect(await awsError('publish', '--topic-arn', `${arn}-missing`, '--message', 'x')).toMatch(
          /NotFound.*Topic does not exist/,
        );
        expect(await awsError('publish', '--topic-arn', arn, '--message', `file://${big}`)).toMatch(
          /InvalidParameter.*Message too long/,
        );
        expect(
          await awsError('publish', '--topic-arn', fifo, '--message', 'x', '--message-deduplication-id', 'd'),
        ).toContain('The MessageGroupId parameter is required for FIFO topics');
        expect(
          await awsError(
            'subscribe',
            '--topic-arn',
            arn,
            '--protocol',
            'sqs',
            '--notification-endpoint',
            queueArn('q'),
            '--attributes',
            '{"FilterPolicy":"{not json"}',
          ),
        ).toMatch(/InvalidParameter.*FilterPolicy/);
      },
      CLI_TEST_TIMEOUT_MS,
    );
  });
}
