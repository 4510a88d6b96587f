import { join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * The messages between a function instance (the parent side) and its worker thread.
 */

/** The data a worker starts with. */
export interface BootstrapData {
  readonly codeDirectory: string;
  /** `<file>.<export>`, such as `index.handler`. */
  readonly handler: string;
  readonly functionName: string;
  readonly functionArn: string;
  readonly memorySizeMb: number;
  readonly logGroupName: string;
  readonly logStreamName: string;
  /** `handler(event, context, callback)` is accepted (nodejs22.x and older). */
  readonly callbackHandlers: boolean;
  /** The runtime's own modules, resolved after the asset's and the layers'. */
  readonly providedModules: ProvidedModules;
  /** The function's layers that are in the stack, resolved after the asset's modules. */
  readonly layers: LayerModules;
}

/** Where a function's layers are, and where its code finds their modules. */
export interface LayerModules {
  /** Each layer's asset folder (what Lambda extracts into `/opt`), in the template's order. */
  readonly directories: readonly string[];
  /** Their node_modules folders in search order, as `NODE_PATH` lists them (see `layerModulePaths`). */
  readonly modulePaths: readonly string[];
}

/** What the runtime provides beyond Node.js, and where the local cloud finds it. */
export interface ProvidedModules {
  /** The template's runtime, for messages. */
  readonly runtime: string;
  /** Exact package names (`aws-sdk`) or npm scopes (`@aws-sdk`). */
  readonly packages: readonly string[];
  /** Folders to resolve them from, as `require.resolve`'s `paths`. */
  readonly searchPaths: readonly string[];
  /** How to add a missing one, `<package>` standing for its name. */
  readonly installHint: string;
  /** The v2 SDK's service-specific settings (`{ sqs: { endpoint } }`), given to `AWS.config.update`. */
  readonly sdkV2Endpoints: Readonly<Record<string, { readonly endpoint: string }>>;
}

/** Lambda's shape of a function error, as the Invoke API returns it. */
export interface LambdaErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stack: readonly string[];
}

/** Parent → worker: run the handler once. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event, as JSON: an invocation payload crosses the boundary serialized, as it does in Lambda. */
  readonly payload: string;
  /** Wall-clock epoch ms at which the parent will stop the invocation. */
  readonly deadline: number;
  /** Cloud ms per real ms, so `getRemainingTimeInMillis()` speaks the template's time. */
  readonly timeScale: number;
}

/** Worker → parent messages. */
export type WorkerMessage =
  | { readonly type: 'log'; readonly message: string }
  | { readonly type: 'ready'; readonly initDurationMs: number; readonly memoryUsedBytes: number }
  | { readonly type: 'initError'; readonly initDurationMs: number; readonly error: LambdaErrorPayload }
  | {
      readonly type: 'result';
      readonly requestId: string;
      readonly durationMs: number;
      readonly memoryUsedBytes: number;
      /** The handler's result as JSON, when it returned. */
      readonly payload?: string;
      /** The error, when it threw or its result could not be serialized. */
      readonly error?: LambdaErrorPayload;
    };

/** The folder of the code the worker runs, `runtime/bootstrap.ts` and the modules it imports. */
const RUNTIME_FOLDER = join(__dirname, 'runtime');

let bootstrapSource: string | undefined;

/**
 * The code each worker runs, as a string for `new Worker(source, { eval: true })`: `runtime/bootstrap.ts`
 * and what it imports, bundled by esbuild when first needed and kept for the process. The runtime is
 * TypeScript so that tsc and Biome check it. It is bundled rather than started as a file because a
 * worker started on a `.ts` file needs a TypeScript loader, which the function's own code would then
 * see and Lambda's runtime does not have; bundling works the same under ts-node, jest and a build.
 * It reads the files from disk, so a coverage tool's counters never reach the worker. A compiled
 * build must ship `runtime/` as TypeScript: tsc would turn its `import()` into `require` and its
 * hooks module into CommonJS.
 */
export function runtimeBootstrapSource(): string {
  bootstrapSource ??= buildBootstrapSource();
  return bootstrapSource;
}

function buildBootstrapSource(): string {
  const esmResolveHooks = bundle('esm-resolve-hooks', 'esm', {});
  const runtime = bundle('bootstrap', 'cjs', { ESM_RESOLVE_HOOKS_SOURCE: JSON.stringify(esmResolveHooks) });
  // Eval'd code's top-level names would be globals, seen by the function's code: the bundle runs in a
  // function's scope, with Node.js's `require` as its own before the bootstrap removes the global one.
  return `((require) => {\n${runtime}\n})(require);\n`;
}

function bundle(entry: string, format: 'cjs' | 'esm', define: Record<string, string>): string {
  const result = buildSync({
    entryPoints: [join(RUNTIME_FOLDER, entry)],
    bundle: true,
    write: false,
    format,
    platform: 'node',
    target: 'node20',
    define,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}
