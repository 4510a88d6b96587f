import { join } from 'node:path';
import { type BuildOptions, build, buildSync } from 'esbuild';

/*
 * The code each worker runs is `runtime/bootstrap.ts` and what it imports, bundled by esbuild once
 * per process into a string for `new Worker(source, { eval: true })`. The runtime is TypeScript so
 * that tsc and Biome check it. It is bundled rather than started as a file because a worker started
 * on a `.ts` file needs a TypeScript loader, which the function's own code would then see and
 * Lambda's runtime does not have; bundling works the same under ts-node, jest and a build. It reads
 * the files from disk, so a coverage tool's counters never reach the worker. A compiled build must
 * ship `runtime/` as TypeScript: tsc would turn its `import()` into `require` and its hooks module
 * into CommonJS.
 */

/**
 * Set by `bin/local-cloud.js` when it bundles the command line into a cache folder, where
 * `__dirname` is that folder and no longer the one beside this file.
 */
declare const LOCAL_CLOUD_RUNTIME_FOLDER: string | undefined;

/** The folder of the code the worker runs, `runtime/bootstrap.ts` and the modules it imports. */
const RUNTIME_FOLDER =
  typeof LOCAL_CLOUD_RUNTIME_FOLDER === 'string' ? LOCAL_CLOUD_RUNTIME_FOLDER : join(__dirname, 'runtime');

let bootstrapSource: string | undefined;
let preparing: Promise<string> | undefined;

/**
 * Bundles the runtime without blocking the event loop, so that the first instance does not: a
 * synchronous bundle stops every timer, poller and server of the process for a few hundred
 * milliseconds, seconds of cloud time under a time scale.
 */
export async function prepareRuntimeBootstrap(): Promise<void> {
  preparing ??= (async () => {
    const hooks = (await build(hooksOptions())).outputFiles[0].text;
    return wrap((await build(runtimeOptions(hooks))).outputFiles[0].text);
  })();
  const source = await preparing;
  bootstrapSource ??= source;
}

/** The code each worker runs; bundled now, synchronously, unless {@link prepareRuntimeBootstrap} has run. */
export function runtimeBootstrapSource(): string {
  if (bootstrapSource === undefined) {
    const hooks = buildSync(hooksOptions()).outputFiles[0].text;
    bootstrapSource = wrap(buildSync(runtimeOptions(hooks)).outputFiles[0].text);
  }
  return bootstrapSource;
}

// Eval'd code's top-level names would be globals, seen by the function's code: the bundle runs in a
// function's scope, with Node.js's `require` as its own before the bootstrap removes the global one.
function wrap(runtime: string): string {
  return `((require) => {\n${runtime}\n})(require);\n`;
}

/** The ESM resolve hooks, an ES module of their own: `module.register` loads them in a hooks thread. */
function hooksOptions(): BuildOptions & { write: false } {
  return bundleOptions('esm-resolve-hooks', 'esm', {});
}

/** The bootstrap, with the hooks' code put in for `ESM_RESOLVE_HOOKS_SOURCE`. */
function runtimeOptions(esmResolveHooks: string): BuildOptions & { write: false } {
  return bundleOptions('bootstrap', 'cjs', { ESM_RESOLVE_HOOKS_SOURCE: JSON.stringify(esmResolveHooks) });
}

function bundleOptions(
  entry: string,
  format: 'cjs' | 'esm',
  define: Record<string, string>,
): BuildOptions & { write: false } {
  return {
    entryPoints: [join(RUNTIME_FOLDER, entry)],
    bundle: true,
    write: false,
    format,
    platform: 'node',
    target: 'node20',
    define,
    logLevel: 'silent',
  };
}
