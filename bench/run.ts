import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { Benchmark, BenchmarkResult } from './benchmark';
import { pipelineThroughput } from './pipeline-throughput';
import { sdkClientCeiling } from './sdk-client-ceiling';
import { sqsThroughput } from './sqs-throughput';

/** Every benchmark, in the order they run. */
const BENCHMARKS: readonly Benchmark[] = [sqsThroughput, sdkClientCeiling, pipelineThroughput];

const USAGE = `Usage: npm run bench -- [--only NAME] [--json FILE]

  --only NAME   run only this benchmark (${BENCHMARKS.map((benchmark) => benchmark.name).join(', ')})
  --json FILE   also write the figures as JSON to FILE
`;

function parseArguments(argv: readonly string[]): { only?: string; json?: string } {
  const options: { only?: string; json?: string } = {};
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (flag !== '--only' && flag !== '--json') throw new Error(`unknown option ${flag}`);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--only') options.only = value;
    else options.json = value;
  }
  if (options.only !== undefined && !BENCHMARKS.some((benchmark) => benchmark.name === options.only)) {
    throw new Error(`no benchmark named ${options.only}`);
  }
  return options;
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
  let options: { only?: string; json?: string };
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const conditions = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
  process.stdout.write(
    `node ${conditions.node}, ${conditions.cpus} CPUs (${conditions.cpuModel}), load average ${conditions.loadAverageAtStart.join(' ')}\n`,
  );
  const figures: Record<string, unknown> = { conditions };
  for (const benchmark of BENCHMARKS.filter(
    (candidate) => options.only === undefined || candidate.name === options.only,
  )) {
    const result = await benchmark.run();
    printTable(benchmark, result);
    figures[benchmark.name] = result.figures;
  }
  if (options.json !== undefined) writeFileSync(options.json, `${JSON.stringify(figures, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
