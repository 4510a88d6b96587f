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
