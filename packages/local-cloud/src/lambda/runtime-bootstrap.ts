import { HANDLER_CALL_SOURCE } from './bootstrap-handler-call';
import { MODULE_LOADING_SOURCE } from './bootstrap-module-loading';

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

/**
 * The code each worker runs, as a string (`new Worker(source, { eval: true })`): a file would not be
 * found once compiled to `dist/`, and a function's `toString()` would carry a coverage tool's
 * counters into the worker. It plays Lambda's Node.js runtime interface: it patches `console` to
 * write Lambda's text format (`<time>\t<request id>\t<LEVEL>\t<message>`), passes lines written
 * straight to stdout and stderr through unchanged (Powertools' JSON logs, EMF metrics), loads the
 * handler module once (the init phase) and then runs one invocation per `invoke` message. It loads
 * modules as Lambda does ({@link MODULE_LOADING_SOURCE}: the asset folder is the task root, the
 * runtime's own AWS SDK comes after the asset's node_modules) and calls the handler in the style
 * its runtime accepts ({@link HANDLER_CALL_SOURCE}: callbacks up to nodejs22.x).
 * `--enable-source-maps` in the function's NODE_OPTIONS turns source maps on, as Lambda does; a worker
 * can only do that for the whole process, so the host's stack traces are mapped too from then on.
 */
export const RUNTIME_BOOTSTRAP_SOURCE = String.raw`
'use strict';
// Eval'd code gets require, module, exports, __filename and __dirname as globals, and its top-level
// names would be globals too. An ES module handler on Lambda sees none of them, so the runtime keeps
// its names in this function's scope and takes Node.js's away.
((require) => {
for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) delete globalThis[name];
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { format } = require('node:util');
const { getHeapStatistics } = require('node:v8');
const { performance } = require('node:perf_hooks');

// Workers ignore NODE_OPTIONS; Lambda honours it. Source maps are switched on for the whole process.
if (/(^|\s)--enable-source-maps(\s|$)/.test(process.env.NODE_OPTIONS || '')) process.setSourceMapsEnabled(true);

let requestId;
const post = (message) => parentPort.postMessage(message);
const emit = (message) => post({ type: 'log', message });
const memoryUsedBytes = () => {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
};

const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const method of Object.keys(LEVELS)) {
  console[method] = (...args) => {
    let message = format(...args);
    if (method === 'trace') message = 'Trace: ' + message + '\n' + String(new Error().stack).split('\n').slice(2).join('\n');
    emit(new Date().toISOString() + '\t' + requestId + '\t' + LEVELS[method] + '\t' + message);
  };
}

const partialLines = { stdout: '', stderr: '' };
const flush = (name) => {
  if (partialLines[name] !== '') emit(partialLines[name]);
  partialLines[name] = '';
};
for (const name of ['stdout', 'stderr']) {
  process[name].write = (chunk, encoding, callback) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    const lines = (partialLines[name] + text).split('\n');
    partialLines[name] = lines.pop();
    for (const line of lines) emit(line);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

const toLambdaError = (error) => {
  if (error instanceof Error || (error && typeof error === 'object' && 'message' in error)) {
    return {
      errorType: String(error.name || (error.constructor && error.constructor.name) || 'Error'),
      errorMessage: String(error.message),
      stack: String(error.stack || '').split('\n').filter((line) => line !== ''),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), stack: [] };
};

const namedError = (name, message) => Object.assign(new Error(message), { name });
// Lambda's own words (aws-lambda-nodejs-runtime-interface-client, src/context/constants.ts).
const CALLBACK_HANDLER_REMOVED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
  'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
  'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
${MODULE_LOADING_SOURCE}
${HANDLER_CALL_SOURCE}

async function loadHandler() {
  const { codeDirectory, handler } = workerData;
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0) throw namedError('Runtime.MalformedHandlerName', 'Bad handler ' + handler);
  const moduleName = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1).split('.');
  const base = join(codeDirectory, moduleName);
  const file = ['.js', '.mjs', '.cjs'].map((extension) => base + extension).find((candidate) => existsSync(candidate));
  if (file === undefined) throw namedError('Runtime.ImportModuleError', "Error: Cannot find module '" + moduleName + "'");
  const module = await importHandlerModule(file);
  const fn = exportPath.reduce((value, key) => (value == null ? undefined : value[key]), module);
  if (typeof fn !== 'function') throw namedError('Runtime.HandlerNotFound', handler + ' is undefined or not exported');
  if (!workerData.callbackHandlers && fn.length >= 3) throw namedError('Runtime.CallbackHandlerDeprecated', CALLBACK_HANDLER_REMOVED);
  return fn;
}

let handlerFunction;
const initStart = performance.now();
loadHandler().then(
  (fn) => {
    handlerFunction = fn;
    flush('stdout');
    flush('stderr');
    post({ type: 'ready', initDurationMs: performance.now() - initStart, memoryUsedBytes: memoryUsedBytes() });
  },
  (error) => {
    flush('stdout');
    flush('stderr');
    post({ type: 'initError', initDurationMs: performance.now() - initStart, error: toLambdaError(error) });
  },
);

parentPort.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  requestId = message.requestId;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: workerData.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: workerData.functionArn,
    memoryLimitInMB: String(workerData.memorySizeMb),
    awsRequestId: message.requestId,
    logGroupName: workerData.logGroupName,
    logStreamName: workerData.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, Math.round((message.deadline - Date.now()) * message.timeScale)),
  };
  const start = performance.now();
  let outcome;
  try {
    const result = await runHandler(handlerFunction, JSON.parse(message.payload), context);
    outcome = { payload: JSON.stringify(result === undefined ? null : result) };
  } catch (thrown) {
    const error = toLambdaError(thrown);
    emit(new Date().toISOString() + '\t' + requestId + '\tERROR\tInvoke Error \t' + JSON.stringify(error));
    outcome = { error };
  }
  flush('stdout');
  flush('stderr');
  post({ type: 'result', requestId: message.requestId, durationMs: performance.now() - start, memoryUsedBytes: memoryUsedBytes(), ...outcome });
});
})(require);
`;
