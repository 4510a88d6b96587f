import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { readCloudAssembly } from '../assembly/cloud-assembly';
import { CloudAssemblyError } from '../assembly/errors';
import { formatStackSupport } from '../assembly/support-report';
import { scaledClock, timeScaleNotice } from '../clock';
import { type ResumedClock, resumedClock } from '../clock-checkpoint';
import type { LocalCloud } from '../cloud';
import { alarmStateChangeLine } from '../cloudwatch';
import { ConsolePortInUseError, consolePortFor, serveWithConsole } from '../console/served-console';
import { type Gateway, startGateway } from '../gateway';
import { TerminalPrinter } from '../logs/terminal-printer';
import { type ServedCloud, startServedCloud } from '../served-cloud';
import { AppReloader } from './app-reloader';
import type { ServeOptions } from './cli-options';
import { SynthesisFolders } from './synthesis-folders';
import { synthesizeApp } from './synthesize-app';

/** Input the command cannot serve (a folder, a stack name, a port); the message says what was expected. */
export class ServeInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServeInputError';
  }
}

/**
 * `local-cloud serve`: synthesizes the app (or takes its assembly), brings its stack up and serves
 * it on one loopback port, printing what runs, the outputs with their local values, and then every
 * log line. Whatever fails on the way is undone: no port, process or clock is left behind. With
 * `--watch`, each synthesis goes to a fresh folder and every save of the app's source swaps the
 * functions' code (see {@link AppReloader}); stopping removes those folders.
 */
export async function serve(
  options: ServeOptions,
  output: Writable & { readonly isTTY?: boolean } = process.stdout,
): Promise<ServedCloud> {
  if (options.watch && options.app !== undefined) return serveWatched(options.app, options, output);
  return serveAssembly(
    options,
    output,
    assemblyOf(options, (line) => output.write(`${line}\n`)),
  );
}

/** `serve --app --watch`: the first synthesis in a folder of its own, then an {@link AppReloader}. */
async function serveWatched(
  app: string,
  options: ServeOptions,
  output: Writable & { readonly isTTY?: boolean },
): Promise<ServedCloud> {
  const write = (line: string) => output.write(`${line}\n`);
  const folders = SynthesisFolders.create(app);
  const first = folders.next();
  folders.settled(first);
  let served: ServedCloud;
  const synthesizedAt = Date.now();
  try {
    write(`Synthesizing the CDK app in ${resolve(app)}...`);
    served = await serveAssembly(options, output, synthesizeApp(app, options.context, { outdir: first }));
  } catch (error) {
    folders.removeAll();
    throw error;
  }
  const reloader = new AppReloader({
    appDirectory: app,
    context: options.context,
    cloud: served.cloud,
    folders,
    ignoredFolders: options.stateDirectory === undefined ? [] : [options.stateDirectory],
    write,
  });
  reloader.start(synthesizedAt);
  return {
    ...served,
    stop: async () => {
      await reloader.stop();
      await served.stop();
      folders.removeAll();
    },
  };
}

/** Serves a synthesized assembly: the stacks, the port, the clock, the cloud, and what it says at the start. */
async function serveAssembly(
  options: ServeOptions,
  output: Writable & { readonly isTTY?: boolean },
  assemblyDirectory: string,
): Promise<ServedCloud> {
  const write = (line: string) => output.write(`${line}\n`);
  const [stackName, ...additionalStackNames] = stacksOf(assemblyDirectory, options.stacks);
  const gateway = await gatewayOn(options.port);
  let clock: ResumedClock;
  try {
    clock = clockFor(options, write);
  } catch (error) {
    await gateway.close();
    throw error;
  }
  const served = await startServedCloud(
    gateway,
    {
      assemblyDirectory,
      stackName,
      additionalStackNames,
      clock: clock.clock,
      stateDirectory: options.stateDirectory,
      printer: new TerminalPrinter({ output }),
      onProblem: (problem) => write(`warning: ${problem}`),
      onAlarmStateChange: (change) => write(alarmStateChangeLine(change)),
    },
    clock.stop,
  );
  if (options.console === false) {
    for (const line of startupLines(served.cloud, served.endpoint, options.timeScale)) write(line);
    return served;
  }
  const consoled = await serveWithConsole(served, consolePortFor(options.port, options.consolePort)).catch(
    (error: unknown) => {
      throw error instanceof ConsolePortInUseError ? new ServeInputError(error.message) : error;
    },
  );
  for (const line of startupLines(served.cloud, served.endpoint, options.timeScale, consoled.console.url)) {
    write(line);
  }
  return consoled.served;
}

function assemblyOf(options: ServeOptions, write: (line: string) => void): string {
  if (options.app !== undefined) {
    write(`Synthesizing the CDK app in ${resolve(options.app)}...`);
    return synthesizeApp(options.app, options.context);
  }
  const directory = resolve(options.assembly ?? '');
  if (!existsSync(join(directory, 'manifest.json'))) {
    throw new ServeInputError(
      `${directory} is not a cloud assembly: it has no manifest.json (--assembly takes a synthesized cdk.out, --app a CDK app's folder)`,
    );
  }
  return directory;
}

/** The stacks to bring up, as the assembly names them: those asked for, or all of them in dependency order. */
function stacksOf(assemblyDirectory: string, requested: readonly string[]): string[] {
  const assembly = readCloudAssembly(assemblyDirectory);
  if (requested.length === 0) {
    const names = assembly.allStacks().map((stack) => stack.stackName);
    if (names.length === 0) throw new ServeInputError(`cloud assembly ${assemblyDirectory} has no stacks`);
    return names;
  }
  try {
    return requested.map((name) => assembly.stack(name).stackName);
  } catch (error) {
    if (error instanceof CloudAssemblyError) throw new ServeInputError(error.message);
    throw error;
  }
}

async function gatewayOn(port: number): Promise<Gateway> {
  try {
    return await startGateway(port);
  } catch (error) {
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new ServeInputError(
        `port ${port} is in use on 127.0.0.1: choose another with --port (0 picks a free one)`,
      );
    }
    throw error;
  }
}

/** The cloud's clock; with a state folder, resumed where the last run stopped and checkpointed. */
function clockFor(options: ServeOptions, write: (line: string) => void): ResumedClock {
  if (options.stateDirectory === undefined) {
    return { clock: scaledClock(options.timeScale), stop: () => undefined };
  }
  mkdirSync(options.stateDirectory, { recursive: true });
  write(`Keeping state in ${resolve(options.stateDirectory)}`);
  return resumedClock(options.stateDirectory, options.timeScale);
}

/** What runs and what does not, stack by stack, then the outputs and how to reach the cloud and its console. */
function startupLines(cloud: LocalCloud, endpoint: string, timeScale: number, consoleUrl?: string): string[] {
  const lines = cloud.support.flatMap((support) => [formatStackSupport(support), '']);
  lines.push(`${timeScaleNotice(timeScale)}.`);
  for (const stack of cloud.stacks) {
    lines.push(`Outputs of ${stack.stackName} (local):`);
    lines.push(...Object.entries(stack.outputs).map(([name, value]) => `  ${name} = ${value}`));
  }
  lines.push(
    '',
    `export AWS_ENDPOINT_URL=${endpoint} AWS_REGION=${cloud.stack.environment.region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
    ...(consoleUrl === undefined ? [] : [`Console: ${consoleUrl}`]),
    `local-cloud ready at ${endpoint} (SQS, Lambda, DynamoDB, CloudWatch Logs, CloudWatch, CloudFormation). Ctrl+C stops it.`,
  );
  return lines;
}
