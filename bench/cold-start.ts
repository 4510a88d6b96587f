import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttributeValue, type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { buildSync } from 'esbuild';
import {
  functionEnvironment,
  localEnvironment,
  localStackDefinition,
  readCloudAssembly,
  startDynamoDb,
  toSqsRecord,
} from 'local-cloud';
import { STACK_NAME } from '../lib/order-pipeline-app';
import { synthesize } from '../tools/cli';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { type ColdStartSample, RESULT_MARKER } from './cold-start-child';
import { formatNumber, formatSpread, type Spread, summarize } from './stats';

/** Fresh processes per handler; the issue asks for at least 15. */
const PROCESSES = 15;
/** The first batch: a full batch of the event source mapping. */
const BATCH_SIZE = 10;
/** A process that has not answered by then has hung. */
const PROCESS_DEADLINE_MS = 30_000;
/** No message goes to the dead-letter queue (every order is valid), so its endpoint is never called. */
const UNUSED_SQS_ENDPOINT = 'http://127.0.0.1:9';

const BENCH_DIRECTORY = __dirname;

/**
 * What the benchmark compares: the stack's ProcessOrders as deployed, the same bundle without the
 * template's `NODE_OPTIONS=--enable-source-maps` (which has Node.js read and index the bundle's
 * source map at load), and the lecture's consumer.
 */
type HandlerKind = 'pipeline' | 'pipelineWithoutSourceMaps' | 'lecture';

const KINDS: readonly HandlerKind[] = ['pipeline', 'pipelineWithoutSourceMaps', 'lecture'];

const LABELS: Record<HandlerKind, string> = {
  pipeline: 'ProcessOrders bundle from cdk.out',
  pipelineWithoutSourceMaps: 'the same, without --enable-source-maps',
  lecture: "the lecture's consumer (Ajv compiled at load)",
};

/**
 * Bundles an entry point as the stack's `PipelineFunction` has `NodejsFunction` bundle it (CommonJS
 * for node24, minified, with a source map, nothing external), into `<outdir>/index.js`.
 */
export function bundleLikePipelineFunction(entry: string, outdir: string): string {
  const outfile = join(outdir, 'index.js');
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    minify: true,
    sourcemap: true,
    outfile,
    logLevel: 'error',
  });
  return outfile;
}

/**
 * A batch of `orders` as the event source mapping hands it to the function: one record per order,
 * its JSON as the body, with the system attributes SQS sets.
 */
export function sqsEventOf(orders: readonly unknown[], queueArn: string, region: string): SQSEvent {
  const now = String(Date.now());
  return {
    Records: orders.map((order) =>
      toSqsRecord(
        {
          MessageId: randomUUID(),
          ReceiptHandle: randomUUID(),
          Body: JSON.stringify(order),
          Attributes: {
            ApproximateReceiveCount: '1',
            SentTimestamp: now,
            SenderId: 'AIDACOLDSTARTBENCH',
            ApproximateFirstReceiveTimestamp: now,
          },
        },
        { queueArn, region },
      ),
    ),
  };
}

/** `count` valid orders, each with an id of its own so that every one is stored, not a duplicate. */
export function freshOrders(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    orderId: randomUUID(),
    customerName: `User${index}`,
    customerAddress: '1 Main Street',
    items: ['tea'],
  }));
}

/** Runs one fresh `node` process on a bundle and resolves with what it measured, plus its wall time. */
function runFreshProcess(
  childScript: string,
  bundle: string,
  eventFile: string,
  environment: Record<string, string>,
): Promise<ColdStartSample & { wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [childScript, bundle, 'handler', eventFile], {
      env: environment,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let errors = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), PROCESS_DEADLINE_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_MARKER));
      if (code !== 0 || line === undefined) {
        reject(new Error(`the cold-start process exited with ${code}: ${errors || output}`));
        return;
      }
      resolve({ ...(JSON.parse(line.slice(RESULT_MARKER.length)) as ColdStartSample), wallMs });
    });
  });
}

interface HandlerFigures {
  readonly coldStartMs: Spread;
  readonly initMs: Spread;
  readonly firstBatchMs: Spread;
  readonly processWallMs: Spread;
  readonly nodeBootMs: Spread;
  readonly bundleBytes: number;
}

/**
 * Consumer cold start: a fresh Node.js process loads the bundled ProcessOrders (found through the
 * cloud assembly, as the local cloud finds it) and handles a first batch of 10 valid orders, which
 * it validates and stores in a local table (dynalite, created as the template defines it). The
 * lecture's consumer, bundled the same way, does the same in the same run; they take turns.
 */
export function createColdStartBenchmark(processes = PROCESSES): Benchmark {
  return {
    name: 'cold-start',
    description: `${processes} fresh processes per handler, each loading the bundle and handling one batch of ${BATCH_SIZE} orders into dynalite`,
    async run(): Promise<BenchmarkResult> {
      const workspace = mkdtempSync(join(tmpdir(), 'order-pipeline-cold-start-'));
      const dynamodb = await startDynamoDb();
      try {
        const assemblyDirectory = join(workspace, 'cdk.out');
        synthesize(assemblyDirectory, {});
        const environment = localEnvironment({
          sqsEndpoint: UNUSED_SQS_ENDPOINT,
          dynamodbEndpoint: dynamodb.endpoint,
        });
        const stack = localStackDefinition(
          readCloudAssembly(assemblyDirectory).stack(STACK_NAME),
          environment,
        );
        await dynamodb.createTables(stack.tables);
        const processOrders = stack.functions.find(
          (fn) => fn.functionName === stack.outputs.ProcessOrdersFunctionName,
        );
        if (processOrders === undefined) throw new Error('the stack has no ProcessOrders function');
        const ordersQueueArn = stack.queues.find((queue) => queue.queueUrl === stack.outputs.OrdersQueueUrl)
          ?.queueArn as string;

        const lectureDirectory = join(workspace, 'lecture-style');
        mkdirSync(lectureDirectory);
        // `index.handler`: the file `index.js` exports `handler`, for both handlers.
        const [handlerFile] = processOrders.handler.split('.');
        const pipelineBundle = join(processOrders.codeDirectory, `${handlerFile}.js`);
        const bundles: Record<HandlerKind, string> = {
          pipeline: pipelineBundle,
          pipelineWithoutSourceMaps: pipelineBundle,
          lecture: bundleLikePipelineFunction(
            join(BENCH_DIRECTORY, 'lecture-style', 'process-orders.ts'),
            lectureDirectory,
          ),
        };
        const childScript = join(workspace, 'cold-start-child.js');
        buildSync({
          entryPoints: [join(BENCH_DIRECTORY, 'cold-start-child.ts')],
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          outfile: childScript,
          logLevel: 'error',
        });
        // The pipeline's and the lecture's handlers run with the function's environment from the
        // template (NODE_OPTIONS included), so they differ in their code only.
        const templateEnvironment = functionEnvironment(processOrders, environment, 'cold-start');
        const { NODE_OPTIONS: _sourceMaps, ...withoutSourceMaps } = templateEnvironment;
        const environments: Record<HandlerKind, Record<string, string>> = {
          pipeline: templateEnvironment,
          pipelineWithoutSourceMaps: withoutSourceMaps,
          lecture: templateEnvironment,
        };

        const samples: Record<HandlerKind, (ColdStartSample & { wallMs: number })[]> = {
          pipeline: [],
          pipelineWithoutSourceMaps: [],
          lecture: [],
        };
        // Taking turns, so every handler meets the same machine load.
        for (let round = 0; round < processes; round++) {
          for (const kind of KINDS) {
            const eventFile = join(workspace, `event-${kind}-${round}.json`);
            const event = sqsEventOf(freshOrders(BATCH_SIZE), ordersQueueArn, environment.region);
            writeFileSync(eventFile, JSON.stringify(event));
            const sample = await runFreshProcess(childScript, bundles[kind], eventFile, environments[kind]);
            assertWholeBatchHandled(kind, sample.response);
            samples[kind].push(sample);
          }
        }
        const stored = await countItems(dynamodb.client, processOrders.environment.ORDERS_TABLE_NAME);
        const expected = KINDS.length * processes * BATCH_SIZE;
        if (stored !== expected) {
          throw new Error(`expected ${expected} orders in the table after the runs, found ${stored}`);
        }

        const figures = {} as Record<HandlerKind, HandlerFigures>;
        for (const kind of KINDS) {
          const runs = samples[kind];
          figures[kind] = {
            coldStartMs: summarize(runs.map((run) => run.initMs + run.firstBatchMs)),
            initMs: summarize(runs.map((run) => run.initMs)),
            firstBatchMs: summarize(runs.map((run) => run.firstBatchMs)),
            processWallMs: summarize(runs.map((run) => run.wallMs)),
            nodeBootMs: summarize(runs.map((run) => run.nodeBootMs)),
            bundleBytes: statSync(bundles[kind]).size,
          };
        }
        return report(figures, processes);
      } finally {
        await dynamodb.stop();
        rmSync(workspace, { recursive: true, force: true });
      }
    },
  };
}

/** The pipeline's handler reports no failed record; the lecture's throws on any, so it returns nothing. */
function assertWholeBatchHandled(kind: HandlerKind, response: unknown): void {
  const failures = (response as { batchItemFailures?: unknown[] } | null)?.batchItemFailures ?? [];
  if (failures.length > 0) {
    throw new Error(`${LABELS[kind]} failed records of its first batch: ${JSON.stringify(failures)}`);
  }
}

/** Items in a table, counted page by page. */
async function countItems(client: DynamoDBClient, tableName: string): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return count;
}

function report(figures: Record<HandlerKind, HandlerFigures>, processes: number): BenchmarkResult {
  const rows: BenchmarkRow[] = [];
  const phases: [keyof HandlerFigures, string][] = [
    ['coldStartMs', 'cold start (init + first batch)'],
    ['initMs', 'init: loading the bundle'],
    ['firstBatchMs', 'first batch of 10'],
    ['processWallMs', 'whole process (spawn to answer)'],
  ];
  for (const [phase, label] of phases) {
    for (const kind of KINDS) {
      const spread = figures[kind][phase] as Spread;
      rows.push({
        measure: `${label}, ${LABELS[kind]}`,
        value: Number(spread.median.toFixed(1)),
        unit: 'ms',
        detail: formatSpread(spread),
      });
    }
  }
  const ratiosTo = (kind: HandlerKind) => {
    const ratio = (phase: 'coldStartMs' | 'initMs' | 'firstBatchMs' | 'processWallMs') =>
      figures.lecture[phase].median / figures[kind][phase].median;
    return {
      coldStart: ratio('coldStartMs'),
      init: ratio('initMs'),
      firstBatch: ratio('firstBatchMs'),
      processWall: ratio('processWallMs'),
    };
  };
  const ratios = {
    pipeline: ratiosTo('pipeline'),
    pipelineWithoutSourceMaps: ratiosTo('pipelineWithoutSourceMaps'),
  };
  for (const kind of ['pipeline', 'pipelineWithoutSourceMaps'] as const) {
    const ratio = ratios[kind];
    rows.push({
      measure: `cold start: lecture ÷ ${LABELS[kind]} (target ≥ 5)`,
      value: Number(ratio.coldStart.toFixed(2)),
      unit: '×',
      detail:
        `medians; init ${formatNumber(ratio.init)}×, first batch ${formatNumber(ratio.firstBatch)}×, ` +
        `whole process ${formatNumber(ratio.processWall)}× (that one includes Node.js's own boot, ${formatNumber(figures[kind].nodeBootMs.median)} ms)`,
    });
  }
  for (const kind of ['pipeline', 'lecture'] as const) {
    rows.push({
      measure: `bundle size, ${LABELS[kind]}`,
      value: figures[kind].bundleBytes,
      unit: 'bytes',
      detail: 'index.js, minified',
    });
  }
  return { rows, figures: { processes, batchSize: BATCH_SIZE, ...figures, ratios } };
}
