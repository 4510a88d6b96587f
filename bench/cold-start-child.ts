/**
 * The fresh process of the cold-start benchmark: loads one bundled handler, hands it one batch and
 * reports how long each phase took on its last line of output. `bench/cold-start.ts` compiles this
 * file to plain JavaScript and runs it with `node`, so nothing but Node.js itself loads before the
 * bundle does.
 *
 * Arguments: the bundle's file, the name of its handler export, and a JSON file holding the event.
 * The environment is the function's, as Lambda would set it.
 */
import { readFileSync } from 'node:fs';

/** Marks the line that carries the figures among whatever the handler logs. */
export const RESULT_MARKER = '@@cold-start-result ';

/** What one fresh process measured, in milliseconds. */
export interface ColdStartSample {
  /** From the process's start until Node.js was ready to run this script. */
  readonly nodeBootMs: number;
  /** Loading the bundle: reading, compiling and running its module scope (Lambda's INIT phase). */
  readonly initMs: number;
  /** The handler's first invocation, with the batch. */
  readonly firstBatchMs: number;
  /** What the handler returned. */
  readonly response: unknown;
}

async function main(): Promise<void> {
  const [bundle, exportName, eventFile] = process.argv.slice(2);
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  const context = lambdaContext();
  const started = performance.now();
  const handler = require(bundle)[exportName];
  const loaded = performance.now();
  const response = await handler(event, context);
  const handled = performance.now();
  const sample: ColdStartSample = {
    nodeBootMs: performance.nodeTiming.bootstrapComplete,
    initMs: loaded - started,
    firstBatchMs: handled - loaded,
    response: response ?? null,
  };
  // Exits at once: the SDK's keep-alive sockets would otherwise hold the process open.
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(sample)}\n`, () => process.exit(0));
}

/** The parts of Lambda's context object that handlers and Powertools read. */
function lambdaContext(): Record<string, unknown> {
  const deadline = Date.now() + 10_000;
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'cold-start';
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: 'cold-start-request',
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
