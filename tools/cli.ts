#!/usr/bin/env node
/**
 * `npm start`: synthesizes the app (bundling included), runs the template and the bundles from
 * `cdk.out` on this machine, invokes GenerateOrders, waits until every order is stored or recorded
 * as rejected, and prints what happened. Exits 0 when every order is accounted for.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type AlarmStateChange,
  alarmStateChangeLine,
  type Clock,
  ConsolePortInUseError,
  type ConsoleServer,
  consolePortFor,
  type LocalCloudOptions,
  PeakMemory,
  resolveCommandLine,
  resumedClock,
  type ServedCloud,
  scaledClock,
  serveWithConsole,
  startGateway,
  startServedCloud,
  TerminalPrinter,
} from 'local-cloud';
import { createOrderPipelineApp, STACK_NAME } from '../lib/order-pipeline-app';
import {
  generateOrderLoad,
  generateOrders,
  ORDERS_PER_INVOCATION,
  type PipelineCloud,
  type ProducerOutcome,
  startPipelineCloud,
  waitUntilSettled,
} from './pipeline-run';
import {
  consoleAddressLine,
  HtmlReportError,
  rejectedOrdersLine,
  startRunConsole,
  stopSignal,
  writeHtmlReport,
} from './run-console';
import { parseRunOptions, RUN_COMMAND_LINE, type RunOptions } from './run-options';
import {
  formatLogStreams,
  formatRunReport,
  formatServeInstructions,
  formatStackOverview,
  ProgressBar,
} from './run-output';
import { buildRunReport } from './run-report';

const REPOSITORY = resolve(__dirname, '..');

/** Synthesizes the app into `outdir` as `cdk synth` does: bundles, cdk-nag and all. */
export function synthesize(outdir: string, context: Record<string, string>): void {
  createOrderPipelineApp({ outdir, context }).app.synth();
}

/** Where a run writes: the cloud assembly, and the folder that receives one log folder per run. */
export interface RunFolders {
  readonly assemblyDirectory: string;
  readonly logsRoot: string;
  /**
   * The assembly folder already holds the app synthesized with the run's context, so the run starts
   * from it instead of synthesizing (the tests share one synthesis). @default false
   */
  readonly synthesized?: boolean;
}

const DEFAULT_FOLDERS: RunFolders = {
  assemblyDirectory: join(REPOSITORY, 'cdk.out'),
  logsRoot: join(REPOSITORY, '.local', 'logs'),
};

/**
 * What a demo run and `--serve` do first: synthesize into the assembly folder, make this run's log
 * folder, and set the cloud's clock to the time scale (resuming the cloud time of a state folder).
 */
function prepareRun(
  options: RunOptions,
  folders: RunFolders,
  write: (line: string) => void,
): LocalCloudOptions & { logsDirectory: string; stopClock: () => void } {
  if (folders.synthesized) write(`Starting ${STACK_NAME} from ${folders.assemblyDirectory}`);
  else {
    write(`Synthesizing ${STACK_NAME} into ${folders.assemblyDirectory} (bundling included)...`);
    synthesize(folders.assemblyDirectory, options.context);
  }
  const logsDirectory = join(folders.logsRoot, new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(logsDirectory, { recursive: true });
  let clock: Clock = scaledClock(options.timeScale);
  let stopClock: () => void = () => undefined;
  if (options.stateDirectory !== undefined) {
    mkdirSync(options.stateDirectory, { recursive: true });
    const resumed = resumedClock(options.stateDirectory, options.timeScale);
    clock = resumed.clock;
    stopClock = resumed.stop;
    write(`Keeping state in ${resolve(options.stateDirectory)}`);
  }
  return {
    assemblyDirectory: folders.assemblyDirectory,
    stackName: STACK_NAME,
    clock,
    logsDirectory,
    stateDirectory: options.stateDirectory,
    stopClock,
  };
}

/**
 * Writes a line for an alarm that fires or recovers; an alarm settling from INSUFFICIENT_DATA to OK
 * is not news.
 */
function alarmLines(write: (line: string) => void): (change: AlarmStateChange) => void {
  return (change) => {
    if (change.newState === 'ALARM' || change.oldState === 'ALARM') write(alarmStateChangeLine(change));
  };
}

/**
 * Invokes GenerateOrders as the options ask: once with `{}` (the demo's fixed orders), or as many
 * times as `--orders` needs, saying so first.
 */
async function produceOrders(
  cloud: PipelineCloud['cloud'],
  options: RunOptions,
  write: (line: string) => void,
): Promise<ProducerOutcome> {
  if (options.orders === undefined) {
    write('Invoking GenerateOrders with {}');
    return generateOrders(cloud, {});
  }
  const perInvocation = ORDERS_PER_INVOCATION;
  const invocations = Math.ceil(options.orders / perInvocation);
  write(
    `Invoking GenerateOrders with ${JSON.stringify({ count: Math.min(options.orders, perInvocation), invalidRatio: options.invalidRatio })}` +
      (invocations > 1 ? ` ${invocations} times (${perInvocation} orders fit in one invocation's 60 s)` : ''),
  );
  return generateOrderLoad(cloud, { count: options.orders, invalidRatio: options.invalidRatio });
}

/**
 * Waits until every queue is empty (or nothing moves for the timeout), then for the alarms' last
 * evaluation; resolves whether it settled.
 */
async function settle(
  pipeline: PipelineCloud,
  options: RunOptions,
  queued: number,
  output: NodeJS.WriteStream,
): Promise<boolean> {
  const write = (line: string) => output.write(`${line}\n`);
  const progress = options.orders !== undefined && output.isTTY ? new ProgressBar(output, queued) : undefined;
  const settled = await waitUntilSettled(pipeline, options.timeoutSeconds, (done) => progress?.update(done));
  progress?.finish();
  if (!settled)
    write(
      `Gave up waiting: nothing moved for ${options.timeoutSeconds} s and some messages are still on the queues.`,
    );
  const { cloud, ledger } = pipeline;
  if (settled && ledger.messagesReceived > 0 && cloud.cloudWatch.describeAlarms().length > 0) {
    // The period of the order that was rejected last may still be open: an alarm it sets off
    // shows at the period's end (a minute of cloud time, 6 s at the default scale).
    write('Waiting for the alarms to evaluate the last minute of metrics...');
    await cloud.cloudWatch.nextEvaluation();
  }
  return settled;
}

/** What a demo run waits on from outside; the tests stand in for the user. */
export interface RunHooks {
  /**
   * With `--keep-open`: resolves when the cloud and its console should stop serving.
   * @default - the first SIGINT (Ctrl+C) or SIGTERM
   */
  readonly keepOpenUntil?: () => Promise<void>;
}

/** Runs the pipeline locally with its web console; resolves to the process exit code. */
export async function runLocally(
  options: RunOptions,
  output: NodeJS.WriteStream = process.stdout,
  folders: RunFolders = DEFAULT_FOLDERS,
  hooks: RunHooks = {},
): Promise<number> {
  const started = Date.now();
  const memory = new PeakMemory();
  const write = (line = '') => output.write(`${line}\n`);
  const problems: string[] = [];
  const cloudOptions = prepareRun(options, folders, write);
  const pipeline = await startPipelineCloud({
    ...cloudOptions,
    printer: options.printLogs ? new TerminalPrinter({ output }) : undefined,
    onProblem: (problem) => problems.push(problem),
    onAlarmStateChange: alarmLines(write),
  });
  const { cloud } = pipeline;
  let consoleServer: ConsoleServer | undefined;
  try {
    for (const line of formatStackOverview(cloud, options.timeScale, cloudOptions.logsDirectory)) write(line);
    if (options.console) {
      consoleServer = await startRunConsole(cloud, options.consolePort, write);
      write(consoleAddressLine(consoleServer.url));
      write(rejectedOrdersLine(cloud, consoleServer.url));
    }
    const exitCode = await runDemo(pipeline, options, output, { started, memory, problems });
    if (options.keepOpen && consoleServer !== undefined) {
      write(`Still serving the local cloud and its console at ${consoleServer.url}; press Ctrl+C to stop.`);
      await (hooks.keepOpenUntil ?? stopSignal)();
      write('Stopping the local cloud...');
    }
    return exitCode;
  } finally {
    memory.stop();
    await consoleServer?.close();
    await cloud.stop();
  }
}

/** What a demo run measured and heard before its orders went out. */
interface RunContext {
  /** Real time the run started at (epoch ms). */
  readonly started: number;
  readonly memory: PeakMemory;
  /** What the cloud could not emulate, printed after the run. */
  readonly problems: readonly string[];
}

/**
 * Sends the orders, waits until they settle, prints the log streams and the summary, and writes the
 * reports the options ask for; resolves to the exit code: 0 when every order is accounted for.
 */
async function runDemo(
  pipeline: PipelineCloud,
  options: RunOptions,
  output: NodeJS.WriteStream,
  run: RunContext,
): Promise<number> {
  const write = (line = '') => output.write(`${line}\n`);
  const { cloud, ledger } = pipeline;
  const producer = await produceOrders(cloud, options, write);
  if (producer.kind === 'failed') {
    write(`GenerateOrders failed: ${producer.error}`);
    return 1;
  }
  if (producer.kind === 'refused') {
    write(`GenerateOrders refused the request: ${producer.message}`);
    return 1;
  }
  write(`GenerateOrders queued ${producer.queued} order(s); ${producer.failed.length} could not be queued`);
  await settle(pipeline, options, producer.queued, output);
  const report = await buildRunReport(cloud, ledger, {
    ordersNotQueued: producer.failed.length,
    timeScale: options.timeScale,
    durationMs: Date.now() - run.started,
    peakMemoryBytes: run.memory.bytes,
  });
  for (const problem of run.problems) write(`warning: ${problem}`);
  for (const line of formatLogStreams(cloud)) write(line);
  const summaryLines = formatRunReport(report);
  for (const line of summaryLines) write(line);
  if (options.reportFile !== undefined) {
    writeFileSync(options.reportFile, `${JSON.stringify(report, null, 2)}\n`);
    write(`Report written to ${options.reportFile}`);
  }
  if (options.reportHtmlFile !== undefined) {
    await writeHtmlReport(cloud, options.reportHtmlFile, { title: runTitle(options), summaryLines });
    write(`HTML report (the timeline and this summary, works offline) written to ${options.reportHtmlFile}`);
  }
  return report.ordersUnaccounted === 0 && report.ordersNotQueued === 0 ? 0 : 1;
}

/** The HTML report's title: what ran, and when. */
function runTitle(options: RunOptions): string {
  const load = options.orders === undefined ? "the lecture's demo" : `${options.orders} orders`;
  return `${STACK_NAME}: ${load} at time scale ${options.timeScale}, ${new Date().toISOString()}`;
}

/** A local cloud kept running behind one endpoint. */
export type ServingCloud = ServedCloud;

/**
 * Synthesizes and starts the stack, then serves it on one loopback port for the AWS CLI and SDKs
 * (`--endpoint-url`), printing the stack's outputs and example commands.
 */
export async function serveLocally(
  options: RunOptions,
  output: NodeJS.WriteStream = process.stdout,
  folders: RunFolders = DEFAULT_FOLDERS,
): Promise<ServingCloud> {
  const write = (line = '') => output.write(`${line}\n`);
  const gateway = await startGateway(options.port);
  let cloudOptions: ReturnType<typeof prepareRun>;
  try {
    cloudOptions = prepareRun(options, folders, write);
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const served = await startServedCloud(
    gateway,
    {
      ...cloudOptions,
      printer: new TerminalPrinter({ output }),
      onProblem: (problem) => write(`warning: ${problem}`),
      onAlarmStateChange: alarmLines(write),
    },
    cloudOptions.stopClock,
  );
  const serving = options.console
    ? await serveWithConsole(served, consolePortFor(options.port, options.consolePort))
    : { served, console: undefined };
  for (const line of formatStackOverview(served.cloud, options.timeScale, cloudOptions.logsDirectory))
    write(line);
  for (const line of formatServeInstructions(served.cloud, served.endpoint, serving.console?.url))
    write(line);
  return serving.served;
}

async function main(): Promise<void> {
  // The startup lines name the Node.js version once; the SDK would warn about it on every client.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const commandLine = resolveCommandLine(RUN_COMMAND_LINE, () => parseRunOptions(process.argv.slice(2)));
  if ('exitCode' in commandLine) {
    process.exitCode = commandLine.exitCode;
    return;
  }
  const { options } = commandLine;
  if (options.serve) {
    // Listening from the start: a signal that arrives while the stack starts still stops it cleanly.
    const stopRequested = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const serving = await serveLocally(options);
    await stopRequested;
    process.stdout.write('\nStopping the local cloud...\n');
    await serving.stop();
    return;
  }
  process.exitCode = await runLocally(options);
}

if (require.main === module) {
  main().catch((error) => {
    // A taken port or an unwritable report is the user's to fix: the message says how, without a stack.
    const told = error instanceof ConsolePortInUseError || error instanceof HtmlReportError;
    process.stderr.write(
      `${told ? `npm start: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
