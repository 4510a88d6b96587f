import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * A TypeScript script that a test runs as a child process (a cloud to kill -9, a command line),
 * bundled with esbuild into one file plain `node` runs. Starting it costs a fraction of what
 * ts-node costs, which compiles every file of the script, the local cloud's included, at each
 * start: on a 2-core machine, seconds of CPU per child process.
 */

const bundles = new Map<string, Promise<string>>();

/** Packages load from node_modules as usual; `local-cloud` is bundled, since it ships TypeScript. */
const packagesStayExternal: Plugin = {
  name: 'packages-stay-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path }) =>
      path === 'local-cloud' || path.startsWith('local-cloud/') ? undefined : { path, external: true },
    );
  },
};

/**
 * Each source file keeps its own `__dirname` and `__filename`, as under ts-node: code that finds
 * files next to its source (the Lambda runtime's, the console's page, a repository's root) finds
 * them from the bundle too.
 */
const sourceLocationsKept: Plugin = {
  name: 'source-locations-kept',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8')
        .replace(/\b__dirname\b/g, JSON.stringify(dirname(path)))
        .replace(/\b__filename\b/g, JSON.stringify(path)),
      loader: 'ts',
    }));
  },
};

/**
 * The path of `entry` bundled for `node` (CommonJS, Node 20, inline source map), made once per
 * process and entry.
 *
 * @param entry a TypeScript file that runs when loaded
 * @example
 * spawn(process.execPath, [await bundledScript(join(__dirname, 'pipeline-process.ts')), ...args]);
 */
export function bundledScript(entry: string): Promise<string> {
  let bundle = bundles.get(entry);
  if (bundle === undefined) {
    bundle = writeBundle(entry);
    bundles.set(entry, bundle);
  }
  return bundle;
}

async function writeBundle(entry: string): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    write: false,
    logLevel: 'warning',
    plugins: [packagesStayExternal, sourceLocationsKept],
  });
  const contents = outputFiles[0]?.contents ?? new Uint8Array();
  // Named by its content: runs of unchanged sources share one file instead of piling up copies.
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const cache = join(nodeModulesOf(entry), '.cache', 'bundled-scripts');
  const path = join(cache, `${basename(entry, '.ts')}-${hash}.js`);
  if (existsSync(path)) return path;
  mkdirSync(cache, { recursive: true });
  // Written aside, then renamed: a process that starts it meanwhile never loads half a file.
  const partial = `${path}.${process.pid}`;
  writeFileSync(partial, contents);
  renameSync(partial, path);
  return path;
}

/**
 * The `node_modules` nearest to `entry`: the bundle is written below it, so that the packages it
 * leaves external load from there, as they do for the source.
 */
function nodeModulesOf(entry: string): string {
  for (let folder = dirname(entry); ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules');
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder)
      throw new Error(`no node_modules above ${entry}: its packages could not load`);
  }
}
