import { join, sep } from 'node:path';
import { namedError } from './lambda-error';
import { bootstrap } from './worker-port';

const provided = bootstrap.providedModules;

/** The runtime's package `request` names (`@aws-sdk/client-sqs` for `@aws-sdk/client-sqs/dist/x`), if it provides one. */
export function providedPackage(request: string): string | undefined {
  for (const name of provided.packages) {
    if (
      name.startsWith('@')
        ? request.startsWith(`${name}/`)
        : request === name || request.startsWith(`${name}/`)
    ) {
      return request
        .split('/')
        .slice(0, name.startsWith('@') ? 2 : 1)
        .join('/');
    }
  }
  return undefined;
}

/** The error for a module the runtime provides but the local cloud cannot find, with how to add it. */
export function missingProvidedModule(request: string, name: string): Error {
  return namedError(
    'Runtime.ImportModuleError',
    `Error: Cannot find module '${request}': Lambda's ${provided.runtime} runtime provides ${name}, ` +
      `but the local cloud found it neither in the asset nor from ${provided.searchPaths.join(', ')}. ` +
      `Add it to your app: ${provided.installHint.replace('<package>', name)}`,
  );
}

/** Resolves one of the runtime's own modules from its search paths; undefined when none has it. */
export function resolveProvided(request: string): string | undefined {
  try {
    return require.resolve(request, { paths: [...provided.searchPaths] });
  } catch {
    return undefined;
  }
}

const configuredSdkV2 = new Set<string>();

/**
 * Points a v2 SDK at the local services the first time it is resolved (it reads no
 * `AWS_ENDPOINT_URL_*` variable); returns `filename` unchanged.
 */
export function configureSdkV2(filename: string, request: string): string {
  if (request !== 'aws-sdk' && !request.startsWith('aws-sdk/')) return filename;
  const marker = `${sep}aws-sdk${sep}`;
  const root = filename.slice(0, filename.lastIndexOf(marker) + marker.length);
  if (configuredSdkV2.has(root)) return filename;
  configuredSdkV2.add(root);
  // Service-specific settings (AWS.config.sqs, ...) apply to every client the v2 SDK makes later.
  require(join(root, 'global.js')).config.update(provided.sdkV2Endpoints, true);
  return filename;
}
