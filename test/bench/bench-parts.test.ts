import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from 'local-cloud';
import { bundleLikePipelineFunction } from '../../bench/cold-start';
import { bundleSizes } from '../../bench/dev-loop';
import { invocationCounts, latencies } from '../../bench/e2e';
import { costGroupOf, moduleOf, summarizeProfiles } from '../../bench/e2e-profile-summary';
import type { CpuProfile } from '../../bench/e2e-profiler';
import { freshOrders, sqsEventOf } from '../../bench/order-events';
import { parseBenchOptions } from '../../bench/run';
import { ledgerProblems } from '../../bench/sns-ledger';
import { formatNumber, formatSpread, quantile, summarize } from '../../bench/stats';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import { validateOrder } from '../../shared/order-validation';

describe('stats', () => {
  test('quantile interpolates between the nearest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([10, 20], 0.99)).toBeCloseTo(19.9);
    expect(quantile([7], 0.75)).toBe(7);
  });

  test('quantile fails without samples or with a fraction outside 0 to 1', () => {
    expect(() => quantile([], 0.5)).toThrow(/at least one sample/);
    expect(() => quantile([1], 1.5)).toThrow(/between 0 and 1 \(given 1.5\)/);
  });

  test('summarize gives the median and spread of unsorted samples', () => {
    expect(summarize([5, 1, 3, 2, 4])).toStrictEqual({ count: 5, median: 3, min: 1, p25: 2, p75: 4, max: 5 });
  });

  test('formatSpread and formatNumber keep digits that matter for the size', () => {
    expect(formatNumber(1234.56)).toBe('1,235');
    expect(formatNumber(42.345)).toBe('42.3');
    expect(formatNumber(Math.PI)).toBe('3.14');
    expect(formatSpread(summarize([1, 2, 3]))).toBe('n=3, min 1.00, p25 1.50, p75 2.50, max 3.00');
  });
});

describe('the SNS benchmark ledger', () => {
  test('balances when each published message arrived exactly once', () => {
    expect(ledgerProblems('q', ['a', 'b'], ['b', 'a'])).toStrictEqual([]);
  });

  test('names messages missing, repeated and never published', () => {
    expect(ledgerProblems('q', ['a', 'b', 'c'], ['a', 'a', 'x'])).toStrictEqual([
      'q: 2 published message(s) never arrived (first b)',
      'q: 1 message(s) arrived more than once (first a)',
      'q: 1 message(s) arrived that this run did not publish (first x)',
    ]);
  });
});

describe('npm run bench arguments', () => {
  test("defaults to every benchmark, each with its own order count (e2e's 100,000, console's 2,000)", () => {
    expect(parseBenchOptions([])).toStrictEqual({
      only: undefined,
      json: undefined,
      orders: undefined,
      profile: undefined,
    });
  });

  test('reads --only, --json, --orders and --profile', () => {
    expect(
      parseBenchOptions(['--only', 'e2e', '--orders', '2000', '--json', 'out.json', '--profile', 'prof']),
    ).toStrictEqual({ only: 'e2e', json: 'out.json', orders: 2000, profile: 'prof' });
  });

  test('fails on an unknown benchmark, option, missing value or order count', () => {
    expect(() => parseBenchOptions(['--only', 'nope'])).toThrow(UsageError);
    expect(() => parseBenchOptions(['--only', 'nope'])).toThrow(
      /^no benchmark named nope \(there are sqs, .*, dev-loop\)$/,
    );
    expect(() => parseBenchOptions(['--fast', 'yes'])).toThrow(/unknown option --fast/);
    expect(() => parseBenchOptions(['--json'])).toThrow(/--json needs a value/);
    expect(() => parseBenchOptions(['--orders', '--json', 'x'])).toThrow(/--orders needs a value/);
    expect(() => parseBenchOptions(['--orders', '0'])).toThrow(
      /--orders must be an integer between 1 and 100000 \(given 0\)/,
    );
    expect(() => parseBenchOptions(['--orders', '1.5'])).toThrow(/given 1.5/);
    expect(() => parseBenchOptions(['e2e'])).toThrow(/unexpected argument e2e/);
  });

  test('--help and -h ask for the usage', () => {
    expect(parseBenchOptions(['--help'])).toBe('help');
    expect(parseBenchOptions(['-h'])).toBe('help');
  });
});

describe('order events', () => {
  test('fresh orders are valid and each has its own id', () => {
    const orders = freshOrders(10);
    expect(orders.every((order) => validateOrder(order).valid)).toBe(true);
    expect(new Set(orders.map((order) => order.orderId)).size).toBe(10);
  });

  test('the event carries one record per order, its JSON as the body, from the queue', () => {
    const orders = freshOrders(3);
    const event = sqsEventOf(orders, 'arn:aws:sqs:us-east-1:000000000000:q', 'us-east-1');
    expect(event.Records.map((record) => JSON.parse(record.body))).toStrictEqual(orders);
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q',
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1' },
    });
  });
});

describe('cold-start handlers', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'bench-parts-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  test('the baseline consumer bundles to one file that fails its whole batch on an invalid order', async () => {
    const bundle = bundleLikePipelineFunction(
      join(__dirname, '..', '..', 'bench', 'baseline-consumer', 'process-orders.ts'),
      workspace,
    );
    const { handler } = require(bundle);
    const [valid] = freshOrders(1);
    const event = sqsEventOf(
      [{ ...valid, customerAddress: undefined }],
      'arn:aws:sqs:us-east-1:0:q',
      'us-east-1',
    );
    // The baseline's catch rethrows JSON.stringify(new Error(' Bad Order')), which is '{}'; an SDK
    // error would serialise its fields, so this is the validation failing, before any store.
    await expect(handler(event, {}, () => undefined)).rejects.toThrow(/^\{\}$/);
  });
});

describe('dev-loop bundle sizes', () => {
  test("each function's index.js and source map are found through the cloud assembly", () => {
    const assembly = mkdtempSync(join(tmpdir(), 'bench-assembly-'));
    try {
      mkdirSync(join(assembly, 'asset.abc'));
      writeFileSync(join(assembly, 'asset.abc', 'index.js'), 'x'.repeat(123));
      writeFileSync(join(assembly, 'asset.abc', 'index.js.map'), 'y'.repeat(45));
      writeFileSync(
        join(assembly, 'manifest.json'),
        JSON.stringify({
          artifacts: {
            [STACK_NAME]: {
              type: 'aws:cloudformation:stack',
              properties: { templateFile: 'stack.template.json' },
            },
          },
        }),
      );
      writeFileSync(
        join(assembly, 'stack.template.json'),
        JSON.stringify({
          Resources: {
            Fn: {
              Type: 'AWS::Lambda::Function',
              Metadata: { 'aws:asset:path': 'asset.abc', 'aws:asset:property': 'Code' },
              Properties: {},
            },
            Queue: { Type: 'AWS::SQS::Queue' },
          },
        }),
      );
      expect(bundleSizes(assembly)).toStrictEqual([{ logicalId: 'Fn', bytes: 123, sourceMapBytes: 45 }]);
    } finally {
      rmSync(assembly, { recursive: true, force: true });
    }
  });
});

describe('e2e figures', () => {
  test('orders are split into GenerateOrders invocations of at most 10,000', () => {
    expect(invocationCounts(25_000)).toStrictEqual([10_000, 10_000, 5_000]);
    expect(invocationCounts(7)).toStrictEqual([7]);
    expect(invocationCounts(100_000, 50_000)).toStrictEqual([50_000, 50_000]);
  });

  test('latency is storedAt minus SentTimestamp; orders of unseen messages are skipped', () => {
    const sentAt = new Map(Array.from({ length: 100 }, (_, index) => [`m${index}`, 1_000 + index]));
    const stored = [
      ...Array.from({ length: 100 }, (_, index) => ({
        messageId: `m${index}`,
        storedAt: 1_000 + index + index + 1,
      })),
      { messageId: 'unknown', storedAt: 99_999 },
    ];
    const summary = latencies(stored, sentAt);
    expect(summary.count).toBe(100);
    expect(summary.p50).toBeCloseTo(50.5);
    expect(summary.p99).toBeCloseTo(99.01);
    expect(summary.max).toBe(100);
    expect(summary.spanMs).toBe(1_000 + 99 + 100 - 1_000);
  });
});

describe('profile summary', () => {
  test('modules are npm packages, repository folders, Node.js areas or V8 pseudo-frames', () => {
    expect(moduleOf('/repo/node_modules/@smithy/core/dist-cjs/index.js')).toBe('@smithy/core');
    expect(moduleOf('../../node_modules/dynalite/node_modules/levelup/lib/x.js')).toBe('levelup');
    expect(moduleOf('/work/main/packages/local-cloud/src/sqs/queue-model.ts')).toBe('local-cloud/sqs');
    expect(moduleOf('../../lambdas/process-orders/process-order.ts')).toBe('lambdas/process-orders');
    expect(moduleOf('/work/main/packages/local-cloud/src/cloud.ts')).toBe('local-cloud');
    expect(moduleOf('node:internal/streams/readable')).toBe('node:streams');
    expect(moduleOf('node:http')).toBe('node:http');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(moduleOf('/tmp/x/cdk.out/asset.3c74e8/index.js')).toBe('bundle, unmapped (module wrappers)');
  });

  test('modules are grouped into the kinds of cost the report names', () => {
    expect(costGroupOf('@smithy/core')).toBe('AWS SDK (@smithy, @aws-sdk)');
    expect(costGroupOf('@aws-sdk/client-dynamodb')).toBe('AWS SDK (@smithy, @aws-sdk)');
    expect(costGroupOf('level-transcoder')).toBe('dynalite and LevelDB (memdown)');
    expect(costGroupOf('node:async_hooks')).toBe('node:async_hooks');
    expect(costGroupOf('node:_http_client')).toBe('Node.js HTTP, sockets, streams');
    expect(costGroupOf('bundle, unmapped (module wrappers)')).toBe(
      'module loading (compile, module init, source maps)',
    );
    expect(costGroupOf('lambdas/process-orders')).toBe('pipeline code (lambdas/, shared/)');
    expect(costGroupOf('local-cloud/sqs')).toBe('local cloud code (local-cloud/sqs)');
  });

  test('self time is summed per module and function, idle left out, bundles traced to their source', () => {
    const frame = (functionName: string, url: string) => ({
      functionName,
      url,
      lineNumber: 0,
      columnNumber: 0,
    });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('(idle)', '') },
        { id: 3, callFrame: frame('parse', 'file:///repo/node_modules/dynalite/db/index.js') },
        { id: 4, callFrame: frame('a', 'file:///cdk.out/asset.1/index.js') },
      ],
      startTime: 0,
      endTime: 4_000,
      samples: [2, 3, 3, 4],
      timeDeltas: [0, 1_000, 1_000, 1_000],
    };
    const summary = summarizeProfiles([profile], (url) =>
      url.endsWith('asset.1/index.js')
        ? { source: '../../node_modules/@smithy/middleware-serde/dist-cjs/index.js', name: 'serialize' }
        : undefined,
    );
    expect(summary.busyMs).toBe(3);
    expect(summary.byGroup.map((group) => group.name)).toStrictEqual([
      'dynalite and LevelDB (memdown)',
      'AWS SDK (@smithy, @aws-sdk)',
    ]);
    expect(summary.byModule).toStrictEqual([
      { name: 'dynalite', selfMs: 2, share: 2 / 3 },
      { name: '@smithy/middleware-serde', selfMs: 1, share: 1 / 3 },
    ]);
    expect(summary.byFunction.map((entry) => entry.name)).toStrictEqual([
      'parse (dynalite)',
      'serialize (@smithy/middleware-serde)',
    ]);
  });
});
