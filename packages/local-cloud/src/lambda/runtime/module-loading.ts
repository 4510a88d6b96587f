import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EsmResolveSettings } from './esm-resolve-hooks';
import { namedError } from './lambda-error';
import { configureSdkV2, missingProvidedModule, providedPackage, resolveProvided } from './provided-modules';
import { insideSandbox, insideTaskRoot, layerRootOf, layerRoots, loadsAsModule, taskRoot } from './task-root';
import { bootstrap } from './worker-port';

/*
 * Loads modules as Lambda's Node.js runtime does, where the asset folder is the whole task root
 * (`/var/task`):
 *
 * - Nothing above the task root counts. Its `.js` files are CommonJS unless a package.json inside
 *   it says `"type": "module"`, even when a folder above `cdk.out` has one that does (Node.js would
 *   read that one); bare module names are looked up only in the task root's node_modules.
 * - The runtime's own modules come after the asset's: `@aws-sdk/*` and `@smithy/*` from nodejs18.x,
 *   `aws-sdk` (v2) before, resolved from `providedModules.searchPaths`. A v2 SDK is pointed at the
 *   local services in code, as it reads no `AWS_ENDPOINT_URL_*` variable.
 * - The function's layers come between the two, as Lambda's `NODE_PATH` puts `/opt` there:
 *   `require` finds them through the `NODE_PATH` the instance's environment sets
 *   (`layers.modulePaths`), an ES module's `import` through the resolve hooks. Each layer's folder
 *   counts as a root as the task root does: its modules find their own packages, the layers' and
 *   the runtime's, never a folder above it.
 *
 * The CommonJS side is done with `Module` hooks rather than files written into the user's `cdk.out`
 * (a package.json there would work too, but would change their assembly). An ES module handler gets
 * the provided modules through `esm-resolve-hooks.ts`; the modules it imports otherwise follow
 * Node.js's own rules (a folder above the task root still counts).
 */

/** `esm-resolve-hooks.ts` bundled as an ES module, put in by the bundler (see `runtime-bootstrap-source.ts`). */
declare const ESM_RESOLVE_HOOKS_SOURCE: string;

/** The undocumented parts of `Module` that CommonJS loading goes through. */
interface ModuleInternals {
  _nodeModulePaths(this: unknown, from: string): string[];
  _extensions: Record<string, (this: unknown, module: CompiledModule, filename: string) => void>;
  _resolveFilename(
    this: unknown,
    request: string,
    parent: { readonly filename?: unknown } | null | undefined,
    isMain: boolean,
    options: unknown,
  ): string;
}

interface CompiledModule {
  _compile(source: string, filename: string, format?: 'commonjs'): void;
}

const internals = Module as unknown as ModuleInternals;

/** Bare module names from the task root or a layer are looked up only inside it. */
function confineModulePaths(): void {
  const nodeModulePaths = internals._nodeModulePaths;
  internals._nodeModulePaths = function (from) {
    const paths = nodeModulePaths.call(this, from);
    if (insideTaskRoot(from)) return paths.filter((path) => insideTaskRoot(path));
    const layerRoot = layerRootOf(from);
    return layerRoot === undefined ? paths : paths.filter((path) => path.startsWith(layerRoot + sep));
  };
}

/** A `.js` file in the task root is CommonJS unless the task root's own package.json says otherwise. */
function compileTaskRootJsAsCommonJs(): void {
  const compileJs = internals._extensions['.js'];
  internals._extensions['.js'] = function (module, filename) {
    if (!insideTaskRoot(filename) || !filename.endsWith('.js') || loadsAsModule(filename)) {
      compileJs.call(this, module, filename);
      return;
    }
    // The third argument keeps Node.js 22+ from detecting ES module syntax in a CommonJS scope.
    module._compile(readFileSync(filename, 'utf8'), filename, 'commonjs');
  };
}

/** `require` of a module the runtime provides falls back to the runtime's own copy. */
function resolveProvidedModules(): void {
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    try {
      return configureSdkV2(resolveFilename.call(this, request, parent, isMain, options), request);
    } catch (error) {
      const name = providedPackage(request);
      const fromSandbox =
        parent != null && typeof parent.filename === 'string' && insideSandbox(parent.filename);
      if ((error as { code?: unknown }).code !== 'MODULE_NOT_FOUND' || name === undefined || !fromSandbox) {
        throw error;
      }
      const filename = resolveProvided(request);
      if (filename === undefined) throw missingProvidedModule(request, name);
      return configureSdkV2(filename, request);
    }
  };
}

/** Installs the CommonJS side of Lambda's module rules; call once, before the handler loads. */
export function installCommonJsHooks(): void {
  confineModulePaths();
  compileTaskRootJsAsCommonJs();
  resolveProvidedModules();
}

function registerEsmHooks(): void {
  const provided = bootstrap.providedModules;
  const data: EsmResolveSettings = {
    packages: provided.packages,
    rootUrls: [taskRoot, ...layerRoots].map((root) => pathToFileURL(root + sep).href),
    layerUrls: bootstrap.layers.modulePaths.map((path) => pathToFileURL(path + sep).href),
    searchUrls: provided.searchPaths.map((path) => pathToFileURL(join(path, 'package.json')).href),
  };
  // Node.js 20.6 brought module.register; before it, an ES module handler finds what Node.js finds.
  if (typeof Module.register === 'function') {
    Module.register(`data:text/javascript,${encodeURIComponent(ESM_RESOLVE_HOOKS_SOURCE)}`, { data });
  }
}

/** Lambda's error for a handler module that fails to load. */
function importError(error: unknown): unknown {
  if (error instanceof SyntaxError) return namedError('Runtime.UserCodeSyntaxError', String(error));
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code === 'ERR_MODULE_NOT_FOUND') {
    const specifier = /Cannot find (?:package|module) '([^']+)'/.exec(String(message))?.[1];
    const name = specifier === undefined ? undefined : providedPackage(specifier);
    if (name !== undefined) return missingProvidedModule(name, name);
  }
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    return namedError('Runtime.ImportModuleError', String(error));
  }
  return error;
}

/** Loads the handler's module, CommonJS or ES module by Lambda's rules. */
export async function importHandlerModule(file: string): Promise<Record<string, unknown>> {
  try {
    if (!loadsAsModule(file)) return require(file);
    registerEsmHooks();
    return await import(pathToFileURL(file).href);
  } catch (error) {
    throw importError(error);
  }
}
