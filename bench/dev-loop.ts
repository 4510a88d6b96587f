import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  codeDirectoryOf,
  IntrinsicResolver,
  localEnvironment,
  RESOURCE_TYPES,
  readCloudAssembly,
} from 'local-cloud';
import { STACK_NAME } from '../lib/order-pipeline-app';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { formatSpread, type Spread, summarize } from './stats';

const REPOSITORY = join(__dirname, '..');
const SYNTH_RUNS = 3;
/** A synth that takes longer has hung; npm test gets the time the CI run needs, with room. */
const SYNTH_DEADLINE_MS = 180_000;
const NPM_TEST_DEADLINE_MS = 900_000;
const UNIT_TEST_DEADLINE_MS = 300_000;

/** The bundle of one function of a synthesized stack. */
export interface BundleSize {
  readonly logicalId: string;
  /** Bytes of the asset's `index.js`. */
  readonly bytes: number;
  /** Bytes of its source map, which ships in the same zip. */
  readonly sourceMapBytes: number;
}

/** The size of each function's bundle in a cloud assembly, found as the local cloud finds the code. */
export function bundleSizes(assemblyDirectory: string): BundleSize[] {
  const stack = readCloudAssembly(assemblyDirectory).stack(STACK_NAME);
  // Only code locations are resolved; the endpoints are never contacted.
  const resolver = new IntrinsicResolver(
    stack,
    localEnvironment({ sqsEndpoint: 'http://127.0.0.1:9', dynamodbEndpoint: 'http://127.0.0.1:9' }),
  );
  return stack.resourcesOfType(RESOURCE_TYPES.function).map((fn) => {
    const directory = codeDirectoryOf(stack, resolver, fn);
    const size = (file: string) => {
      try {
        return statSync(join(directory, file)).size;
      } catch {
        return 0;
      }
    };
    return { logicalId: fn.logicalId, bytes: size('index.js'), sourceMapBytes: size('index.js.map') };
  });
}

function round(seconds: number): number {
  return Number(seconds.toFixed(1));
}

/** Runs a command in the repository and resolves with its wall time in seconds; fails if it fails. */
function timeCommand(command: string, args: readonly string[], deadlineMs: number): number {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: REPOSITORY,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: deadlineMs,
    // Jest reports on stderr; past spawnSync's 1 MB default the command would be killed.
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CI: 'true' },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr?.toString().slice(-2000)}`,
    );
  }
  return seconds;
}

/**
 * The developer's loop: the size of each function's bundle, `npx cdk synth -q` wall time (3 runs,
 * into a fresh folder each time, so bundling is never skipped), and, only when asked,
 * `npm run test:unit` and `npm test`.
 */
export function createDevLoopBenchmark(options: { readonly timeNpmTest: boolean }): Benchmark {
  return {
    name: 'dev-loop',
    description: `bundle sizes, npx cdk synth -q (${SYNTH_RUNS} runs), ${
      options.timeNpmTest
        ? 'npm run test:unit and npm test (1 run each)'
        : "npm test not timed (only with '--only dev-loop')"
    }`,
    async run(): Promise<BenchmarkResult> {
      const synthSeconds: number[] = [];
      let sizes: BundleSize[] = [];
      for (let run = 0; run < SYNTH_RUNS; run++) {
        const outdir = mkdtempSync(join(tmpdir(), 'order-pipeline-synth-'));
        try {
          synthSeconds.push(
            timeCommand('npx', ['cdk', 'synth', '-q', '--output', outdir], SYNTH_DEADLINE_MS),
          );
          sizes = bundleSizes(outdir);
        } finally {
          rmSync(outdir, { recursive: true, force: true });
        }
      }
      const synth: Spread = summarize(synthSeconds);
      const rows: BenchmarkRow[] = sizes.map((size) => ({
        measure: `bundle, ${size.logicalId}`,
        value: size.bytes,
        unit: 'bytes',
        detail: `index.js, minified; its source map ${size.sourceMapBytes.toLocaleString('en-US')} bytes`,
      }));
      rows.push({
        measure: 'npx cdk synth -q',
        value: Number(synth.median.toFixed(2)),
        unit: 's',
        detail: `${formatSpread(synth)}; bundling included`,
      });
      const figures: Record<string, unknown> = { bundles: sizes, synthSeconds: synth };
      if (options.timeNpmTest) {
        // The unit project first: run after the full suite, it would find jest's cache warm.
        const unitSeconds = timeCommand('npm', ['run', 'test:unit', '--silent'], UNIT_TEST_DEADLINE_MS);
        const testSeconds = timeCommand('npm', ['test', '--silent'], NPM_TEST_DEADLINE_MS);
        rows.push(
          { measure: 'npm run test:unit', value: round(unitSeconds), unit: 's', detail: 'one run, CI=true' },
          { measure: 'npm test', value: round(testSeconds), unit: 's', detail: 'one run, CI=true' },
        );
        figures.testUnitSeconds = unitSeconds;
        figures.npmTestSeconds = testSeconds;
      } else {
        figures.npmTestSeconds = "not timed: only 'npm run bench -- --only dev-loop' runs it";
      }
      return { rows, figures };
    },
  };
}
