import { ESM_RESOLVE_HOOKS_SOURCE } from './bootstrap-esm-hooks';

/**
 * The part of the worker's code (see {@link RUNTIME_BOOTSTRAP_SOURCE}) that loads modules as
 * Lambda's Node.js runtime does, where the asset folder is the whole task root (`/var/task`):
 *
 * - Nothing above the task root counts. Its `.js` files are CommonJS unless a package.json inside
 *   it says `"type": "module"`, even when a folder above `cdk.out` has one that does (Node.js would
 *   read that one); bare module names are looked up only in the task root's node_modules.
 * - The runtime's own modules come after the asset's: `@aws-sdk/*` and `@smithy/*` from nodejs18.x,
 *   `aws-sdk` (v2) before, resolved from `workerData.providedModules.searchPaths`. A v2 SDK is
 *   pointed at the local services in code, as it reads no `AWS_ENDPOINT_URL_*` variable.
 * - The function's layers come between the two, as Lambda's `NODE_PATH` puts `/opt` there:
 *   `require` finds them through the `NODE_PATH` the instance's environment sets
 *   (`workerData.layers.modulePaths`), an ES module's `import` through the resolve hooks. Each
 *   layer's folder counts as a root as the task root does: its modules find their own packages, the
 *   layers' and the runtime's, never a folder above it.
 *
 * The CommonJS side is done with `Module` hooks rather than files written into the user's
 * `cdk.out` (a package.json there would work too, but would change their assembly).
 * An ES module handler gets the provided modules through {@link ESM_RESOLVE_HOOKS_SOURCE}; the
 * modules it imports otherwise follow Node.js's own rules (a folder above the task root still counts).
 *
 * Expects `workerData`, `existsSync`, `join`, `pathToFileURL` and `namedError` in scope; defines
 * `importHandlerModule(file)`.
 */
export const MODULE_LOADING_SOURCE = `
const ESM_RESOLVE_HOOKS = ${JSON.stringify(ESM_RESOLVE_HOOKS_SOURCE)};
const Module = require('node:module');
const { readFileSync, realpathSync } = require('node:fs');
const { dirname, sep } = require('node:path');

// Node.js names loaded files by their real path; a missing folder is reported when the handler is looked for.
const taskRoot = existsSync(workerData.codeDirectory) ? realpathSync(workerData.codeDirectory) : workerData.codeDirectory;
const insideTaskRoot = (file) => file === taskRoot || file.startsWith(taskRoot + sep);
// Lambda extracts layers into /opt, above which nothing is either.
const layerRoots = workerData.layers.directories.filter((path) => existsSync(path)).map((path) => realpathSync(path));
const insideSandbox = (file) => insideTaskRoot(file) || layerRoots.some((root) => file === root || file.startsWith(root + sep));

// The package scope of a folder in the task root, as Node.js finds it but stopping at the task root.
const scopeTypes = new Map();
const packageScopeType = (directory) => {
  if (scopeTypes.has(directory)) return scopeTypes.get(directory);
  const manifest = join(directory, 'package.json');
  let type = 'commonjs';
  if (existsSync(manifest)) {
    try {
      type = JSON.parse(readFileSync(manifest, 'utf8')).type === 'module' ? 'module' : 'commonjs';
    } catch {}
  } else if (directory !== taskRoot && insideTaskRoot(dirname(directory))) type = packageScopeType(dirname(directory));
  scopeTypes.set(directory, type);
  return type;
};
const loadsAsModule = (file) => file.endsWith('.mjs') || (file.endsWith('.js') && packageScopeType(dirname(file)) === 'module');

const nodeModulePaths = Module._nodeModulePaths;
Module._nodeModulePaths = function (from) {
  const paths = nodeModulePaths.call(this, from);
  if (insideTaskRoot(from)) return paths.filter((path) => insideTaskRoot(path));
  const layerRoot = layerRoots.find((root) => from === root || from.startsWith(root + sep));
  return layerRoot === undefined ? paths : paths.filter((path) => path.startsWith(layerRoot + sep));
};

const compileJs = Module._extensions['.js'];
Module._extensions['.js'] = function (module, filename) {
  if (!insideTaskRoot(filename) || !filename.endsWith('.js') || loadsAsModule(filename)) return compileJs.call(this, module, filename);
  // The third argument keeps Node.js 22+ from detecting ES module syntax in a CommonJS scope.
  module._compile(readFileSync(filename, 'utf8'), filename, 'commonjs');
};

const provided = workerData.providedModules;
const providedPackage = (request) => {
  for (const name of provided.packages) {
    if (name.startsWith('@') ? request.startsWith(name + '/') : request === name || request.startsWith(name + '/')) {
      return request.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');
    }
  }
  return undefined;
};

const missingProvidedModule = (request, name) =>
  namedError(
    'Runtime.ImportModuleError',
    "Error: Cannot find module '" + request + "': Lambda's " + provided.runtime + ' runtime provides ' + name +
      ', but the local cloud found it neither in the asset nor from ' + provided.searchPaths.join(', ') +
      '. Add it to your app: ' + provided.installHint.replace('<package>', name),
  );

const configuredSdkV2 = new Set();
const configureSdkV2 = (filename, request) => {
  if (request !== 'aws-sdk' && !request.startsWith('aws-sdk/')) return filename;
  const marker = sep + 'aws-sdk' + sep;
  const root = filename.slice(0, filename.lastIndexOf(marker) + marker.length);
  if (configuredSdkV2.has(root)) return filename;
  configuredSdkV2.add(root);
  // Service-specific settings (AWS.config.sqs, ...) apply to every client the v2 SDK makes later.
  require(join(root, 'global.js')).config.update(provided.sdkV2Endpoints, true);
  return filename;
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  try {
    return configureSdkV2(resolveFilename.call(this, request, parent, isMain, options), request);
  } catch (error) {
    const name = providedPackage(request);
    const fromTaskRoot = parent != null && typeof parent.filename === 'string' && insideSandbox(parent.filename);
    if (error.code !== 'MODULE_NOT_FOUND' || name === undefined || !fromTaskRoot) throw error;
    let filename;
    try {
      filename = require.resolve(request, { paths: provided.searchPaths });
    } catch {
      throw missingProvidedModule(request, name);
    }
    return configureSdkV2(filename, request);
  }
};

const registerEsmHooks = () => {
  const searchUrls = provided.searchPaths.map((path) => pathToFileURL(join(path, 'package.json')).href);
  const rootUrls = [taskRoot, ...layerRoots].map((root) => pathToFileURL(root + sep).href);
  const layerUrls = workerData.layers.modulePaths.map((path) => pathToFileURL(path + sep).href);
  const data = { packages: provided.packages, rootUrls, layerUrls, searchUrls };
  // Node.js 20.6 brought module.register; before it, an ES module handler finds what Node.js finds.
  if (typeof Module.register === 'function') Module.register('data:text/javascript,' + encodeURIComponent(ESM_RESOLVE_HOOKS), { data });
};

async function importHandlerModule(file) {
  try {
    if (!loadsAsModule(file)) return require(file);
    registerEsmHooks();
    return await import(pathToFileURL(file).href);
  } catch (error) {
    if (error instanceof SyntaxError) throw namedError('Runtime.UserCodeSyntaxError', String(error));
    if (error && error.code === 'ERR_MODULE_NOT_FOUND') {
      const specifier = (/Cannot find (?:package|module) '([^']+)'/.exec(error.message) || [])[1];
      const name = specifier === undefined ? undefined : providedPackage(specifier);
      if (name !== undefined) throw missingProvidedModule(name, name);
    }
    if (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND')) {
      throw namedError('Runtime.ImportModuleError', String(error));
    }
    throw error;
  }
}
`;
