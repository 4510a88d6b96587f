import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { readCloudAssembly } from '../assembly/cloud-assembly';
import { CloudAssemblyError } from '../assembly/errors';
import { formatStackSupport } from '../assembly/support-report';
import { type Clock, scaledClock, timeScaleNotice } from '../clock';
import { resumedClock } from '../clock-checkpoint';
import { LocalCloud } from '../cloud';
import { alarmStateChangeLine } from '../cloudwatch';
import { type Gateway, startGateway } from '../gateway';
import { TerminalPrinter } from '../logs/terminal-printer';
import type { ServeOptions } from './cli-options';
import { synthesizeApp } from './synthesize-app';

/** A local cloud kept running behind one endpoint until {@link stop}. */
export interface ServingCloud {
  readonly endpoint: string;
  readonly cloud: LocalCloud;
  stop(): Promise<void>;
}

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
 * log line. Whatever fails on the way is undone: no port, process or clock is left behind.
 */
export async function serve(
  options: ServeOptions,
  output: Writable & { readonly isTTY?: boolean } = process.stdout,
): Promise<ServingCloud> {
  const write = (line: string) => output.write(`${line}\n`);
  const assemblyDirectory = assemblyOf(options, write);
  const [stackName, ...additionalStackNames] = stacksOf(assemblyDirectory, options.stacks);
  const gateway = await gatewayOn(options.port);
  let stopClock: () => void = () => undefined;
  try {
    const clock = clockFor(options, write, (stop) => {
      stopClock = stop;
    });
    const cloud = await LocalCloud.start({
      assemblyDirectory,
      stackName,
      additionalStackNames,
      clock,
      publicEndpoint: gateway.endpoint,
      stateDirectory: options.stateDirectory,
      printer: new TerminalPrinter({ output }),
      onProblem: (problem) => write(`warning: ${problem}`),
      onAlarmStateChange: (change) => write(alarmStateChangeLine(change)),
    });
    gateway.serve(cloud);
    for (const line of startupLines(cloud, gateway.endpoint, options.timeScale)) write(line);
    return {
      endpoint: gateway.endpoint,
      cloud,
      stop: async () => {
        await gateway.close();
        await cloud.stop();
        stopClock();
      },
    };
  } catch (error) {
    stopClock();
    await gateway.close();
    throw error;
  }
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

function clockFor(
  options: ServeOptions,
  write: (line: string) => void,
  onStop: (stop: () => void) => void,
): Clock {
  if (options.stateDirectory === undefined) return scaledClock(options.timeScale);
  mkdirSync(options.stateDirectory, { recursive: true });
  const resumed = resumedClock(options.stateDirectory, options.timeScale);
  onStop(resumed.stop);
  write(`Keeping state in ${resolve(options.stateDirectory)}`);
  return resumed.clock;
}

/** What runs and what does not, stack by stack, then the outputs and how to reach the cloud. */
function startupLines(cloud: LocalCloud, endpoint: string, timeScale: number): string[] {
  const lines = cloud.support.flatMap((support) => [formatStackSupport(support), '']);
  lines.push(`${timeScaleNotice(timeScale)}.`);
  for (const stack of cloud.stacks) {
    lines.push(`Outputs of ${stack.stackName} (local):`);
    lines.push(...Object.entries(stack.outputs).map(([name, value]) => `  ${name} = ${value}`));
  }
  lines.push(
    '',
    `export AWS_ENDPOINT_URL=${endpoint} AWS_REGION=${cloud.stack.environment.region} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
    `local-cloud ready at ${endpoint} (SQS, Lambda, DynamoDB, CloudWatch Logs, CloudWatch, CloudFormation). Ctrl+C stops it.`,
  );
  return lines;
}
