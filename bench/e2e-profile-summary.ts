import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CpuProfile } from './e2e-profiler';

/** Self time of one function or module across the profiles, in milliseconds. */
export interface SelfTime {
  readonly name: string;
  readonly selfMs: number;
  /** Share of all sampled time, idle excluded. */
  readonly share: number;
}

/** Where a sample's time went, by module (package or folder) and by function. */
export interface ProfileSummary {
  /** Sampled time in all threads, idle excluded, in milliseconds. */
  readonly busyMs: number;
  readonly byModule: SelfTime[];
  readonly byFunction: SelfTime[];
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
 * packages keep their scope), the repository folder otherwise (`local/sqs`, `lambdas/process-orders`),
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
  const folder = /(?:^|\/)(local|lambdas|shared|bench|lib)\/([^/]+)/.exec(path);
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
      functions.set(name, (functions.get(name) ?? 0) + ms);
    }
  }
  const ranked = (totals: Map<string, number>): SelfTime[] =>
    [...totals]
      .sort(([, left], [, right]) => right - left)
      .slice(0, top)
      .map(([name, selfMs]) => ({ name, selfMs, share: busyMs > 0 ? selfMs / busyMs : 0 }));
  return { busyMs, byModule: ranked(modules), byFunction: ranked(functions) };
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
