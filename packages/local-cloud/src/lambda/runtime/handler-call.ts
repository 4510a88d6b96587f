import { bootstrap } from './worker-port';

/** The context object a handler gets, as Lambda's Node.js runtime builds it. */
export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  getRemainingTimeInMillis(): number;
  /** Callback-style handlers' ways to answer (up to nodejs22.x). */
  done?: (error?: unknown, result?: unknown) => void;
  succeed?: (result?: unknown) => void;
  fail?: (error?: unknown) => void;
}

/** `callback(error, result)`, for handlers that take one. */
export type LambdaCallback = (error?: unknown, result?: unknown) => void;

/** A function's handler, as its module exports it. */
export type LambdaHandler = (event: unknown, context: LambdaContext, callback: LambdaCallback) => unknown;

const EVENT_LOOP_CHECK_MS = 5;

// The worker's port to its instance is the one resource the runtime itself keeps alive.
function eventLoopIsEmpty(): boolean {
  const resources = process.getActiveResourcesInfo();
  return resources.length === 0 || (resources.length === 1 && resources[0] === 'MessagePort');
}

function whenEventLoopEmpty(then: () => void): void {
  const check = (): void => {
    if (eventLoopIsEmpty()) then();
    else setTimeout(check, EVENT_LOOP_CHECK_MS).unref();
  };
  setTimeout(check, 0).unref();
}

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return (
    value != null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Calls the handler as Lambda's Node.js runtime interface client does (`CallbackContext.js` in
 * aws/aws-lambda-nodejs-runtime-interface-client):
 *
 * - Up to nodejs22.x the handler gets `(event, context, callback)`. A returned promise settles the
 *   invocation; otherwise the runtime waits for `callback(error, result)`, `context.done`,
 *   `context.succeed` or `context.fail`, whichever comes first (later calls are ignored). A handler
 *   that returns no promise and calls none of them answers `null` once the event loop is empty.
 * - `callback(null, result)` answers only once the event loop is empty while
 *   `context.callbackWaitsForEmptyEventLoop` is true (the default); `context.done/succeed/fail` and
 *   errors answer at once. "Empty" is approximated: nothing but the worker's own message port keeps
 *   its event loop alive (`process.getActiveResourcesInfo()`, checked every few milliseconds), so a
 *   lingering timer or socket holds the answer until it ends or the function times out, as on Lambda.
 * - From nodejs24.x the handler gets `(event, context)` and its result (or promise) is the answer;
 *   a handler declaring a third parameter was refused at init (`Runtime.CallbackHandlerDeprecated`).
 */
export function runHandler(handler: LambdaHandler, event: unknown, context: LambdaContext): Promise<unknown> {
  if (!bootstrap.callbackHandlers) {
    return Promise.resolve().then(() =>
      (handler as (event: unknown, context: LambdaContext) => unknown)(event, context),
    );
  }
  return new Promise((resolve, reject) => {
    let finished = false;
    const once =
      <Args extends unknown[]>(fn: (...args: Args) => void) =>
      (...args: Args): void => {
        if (finished) return;
        finished = true;
        fn(...args);
      };
    const settle = (error: unknown, result?: unknown): void =>
      error !== undefined && error !== null ? reject(error) : resolve(result);
    let waitsForEmptyEventLoop = true;
    const callback = once((error?: unknown, result?: unknown) => {
      if ((error !== undefined && error !== null) || !waitsForEmptyEventLoop) settle(error, result);
      else whenEventLoopEmpty(() => resolve(result));
    });
    Object.defineProperty(context, 'callbackWaitsForEmptyEventLoop', {
      enumerable: true,
      get: () => waitsForEmptyEventLoop,
      set: (value: boolean) => {
        waitsForEmptyEventLoop = value;
      },
    });
    context.done = once(settle);
    context.succeed = once((result?: unknown) => settle(null, result));
    context.fail = once((error?: unknown) =>
      settle(error === undefined || error === null ? 'handled' : error),
    );
    const returned = handler(event, context, callback);
    if (isPromise(returned)) returned.then(context.succeed, context.fail);
    else whenEventLoopEmpty(once(() => resolve(null)));
  });
}
