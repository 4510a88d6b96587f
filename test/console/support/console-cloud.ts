import {
  type BatchSettlement,
  CONSOLE_API_PATH,
  type ConsoleServer,
  messagesOn,
  scaledClock,
  startConsoleServer,
} from 'local-cloud';
import { STACK_NAME } from '../../../lib/order-pipeline-app';
import {
  generateOrders,
  type PipelineCloud,
  type ProducerOutcome,
  startPipelineCloud,
  waitUntilSettled,
} from '../../../tools/pipeline-run';
import { pipelineAssembly } from '../../support/pipeline-assembly';

/** The demo's waits (5 s batching window, 65 s visibility timeout) run this much faster. */
export const CONSOLE_TEST_TIME_SCALE = 5;

/** The order pipeline in the local cloud, with its web console on a free loopback port. */
export interface ConsoleCloud {
  readonly pipeline: PipelineCloud;
  readonly server: ConsoleServer;
  /** Every batch the event source mappings settled, in order: what the timeline must show. */
  readonly settlements: BatchSettlement[];
  /** Closes the console, then stops the cloud. */
  stop(): Promise<void>;
}

/**
 * Starts the shared synthesized pipeline (`pipelineAssembly()`) in process, as `npm start` does,
 * and its web console on a free port; sends no orders.
 */
export async function startConsoleCloud(): Promise<ConsoleCloud> {
  const settlements: BatchSettlement[] = [];
  const pipeline = await startPipelineCloud({
    assemblyDirectory: pipelineAssembly(),
    stackName: STACK_NAME,
    clock: scaledClock(CONSOLE_TEST_TIME_SCALE),
    onBatchSettled: (settlement) => settlements.push(settlement),
  });
  let server: ConsoleServer;
  try {
    server = await startConsoleServer(pipeline.cloud, { port: 0 });
  } catch (error) {
    await pipeline.cloud.stop();
    throw error;
  }
  return {
    pipeline,
    server,
    settlements,
    stop: async () => {
      await server.close();
      await pipeline.cloud.stop();
    },
  };
}

/** What the lecture's demo did: GenerateOrders' answer, whether every queue emptied, and how long it took. */
export interface DemoOutcome {
  readonly producer: ProducerOutcome;
  readonly settled: boolean;
  /** Real time from the invocation of GenerateOrders until everything settled. */
  readonly durationMs: number;
}

/** Runs the lecture's demo (ten orders and UserX without an address) and waits until it settles. */
export async function runTheDemo({ pipeline }: ConsoleCloud): Promise<DemoOutcome> {
  const started = Date.now();
  const producer = await generateOrders(pipeline.cloud, {});
  const settled = await waitUntilSettled(pipeline, 60);
  return { producer, settled, durationMs: Date.now() - started };
}

/** The console's API address of `route` (e.g. `dead-letters`), on the server's own origin. */
export function consoleApi(server: ConsoleServer, route: string): string {
  return new URL(`${CONSOLE_API_PATH}${route}`, server.url).href;
}

/** The console server's origin, as its own page's requests carry it: `http://127.0.0.1:PORT`. */
export function consoleOrigin(server: ConsoleServer): string {
  return new URL(server.url).origin;
}

/**
 * The name of a queue of the stack that no event source mapping reads (the pipeline's
 * failed-invocations queue): what is sent to it stays there, for a test to count.
 */
export function unpolledQueueName({ pipeline }: ConsoleCloud): string {
  const { queues, eventSourceMappings } = pipeline.cloud.stack;
  const polled = new Set(eventSourceMappings.map((mapping) => mapping.eventSourceArn));
  const queue = queues.find((candidate) => !polled.has(candidate.queueArn));
  if (queue === undefined) throw new Error('every queue of the stack is read by an event source mapping');
  return queue.queueName;
}

/** The messages on a queue of the cloud: visible, in flight and delayed. */
export async function messagesOnQueue({ pipeline }: ConsoleCloud, queueName: string): Promise<number> {
  const depth = (await pipeline.cloud.queueDepths()).find((candidate) => candidate.queueName === queueName);
  if (depth === undefined) throw new Error(`no queue ${queueName} in the stack`);
  return messagesOn(depth);
}
