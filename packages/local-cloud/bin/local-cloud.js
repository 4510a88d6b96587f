#!/usr/bin/env node
// The package ships its TypeScript sources (a workspace of this repository, not a build). The first
// run after a change bundles the CLI with esbuild into a cache next to them (a fraction of a second);
// later runs load that bundle, which starts several times faster than compiling with ts-node.
// Dependencies stay external: they load from node_modules as usual.
const { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const PACKAGE_ROOT = join(__dirname, '..');
const SOURCES = join(PACKAGE_ROOT, 'src');
const BUNDLE = join(PACKAGE_ROOT, 'node_modules', '.cache', 'local-cloud', 'cli.js');

/** The newest modification time of the sources, in ms. */
function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestSource(SOURCES)) {
  const { outputFiles } = require('esbuild').buildSync({
    entryPoints: [join(SOURCES, 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    write: false,
    logLevel: 'warning',
    // The Lambda runtime and the console's page are bundled apart, from their sources, at run time:
    // say where they are.
    define: {
      LOCAL_CLOUD_RUNTIME_FOLDER: JSON.stringify(join(SOURCES, 'lambda', 'runtime')),
      LOCAL_CLOUD_CONSOLE_UI_FOLDER: JSON.stringify(join(SOURCES, 'console', 'ui')),
    },
  });
  mkdirSync(join(BUNDLE, '..'), { recursive: true });
  // Written aside, then renamed: two first runs at once never load a half-written bundle.
  const partial = `${BUNDLE}.${process.pid}`;
  writeFileSync(partial, outputFiles[0].contents);
  renameSync(partial, BUNDLE);
}
require(BUNDLE).runAsProcess();
