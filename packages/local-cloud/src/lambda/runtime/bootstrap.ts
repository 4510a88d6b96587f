import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { InvokeMessage, LambdaErrorPayload } from '../runtime-bootstrap';
import { type LambdaContext, type LambdaHandler, runHandler } from './handler-call';
import { loadHandler } from './handler-loading';
import { toLambdaError } from './lambda-error';
import { captureConsole, captureStreams, flushStreams, logLine, setLogRequestId } from './log-capture';
import { installCommonJsHooks } from './module-loading';
import { bootstrap, onInvoke, post } from './worker-port';

/*
 * The code each function instance's worker runs: Lambda's Node.js runtime interface. It patches
 * `console` to write Lambda's text format and passes lines written straight to stdout and stderr
 * through unchanged, loads the handler module once (the init phase) with Lambda's module rules, then
 * runs one invocation per `invoke` message, calling the handler in the style its runtime accepts.
 * `runtime-bootstrap-source.ts` bundles it and the instance runs it as eval'd code.
 */

// Eval'd code gets require, module, exports, __filename and __dirname as globals. An ES module
// handler on Lambda sees none of them, so the runtime keeps its own `require` in its bundle's
// scope and takes Node.js's away.
for (const name of ['require', 'module', 'exports', '__filename', '__dirname']) {
  delete (globalThis as Record<string, unknown>)[name];
}

// Workers ignore NODE_OPTIONS; Lambda honours it. Source maps are switched on for the whole process.
if (/(^|\s)--enable-source-maps(\s|$)/.test(process.env.NODE_OPTIONS || ''))
  process.setSourceMapsEnabled(true);

function memoryUsedBytes(): number {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

function invocationContext(message: InvokeMessage): LambdaContext {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: bootstrap.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: bootstrap.functionArn,
    memoryLimitInMB: String(bootstrap.memorySizeMb),
    awsRequestId: message.requestId,
    logGroupName: bootstrap.logGroupName,
    logStreamName: bootstrap.logStreamName,
    getRemainingTimeInMillis: () =>
      Math.max(0, Math.round((message.deadline - Date.now()) * message.timeScale)),
  };
}

async function invoke(handler: LambdaHandler, message: InvokeMessage): Promise<void> {
  setLogRequestId(message.requestId);
  const context = invocationContext(message);
  const start = performance.now();
  let outcome: { payload: string } | { error: LambdaErrorPayload };
  try {
    const result = await runHandler(handler, JSON.parse(message.payload), context);
    outcome = { payload: JSON.stringify(result === undefined ? null : result) };
  } catch (thrown) {
    const error = toLambdaError(thrown);
    logLine('ERROR', `Invoke Error \t${JSON.stringify(error)}`);
    outcome = { error };
  }
  flushStreams();
  post({
    type: 'result',
    requestId: message.requestId,
    durationMs: performance.now() - start,
    memoryUsedBytes: memoryUsedBytes(),
    ...outcome,
  });
}

captureConsole();
captureStreams();
installCommonJsHooks();

let handlerFunction: LambdaHandler;
const initStart = performance.now();
loadHandler().then(
  (fn) => {
    handlerFunction = fn;
    flushStreams();
    post({
      type: 'ready',
      initDurationMs: performance.now() - initStart,
      memoryUsedBytes: memoryUsedBytes(),
    });
  },
  (error: unknown) => {
    flushStreams();
    post({ type: 'initError', initDurationMs: performance.now() - initStart, error: toLambdaError(error) });
  },
);

onInvoke((message) => void invoke(handlerFunction, message));
