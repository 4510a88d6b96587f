import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What a Lambda Node.js runtime (`nodejs<major>.x`) gives a function beyond Node.js itself, and
 * which handler signatures it accepts.
 */
export interface NodeRuntimeFeatures {
  /** The template's runtime, such as `nodejs24.x`. */
  readonly runtime: string;
  /**
   * Packages the runtime provides when the asset does not have them: exact names (`aws-sdk`) or
   * npm scopes (`@aws-sdk`, whose packages need `@smithy`'s).
   */
  readonly providedPackages: readonly string[];
  /** How to add a provided package the local cloud cannot find, `<package>` standing for its name. */
  readonly installHint: string;
  /** `handler(event, context, callback)` is accepted: up to nodejs22.x. */
  readonly callbackHandlers: boolean;
}

/** The major Node.js version of a Lambda runtime name; `undefined` when it is not a Node.js runtime. */
export function nodeMajorVersion(runtime: string): number | undefined {
  const match = /^nodejs(\d+)?(?:\.\d+|\.x)?$/.exec(runtime);
  if (match === null) return undefined;
  // `nodejs` alone was Node.js 0.10.
  return match[1] === undefined ? 0 : Number(match[1]);
}

/**
 * The features of a runtime: nodejs18.x and later ship the AWS SDK v3, older ones the SDK v2
 * (`aws-sdk`); nodejs24.x removed callback handlers. A runtime name this does not know is taken
 * as the newest.
 */
export function nodeRuntimeFeatures(runtime: string): NodeRuntimeFeatures {
  const major = nodeMajorVersion(runtime) ?? Number.POSITIVE_INFINITY;
  const sdkV3 = major >= 18;
  return {
    runtime,
    providedPackages: sdkV3 ? ['@aws-sdk', '@smithy'] : ['aws-sdk'],
    installHint: sdkV3
      ? 'npm install --save-dev <package>'
      : 'npm install --save-dev aws-sdk (the AWS SDK v2, which the local cloud does not ship)',
    callbackHandlers: major < 24,
  };
}

/**
 * Where the runtime's own modules are looked for by default: from the local-cloud package's folder,
 * so its own SDK clients and those of the app it is installed in (its node_modules, further up) are found.
 */
export const DEFAULT_RUNTIME_MODULE_PATHS: readonly string[] = [resolve(__dirname, '..', '..')];

/** The AWS SDK v2's identifier of each service whose endpoint variable the local cloud sets. */
const SDK_V2_SERVICE_IDS: Readonly<Record<string, string>> = {
  AWS_ENDPOINT_URL_SQS: 'sqs',
  AWS_ENDPOINT_URL_DYNAMODB: 'dynamodb',
  AWS_ENDPOINT_URL_LAMBDA: 'lambda',
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'cloudwatchlogs',
  AWS_ENDPOINT_URL_CLOUDWATCH: 'cloudwatch',
  AWS_ENDPOINT_URL_CLOUDFORMATION: 'cloudformation',
  AWS_ENDPOINT_URL_SNS: 'sns',
};

/**
 * The AWS SDK v2's service-specific settings that point it where the v3 SDK's
 * `AWS_ENDPOINT_URL_<SERVICE>` variables do: v2 reads none of them.
 *
 * @example
 * sdkV2Endpoints({ AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:9324' }); // { sqs: { endpoint: 'http://127.0.0.1:9324' } }
 */
export function sdkV2Endpoints(
  environment: Readonly<Record<string, string>>,
): Record<string, { endpoint: string }> {
  return Object.fromEntries(
    Object.entries(SDK_V2_SERVICE_IDS)
      .filter(([variable]) => environment[variable] !== undefined)
      .map(([variable, serviceId]) => [serviceId, { endpoint: environment[variable] }]),
  );
}

/** The major version of the Node.js that runs every function here. */
export const LOCAL_NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/**
 * The folders a function's bare `require`s search in its layers, as Lambda's
 * `NODE_PATH=/opt/nodejs/nodeXX/node_modules:/opt/nodejs/node_modules` does, XX being the Node.js
 * major that runs (here, the local one). Lambda extracts the layers into `/opt` one after another,
 * a later layer overwriting an earlier one's files; the local cloud keeps each layer in its own
 * folder, so it searches the later layers first, within each of the two paths. The layers win over
 * each other by whole package, where Lambda would merge two copies of a package file by file.
 * Folders a layer does not have are left out.
 *
 * @example
 * layerModulePaths(['/cdk.out/asset.a', '/cdk.out/asset.b'], 22);
 * // ['/cdk.out/asset.b/nodejs/node22/node_modules', '/cdk.out/asset.a/nodejs/node22/node_modules',
 * //  '/cdk.out/asset.b/nodejs/node_modules', '/cdk.out/asset.a/nodejs/node_modules'] (those that exist)
 */
export function layerModulePaths(
  layerDirectories: readonly string[],
  nodeMajor: number = LOCAL_NODE_MAJOR,
): string[] {
  const latestFirst = [...layerDirectories].reverse();
  return [join('nodejs', `node${nodeMajor}`, 'node_modules'), join('nodejs', 'node_modules')]
    .flatMap((path) => latestFirst.map((directory) => join(directory, path)))
    .filter((path) => existsSync(path));
}
