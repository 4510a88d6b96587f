import { existsSync } from 'node:fs';
import type { InitializeHook, ResolveHook } from 'node:module';

/**
 * What the hooks are told at registration: the URLs of the task root and the layers' folders, of
 * the layers' node_modules folders in search order (each ending in `/`), and of a file in each
 * folder the provided modules are resolved from.
 */
export interface EsmResolveSettings {
  /** The runtime's own packages: exact names (`aws-sdk`) or npm scopes (`@aws-sdk`). */
  readonly packages: readonly string[];
  readonly rootUrls: readonly string[];
  readonly layerUrls: readonly string[];
  readonly searchUrls: readonly string[];
}

/*
 * Module customization hooks (`module.register`) that give an ES module handler its layers' and the
 * runtime's own modules, as `NODE_PATH` and the CommonJS hooks of `module-loading.ts` give them to
 * `require` (Node.js reads no `NODE_PATH` for `import`; Lambda resolves ES module imports from layers
 * since nodejs18.x). A bare specifier from the task root or a layer that Node.js cannot find is
 * looked for in each layer's node_modules folder, later layers first, then, when the runtime provides
 * it, resolved again as if imported from each search path. They run in a hooks thread of the
 * worker's own, so a worker registers them only when its handler is an ES module.
 */

let settings: EsmResolveSettings;

export const initialize: InitializeHook<EsmResolveSettings> = (data) => {
  settings = data;
};

const isProvided = (specifier: string): boolean =>
  settings.packages.some((name) =>
    name.startsWith('@')
      ? specifier.startsWith(`${name}/`)
      : specifier === name || specifier.startsWith(`${name}/`),
  );
const isBare = (specifier: string): boolean => !/^(\.|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
const packageName = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

type NextResolve = Parameters<ResolveHook>[2];
type ResolveContext = Parameters<ResolveHook>[1];

// The first layer folder holding the package: resolved from a file beside that node_modules, so
// Node.js finds it there before any other.
const fromLayers = async (specifier: string, context: ResolveContext, next: NextResolve) => {
  const name = packageName(specifier);
  const folder = settings.layerUrls.find((url) => existsSync(new URL(name, url)));
  return folder === undefined
    ? undefined
    : next(specifier, { ...context, parentURL: new URL('../package.json', folder).href });
};

export const resolve: ResolveHook = async (specifier, context, next) => {
  try {
    return await next(specifier, context);
  } catch (error) {
    const parentURL = context.parentURL;
    const fromSandbox =
      typeof parentURL === 'string' && settings.rootUrls.some((url) => parentURL.startsWith(url));
    const code = (error as { code?: unknown }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' || !fromSandbox || !isBare(specifier)) throw error;
    const layered = await fromLayers(specifier, context, next);
    if (layered !== undefined) return layered;
    if (!isProvided(specifier)) throw error;
    for (const searchUrl of settings.searchUrls) {
      try {
        return await next(specifier, { ...context, parentURL: searchUrl });
      } catch {}
    }
    throw error;
  }
};
