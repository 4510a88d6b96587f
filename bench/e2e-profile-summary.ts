import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CpuProfile, MAIN_THREAD_PROFILE } from './e2e-profiler';

/** Self time of one function or module across the profiles, in milliseconds. */
export interface SelfTime {
  readonly name: string;
  readonly selfMs: number;
  /** Share of all sampled time, idle excluded. */
  readonly share: number;
}

/** Where a sample's time went, by kind of cost, by module (package or folder) and by function. */
export interface ProfileSummary {
  /** Sampled time in all threads, idle excluded, in milliseconds. */
  readonly busyMs: number;
  /** By {@link costGroupOf}: the SDK, the emulator, HTTP, module loading, ... */
  readonly byGroup: SelfTime[];
  readonly byModule: SelfTime[];
  readonly byFunction: SelfTime[];
}

/** Packages of dynalite and the LevelDB stack under it (memdown in memory). */
const DYNALITE_PACKAGES =
  /^(dynalite|async|big\.js|buffer-crc32|lazy|lock|once|minimist|memdown|ltgt|catering|module-error|maybe-combine-errors|functional-red-black-tree|queue-microtask|(abstract-|memory-|browser-|classic-)?level[\w-]*)$/;

/**
 * The kind of cost a module stands for, to name the top costs in a few words.
 *
 * @example costGroupOf('@smithy/core') === 'AWS SDK (@smithy, @aws-sdk)'
 */
export function costGroupOf(module: string): string {
  if (/^@(smithy|aws-sdk|aws)\//.test(module)) return 'AWS SDK (@smithy, @aws-sdk)';
  if (DYNALITE_PACKAGES.test(module)) return 'dynalite and LevelDB (memdown)';
  if (/^node:(_http|http|https|net|stream|streams|stream_base_commons|url|dns)/.test(module)) {
    return 'Node.js HTTP, sockets, streams';
  }
  if (
    ['node:modules', 'node:bootstrap', 'node:source_map', 'node:vm'].includes(module) ||
    module.startsWith('bundle')
  ) {
    return 'module loading (compile, module init, source maps)';
  }
  if (module.startsWith('@aws-lambda-powertools/')) return 'Powertools (logger, batch)';
  if (/^(lambdas|shared)(\/|$)/.test(module)) return 'pipeline code (lambdas/, shared/)';
  if (/^local-cloud(\/|$)/.test(module)) return `local cloud code (${module})`;
  return module;
}

/** Finds where a bundled file's code came from, through its source map; undefined when it has none. */
export type SourceLocator = (
  url: string,
  line: number,
  column: number,
) => { source: string; name?: string } | undefined;

const IDLE = new Set(['(idle)', '(root)']);

/**
 * The module a source path belongs to: the npm package for anything under `node_modules` (scoped
 * packages keep their scope), the repository folder otherwise (`local-cloud/sqs` for `packages/local-cloud/src/sqs`, `lambdas/process-orders`),
 * `node:<area>` for Node.js's own code, and V8's pseudo-frames as they are named.
 *
 * @example moduleOf('/repo/node_modules/@smithy/core/dist-cjs/index.js') === '@smithy/core'
 * @example moduleOf('webpack://x/../../lambdas/process-orders/process-order.ts') === 'lambdas/process-orders'
 */
export function moduleOf(path: string, functionName = ''): string {
  if (path === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (path.startsWith('node:')) {
    const parts = path.slice('node:'.length).split('/');
    return `node:${parts[0] === 'internal' ? (parts[1] ?? 'internal').replace(/\.js$/, '') : parts[0]}`;
  }
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.replace(/\\/g, '/'));
  if (packageMatch) {
    const inner = path.lastIndexOf('node_modules/');
    const nested = /^((?:@[^/]+\/)?[^/]+)/.exec(path.slice(inner + 'node_modules/'.length));
    return nested?.[1] ?? packageMatch[1];
  }
  // Bundle code the source map does not cover: esbuild's module wrappers, which run each module's
  // top-level code when the bundle loads.
  if (/(?:^|\/)asset\.[0-9a-f]+\/index\.js$/.test(path)) return 'bundle, unmapped (module wrappers)';
  const localCloud = /(?:^|\/)packages\/local-cloud\/src\/([^/]+)/.exec(path);
  if (localCloud) return localCloud[1].includes('.') ? 'local-cloud' : `local-cloud/${localCloud[1]}`;
  const folder = /(?:^|\/)(tools|lambdas|shared|bench|lib)\/([^/]+)/.exec(path);
  if (folder) return folder[2].includes('.') ? folder[1] : `${folder[1]}/${folder[2]}`;
  return path.split('/').slice(-2).join('/');
}

/**
 * Sums self time per module and per function over CPU profiles. Code inside a bundle is traced
 * back to its source file through `locate`, so a minified Lambda bundle still shows which package
 * the time went to. Idle time is left out.
 */
export function summarizeProfiles(
  profiles: readonly CpuProfile[],
  locate: SourceLocator = () => undefined,
  top = 15,
): ProfileSummary {
  const groups = new Map<string, number>();
  const modules = new Map<string, number>();
  const functions = new Map<string, number>();
  let busyMs = 0;
  for (const profile of profiles) {
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    const selfUs = new Map<number, number>();
    // A sample's time is the gap to the next sample (the last one gets the mean gap).
    const mean = samples.length > 0 ? (profile.endTime - profile.startTime) / samples.length : 0;
    samples.forEach((nodeId, index) => {
      const gap = index + 1 < deltas.length ? deltas[index + 1] : mean;
      selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + Math.max(0, gap));
    });
    for (const node of profile.nodes) {
      const us = selfUs.get(node.id) ?? 0;
      if (us === 0) continue;
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      if (IDLE.has(functionName)) continue;
      const original = url === '' ? undefined : locate(url, lineNumber, columnNumber);
      const path = original?.source ?? url;
      const module = moduleOf(path.startsWith('file://') ? fileURLToPath(path) : path, functionName);
      const name = `${original?.name ?? (functionName || '(anonymous)')} (${module})`;
      const ms = us / 1000;
      busyMs += ms;
      modules.set(module, (modules.get(module) ?? 0) + ms);
      groups.set(costGroupOf(module), (groups.get(costGroupOf(module)) ?? 0) + ms);
      functions.set(name, (functions.get(name) ?? 0) + ms);
    }
  }
  const ranked = (totals: Map<string, number>): SelfTime[] =>
    [...totals]
      .sort(([, left], [, right]) => right - left)
      .slice(0, top)
      .map(([name, selfMs]) => ({ name, selfMs, share: busyMs > 0 ? selfMs / busyMs : 0 }));
  return { busyMs, byGroup: ranked(groups), byModule: ranked(modules), byFunction: ranked(functions) };
}

/**
 * A {@link SourceLocator} over the source maps next to bundled files (`index.js.map`), read once
 * per file; files without one are left as they are.
 */
export function sourceMapLocator(): SourceLocator {
  const maps = new Map<string, SourceMap | undefined>();
  return (url, line, column) => {
    if (!url.endsWith('.js')) return undefined;
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    if (!maps.has(file)) {
      const mapFile = `${file}.map`;
      maps.set(
        file,
        existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : undefined,
      );
    }
    const map = maps.get(file);
    if (map === undefined) return undefined;
    const entry = map.findEntry(line, column) as { originalSource?: string; name?: string };
    return entry.originalSource === undefined
      ? undefined
      : { source: entry.originalSource, name: entry.name };
  };
}

/** Summaries of the profile files a profiled run writes (see e2e-profiler), each file read once. */
export function summarizeThreadProfiles(
  files: readonly string[],
  top = 20,
): Record<'mainThread' | 'lambdaWorkers' | 'allThreads', ProfileSummary> {
  const locate = sourceMapLocator();
  const profiles = files.map((file) => ({
    main: file.endsWith(`${MAIN_THREAD_PROFILE}.cpuprofile`),
    profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile,
  }));
  const summary = (chosen: typeof profiles) =>
    summarizeProfiles(
      chosen.map(({ profile }) => profile),
      locate,
      top,
    );
  return {
    mainThread: summary(profiles.filter(({ main }) => main)),
    lambdaWorkers: summary(profiles.filter(({ main }) => !main)),
    allThreads: summary(profiles),
  };
}

/**
 * `npx ts-node --transpile-only bench/e2e-profile-summary.ts DIR`: the summary of a profiled run
 * again (`npm run bench -- --only e2e --profile DIR` keeps the profiles and the bundles in DIR).
 */
function printSummaries(directory: string): void {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => join(directory, file));
  const summaries = summarizeThreadProfiles(files);
  for (const [label, summary] of [
    ['main thread', summaries.mainThread],
    ['Lambda worker threads', summaries.lambdaWorkers],
  ] as const) {
    process.stdout.write(`\n${label}: ${Math.round(summary.busyMs)} ms sampled busy\n`);
    for (const [title, entries] of [
      ['kind of cost', summary.byGroup],
      ['module', summary.byModule],
      ['function', summary.byFunction],
    ] as const) {
      process.stdout.write(`  by ${title}\n`);
      for (const entry of entries) {
        process.stdout.write(
          `    ${(entry.share * 100).toFixed(1).padStart(5)} %  ${Math.round(entry.selfMs).toString().padStart(7)} ms  ${entry.name}\n`,
        );
      }
    }
  }
}

if (require.main === module) {
  const directory = process.argv[2];
  if (directory === undefined) {
    process.stderr.write('Usage: npx ts-node --transpile-only bench/e2e-profile-summary.ts DIR\n');
    process.exit(2);
  }
  printSummaries(directory);
}
