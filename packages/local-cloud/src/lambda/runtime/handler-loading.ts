import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LambdaHandler } from './handler-call';
import { namedError } from './lambda-error';
import { importHandlerModule } from './module-loading';
import { bootstrap } from './worker-port';

// Lambda's own words (aws-lambda-nodejs-runtime-interface-client, src/context/constants.ts).
const CALLBACK_HANDLER_REMOVED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
  'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
  'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

/**
 * Finds and loads the function's handler (`<file>.<export>`, the file `.js`, `.mjs` or `.cjs` in the
 * task root): the init phase. Fails with Lambda's runtime error types.
 */
export async function loadHandler(): Promise<LambdaHandler> {
  const { codeDirectory, handler } = bootstrap;
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot < 0) throw namedError('Runtime.MalformedHandlerName', `Bad handler ${handler}`);
  const moduleName = handler.slice(0, dot);
  const exportPath = handler.slice(dot + 1).split('.');
  const base = join(codeDirectory, moduleName);
  const file = ['.js', '.mjs', '.cjs']
    .map((extension) => base + extension)
    .find((candidate) => existsSync(candidate));
  if (file === undefined)
    throw namedError('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'`);
  const module = await importHandlerModule(file);
  const fn = exportPath.reduce<unknown>(
    (value, key) => (value == null ? undefined : (value as Record<string, unknown>)[key]),
    module,
  );
  if (typeof fn !== 'function')
    throw namedError('Runtime.HandlerNotFound', `${handler} is undefined or not exported`);
  if (!bootstrap.callbackHandlers && fn.length >= 3) {
    throw namedError('Runtime.CallbackHandlerDeprecated', CALLBACK_HANDLER_REMOVED);
  }
  return fn as LambdaHandler;
}
