/**
 * Module customization hooks (`module.register`) that give an ES module handler the runtime's own
 * modules, as the CommonJS hooks of {@link MODULE_LOADING_SOURCE} give them to `require`: a bare
 * specifier from the task root that Node.js cannot find, and that the runtime provides, is resolved
 * again as if imported from each search path. They run in a hooks thread of the worker's own, so a
 * worker registers them only when its handler is an ES module.
 *
 * `initialize` receives `{ packages, taskRootUrl, searchUrls }`.
 */
export const ESM_RESOLVE_HOOKS_SOURCE = `
let settings;
export function initialize(data) {
  settings = data;
}
const isProvided = (specifier) =>
  settings.packages.some((name) =>
    name.startsWith('@') ? specifier.startsWith(name + '/') : specifier === name || specifier.startsWith(name + '/'),
  );
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const fromTaskRoot = typeof context.parentURL === 'string' && context.parentURL.startsWith(settings.taskRootUrl);
    if (error.code !== 'ERR_MODULE_NOT_FOUND' || !fromTaskRoot || !isProvided(specifier)) throw error;
    for (const parentURL of settings.searchUrls) {
      try {
        return await next(specifier, { ...context, parentURL });
      } catch {}
    }
    throw error;
  }
}
`;
