/**
 * The part of the worker's code (see {@link RUNTIME_BOOTSTRAP_SOURCE}) that calls the handler as
 * Lambda's Node.js runtime interface client does (`CallbackContext.js` in
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
 *
 * Expects `workerData` in scope; defines `runHandler(handler, event, context)`.
 */
export const HANDLER_CALL_SOURCE = `
const EVENT_LOOP_CHECK_MS = 5;
// The worker's port to its instance is the one resource the runtime itself keeps alive.
const eventLoopIsEmpty = () => {
  const resources = process.getActiveResourcesInfo();
  return resources.length === 0 || (resources.length === 1 && resources[0] === 'MessagePort');
};
const whenEventLoopEmpty = (then) => {
  const check = () => (eventLoopIsEmpty() ? then() : setTimeout(check, EVENT_LOOP_CHECK_MS).unref());
  setTimeout(check, 0).unref();
};
const isPromise = (value) => value != null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';

function runHandler(handler, event, context) {
  if (!workerData.callbackHandlers) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    let finished = false;
    const once = (fn) => (...args) => {
      if (finished) return;
      finished = true;
      fn(...args);
    };
    const settle = (error, result) => (error !== undefined && error !== null ? reject(error) : resolve(result));
    let waitsForEmptyEventLoop = true;
    const callback = once((error, result) => {
      if ((error !== undefined && error !== null) || !waitsForEmptyEventLoop) settle(error, result);
      else whenEventLoopEmpty(() => resolve(result));
    });
    Object.defineProperty(context, 'callbackWaitsForEmptyEventLoop', {
      enumerable: true,
      get: () => waitsForEmptyEventLoop,
      set: (value) => {
        waitsForEmptyEventLoop = value;
      },
    });
    context.done = once(settle);
    context.succeed = once((result) => settle(null, result));
    context.fail = once((error) => settle(error === undefined || error === null ? 'handled' : error));
    const returned = handler(event, context, callback);
    if (isPromise(returned)) returned.then(context.succeed, context.fail);
    else whenEventLoopEmpty(once(() => resolve(null)));
  });
}
`;
