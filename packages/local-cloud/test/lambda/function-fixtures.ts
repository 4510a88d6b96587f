import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LocalFunctionDefinition } from '../../src/assembly';

/** Tiny CommonJS handlers, as a bundle's `index.js` would export them. */
export const HANDLERS = {
  echo: `
    exports.handler = async (event, context) => {
      console.log('hello', { from: 'echo' });
      process.stdout.write(JSON.stringify({ level: 'INFO', message: 'structured', service: 'echo' }) + '\\n');
      return {
        event,
        requestId: context.awsRequestId,
        functionName: context.functionName,
        remainingMs: context.getRemainingTimeInMillis(),
        environment: process.env,
      };
    };`,
  sleep: `
    exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve('woke'), event.ms));`,
  throws: `
    class OrderRejectedError extends Error {
      constructor(message) { super(message); this.name = 'OrderRejectedError'; }
    }
    exports.handler = async () => { throw new OrderRejectedError('customerAddress is missing'); };`,
  counter: `
    let invocations = 0;
    const instanceTag = Math.random().toString(36).slice(2);
    exports.handler = async (event) => {
      invocations += 1;
      if (event && event.setVariable) process.env.SET_BY_HANDLER = instanceTag;
      if (event && event.ms) await new Promise((resolve) => setTimeout(resolve, event.ms));
      return { invocations, instanceTag, setByHandler: process.env.SET_BY_HANDLER ?? null };
    };`,
  consumer: `
    exports.handler = async (event) => {
      console.log('records', event.Records.length);
      return { batchItemFailures: [] };
    };`,
  failsAtInit: `
    throw new Error('ORDERS_TABLE_NAME is not set');`,
  exportsNothing: `
    exports.somethingElse = () => 1;`,
  exits: `
    exports.handler = async () => { process.exit(3); };`,
  crashesLater: `
    exports.handler = async () => {
      setTimeout(() => { throw new Error('after the response'); }, 10);
      return 'answered';
    };`,
  slowInit: `
    const until = Date.now() + 1000;
    while (Date.now() < until) {}
    exports.handler = async () => 'ready';`,
  respondsTooMuch: `
    exports.handler = async () => 'x'.repeat(7 * 1024 * 1024);`,
  allocates: `
    const kept = [];
    exports.handler = async () => {
      for (let round = 0; round < 10000; round++) kept.push(new Array(1024 * 1024).fill(round));
      return kept.length;
    };`,
  callbackLater: `
    exports.handler = (event, context, callback) => {
      setTimeout(() => callback(null, { answered: 'later' }), 50);
    };`,
  callbackError: `
    exports.handler = (event, context, callback) => {
      callback(new Error('order rejected through the callback'));
    };`,
  callbackWithTimer: `
    exports.handler = (event, context, callback) => {
      context.callbackWaitsForEmptyEventLoop = event.waits;
      setTimeout(() => {}, event.timerMs);
      callback(null, 'answered');
    };`,
  contextSucceed: `
    exports.handler = (event, context) => {
      setTimeout(() => context.succeed({ via: 'succeed' }), 20);
    };`,
  contextFail: `
    exports.handler = (event, context) => {
      context.fail(new Error('failed through the context'));
    };`,
  exitsAtInit: `
    process.exit(2);`,
  returnsValue: `
    exports.handler = (event, context) => 42;`,
} as const;

export type HandlerName = keyof typeof HANDLERS;

/** Writes each named handler as `<root>/<name>/index.js`, like asset folders; returns the root. */
export function writeHandlerAssets(
  names: readonly HandlerName[] = Object.keys(HANDLERS) as HandlerName[],
): string {
  const root = mkdtempSync(join(tmpdir(), 'local-lambda-'));
  for (const name of names) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'index.js'), HANDLERS[name]);
  }
  return root;
}

/**
 * Writes an asset folder of files (relative path → content) under `root`, as `cdk.out` holds a
 * bundle with whatever it ships beside it (node_modules, package.json); returns the folder.
 */
export function writeAssetFiles(root: string, name: string, files: Readonly<Record<string, string>>): string {
  const folder = join(root, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
  return folder;
}

/** A function of the template, running one of the handlers; override what a test needs. */
export function functionDefinitionFactory(
  root: string,
  name: HandlerName,
  overrides: Partial<LocalFunctionDefinition> = {},
): LocalFunctionDefinition {
  const functionName = `OrderPipeline-${name}`;
  return {
    logicalId: `${name[0].toUpperCase()}${name.slice(1)}0A1B2C3D`,
    functionName,
    functionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    handler: 'index.handler',
    runtime: 'nodejs24.x',
    memorySizeMb: 256,
    timeoutSeconds: 3,
    environment: { ORDERS_TABLE_NAME: 'OrderPipeline-OrdersTable' },
    codeDirectory: join(root, name),
    logGroupName: `/aws/lambda/${functionName}`,
    ...overrides,
  };
}
