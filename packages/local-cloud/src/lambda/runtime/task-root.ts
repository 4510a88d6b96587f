import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { bootstrap } from './worker-port';

// Node.js names loaded files by their real path; a missing folder is reported when the handler is looked for.
/** The asset folder, Lambda's `/var/task`: nothing above it counts. */
export const taskRoot = existsSync(bootstrap.codeDirectory)
  ? realpathSync(bootstrap.codeDirectory)
  : bootstrap.codeDirectory;

/** The layers' folders, Lambda's `/opt`, above which nothing counts either. */
export const layerRoots = bootstrap.layers.directories
  .filter((path) => existsSync(path))
  .map((path) => realpathSync(path));

/** `file` is the task root or inside it. */
export function insideTaskRoot(file: string): boolean {
  return file === taskRoot || file.startsWith(taskRoot + sep);
}

/** The layer folder `file` is in, if any. */
export function layerRootOf(file: string): string | undefined {
  return layerRoots.find((root) => file === root || file.startsWith(root + sep));
}

/** `file` is in the task root or in a layer: the function's own code. */
export function insideSandbox(file: string): boolean {
  return insideTaskRoot(file) || layerRootOf(file) !== undefined;
}

const scopeTypes = new Map<string, 'module' | 'commonjs'>();

// The package scope of a folder in the task root, as Node.js finds it but stopping at the task root.
function packageScopeType(directory: string): 'module' | 'commonjs' {
  const known = scopeTypes.get(directory);
  if (known !== undefined) return known;
  const manifest = join(directory, 'package.json');
  let type: 'module' | 'commonjs' = 'commonjs';
  if (existsSync(manifest)) {
    try {
      type = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
    } catch {}
  } else if (directory !== taskRoot && insideTaskRoot(dirname(directory))) {
    type = packageScopeType(dirname(directory));
  }
  scopeTypes.set(directory, type);
  return type;
}

/**
 * `file` is an ES module by Lambda's rules: `.mjs`, or `.js` under a package.json inside the task
 * root that says `"type": "module"` (one above the task root, which Node.js would read, does not count).
 */
export function loadsAsModule(file: string): boolean {
  return file.endsWith('.mjs') || (file.endsWith('.js') && packageScopeType(dirname(file)) === 'module');
}
