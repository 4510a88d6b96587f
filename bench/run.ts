import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  type CommandLine,
  type HELP,
  numberOption,
  parseCommandLine,
  resolveCommandLine,
  UsageError,
} from 'local-cloud';
import type { Benchmark, BenchmarkResult } from './benchmark';
import { createColdStartBenchmark } from './cold-start';
import { CONSOLE_BENCH_ORDERS, createConsoleBenchmark } from './console';
import { consoleTimelineBenchmark } from './console-timeline';
import { createDevLoopBenchmark } from './dev-loop';
import { createEndToEndBenchmark, E2E_DEFAULT_ORDERS } from './e2e';
import { createPerOrderBenchmark } from './per-order';
import { pipelineThroughput } from './pipeline-throughput';
import { createProducerBenchmark } from './producer';
import { sdkClientCeiling } from './sdk-client-ceiling';
import { snsBenchmark } from './sns';
import { sqsBaseline } from './sqs-baseline';
import { sqsThroughput } from './sqs-throughput';
import { startupBenchmark } from './startup';

/** What `npm run bench -- …` was asked for. */
export interface BenchOptions {
  /** Run only the benchmark with this name. @default - all of them */
  readonly only?: string;
  /** Also write every figure, with versions and conditions, to this JSON file. */
  readonly json?: string;
  /**
   * Orders each run of 'e2e' and 'console' sends.
   * @default - E2E_DEFAULT_ORDERS for 'e2e', CONSOLE_BENCH_ORDERS for 'console'
   */
  readonly orders?: number;
  /** Profile the end-to-end run (every thread) into this folder. @default - not profiled */
  readonly profile?: string;
}

/** The names `--only` accepts, in the order a full run takes them. */
const BENCHMARK_NAMES = [
  'sqs',
  'sqs-baseline',
  'sdk-ceiling',
  'pipeline',
  'cold-start',
  'per-order',
  'producer',
  'e2e',
  'startup',
  'sns',
  'console',
  'console-timeline',
  'dev-loop',
] as const;

const USAGE = `Usage: npm run bench -- [--only NAME] [--json FILE] [--orders N] [--profile DIR]

  --only NAME   run only this benchmark (${BENCHMARK_NAMES.join(', ')});
                'dev-loop' alone also times 'npm run test:unit' and 'npm test'
  --json FILE   also write every figure, with versions and conditions, as JSON to FILE
  --orders N    orders per run of 'e2e' (default ${E2E_DEFAULT_ORDERS.toLocaleString('en-US')}; fewer for a quick run)
                and of 'console' (default ${CONSOLE_BENCH_ORDERS.toLocaleString('en-US')})
  --profile DIR CPU-profile 'e2e' in every thread (main and Lambda workers) into DIR, and
                name the top costs
  -h, --help    this text
`;

const OPTIONS = {
  only: { type: 'string' },
  json: { type: 'string' },
  orders: { type: 'string' },
  profile: { type: 'string' },
} as const;

/** `npm run bench`'s command line. */
export const BENCH_COMMAND_LINE: CommandLine<typeof OPTIONS> = {
  command: 'npm run bench',
  usage: USAGE,
  options: OPTIONS,
};

/**
 * Parses the arguments after `npm run bench --`.
 *
 * @throws UsageError for an unknown option, a missing value, an unknown benchmark name or an
 *   order count that is not a whole number from 1 to 100,000.
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | typeof HELP {
  return parseCommandLine(BENCH_COMMAND_LINE, argv, ({ values }) => {
    const { only, json, profile } = values;
    if (only !== undefined && !(BENCHMARK_NAMES as readonly string[]).includes(only)) {
      throw new UsageError(`no benchmark named ${only} (there are ${BENCHMARK_NAMES.join(', ')})`);
    }
    const orders = numberOption('--orders', values.orders, {
      min: 1,
      max: E2E_DEFAULT_ORDERS,
      integer: true,
    });
    return { only, json, orders, profile };
  });
}

/** Every benchmark, in the order they run, set up for these options. */
function benchmarks(options: BenchOptions): Benchmark[] {
  return [
    sqsThroughput,
    sqsBaseline,
    sdkClientCeiling,
    pipelineThroughput,
    createColdStartBenchmark(),
    createPerOrderBenchmark(),
    createProducerBenchmark(),
    createEndToEndBenchmark({
      orders: options.orders ?? E2E_DEFAULT_ORDERS,
      profileDirectory: options.profile,
    }),
    startupBenchmark,
    snsBenchmark,
    createConsoleBenchmark(options.orders),
    consoleTimelineBenchmark,
    // npm test takes minutes and loads both cores: timed only when asked for by name.
    createDevLoopBenchmark({ timeNpmTest: options.only === 'dev-loop' }),
  ];
}

const REPOSITORY = join(__dirname, '..');

/** The installed version of a package, as its own package.json states it. */
function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(join(REPOSITORY, 'node_modules', name, 'package.json'), 'utf8'));
    return String(manifest.version);
  } catch {
    return 'not installed';
  }
}

function printTable(benchmark: Benchmark, result: BenchmarkResult): void {
  const header = ['measure', 'value', 'unit', 'detail'];
  const lines = result.rows.map((row) => [row.measure, String(row.value), row.unit, row.detail]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const format = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === 1 ? cell.padStart(widths[column]) : cell.padEnd(widths[column])))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${benchmark.name}: ${benchmark.description}\n`);
  process.stdout.write(`${format(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
}

async function main(): Promise<void> {
  // The figures state the Node.js version; the SDK's warning about it would bury them.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const commandLine = resolveCommandLine(BENCH_COMMAND_LINE, () => parseBenchOptions(process.argv.slice(2)));
  if ('exitCode' in commandLine) {
    process.exitCode = commandLine.exitCode;
    return;
  }
  const { options } = commandLine;
  const conditions = {
    date: new Date().toISOString(),
    node: process.version,
    versions: {
      'aws-cdk-lib': installedVersion('aws-cdk-lib'),
      'aws-cdk (CLI)': installedVersion('aws-cdk'),
      '@aws-sdk/client-sqs': installedVersion('@aws-sdk/client-sqs'),
      '@aws-sdk/client-dynamodb': installedVersion('@aws-sdk/client-dynamodb'),
      esbuild: installedVersion('esbuild'),
      ajv: installedVersion('ajv'),
      dynalite: installedVersion('dynalite'),
    },
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
  process.stdout.write(
    `node ${conditions.node}, ${conditions.cpus} CPUs (${conditions.cpuModel}), load average ${conditions.loadAverageAtStart.join(' ')}\n` +
      `${Object.entries(conditions.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ')}\n`,
  );
  const figures: Record<string, unknown> = { conditions };
  for (const benchmark of benchmarks(options).filter(
    (candidate) => options.only === undefined || candidate.name === options.only,
  )) {
    const loadAverageAtStart = loadavg()[0];
    const result = await benchmark.run();
    printTable(benchmark, result);
    figures[benchmark.name] = { loadAverageAtStart, ...result.figures };
    // Written after each benchmark, so a long run that fails late keeps what it measured.
    if (options.json !== undefined) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
