import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs AWS CLI commands for tests without paying the CLI's start for each: about half a second of
 * CPU per `aws` process, most of a CLI-heavy suite's time on a 2-core machine. One Python process
 * per CLI (`aws-cli-driver.py`) imports the CLI once and runs each command with a fresh CLI driver,
 * its own arguments, environment and working folder, so the command parses, signs, sends and
 * prints exactly as the `aws` script would. Where that cannot hold (a command that names a device
 * or follows a log), or the driver cannot start, the real `aws` runs instead.
 */

/** What one command printed, and its exit status. */
export interface AwsCliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Options of {@link runAwsCli}. */
export interface AwsCliRunOptions {
  /** The whole environment of the command. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** @default 60_000 */
  readonly timeoutMs?: number;
}

/** A driver that has run no command for this long ends itself; the next command starts another. */
const DRIVER_IDLE_SECONDS = 30;
const DRIVER_START_TIMEOUT_MS = 30_000;
const DRIVER_SCRIPT = join(__dirname, 'aws-cli-driver.py');
const SHIM_SCRIPT = join(__dirname, 'aws-cli-shim.py');

interface Driver {
  readonly socketPath: string;
  readonly process: ChildProcess;
  /** Commands go one at a time: the driver runs them in turn anyway. */
  queue: Promise<unknown>;
}

const drivers = new Map<string, Promise<Driver | undefined>>();

/**
 * Runs `aws <args>` with the CLI at `cliPath`: in its driver when it has one, else as a process.
 *
 * @example
 * const { stdout, code } = await runAwsCli('/usr/bin/aws', ['--endpoint-url', endpoint, 'sqs', 'list-queues'], { env: awsCliEnvironment() });
 */
export async function runAwsCli(
  cliPath: string,
  args: readonly string[],
  options: AwsCliRunOptions = {},
): Promise<AwsCliResult> {
  const driver = await driverFor(cliPath);
  if (driver === undefined || !driverCanRun(args)) return runAsProcess(cliPath, args, options);
  const result = driver.queue.then(() => runInDriver(cliPath, driver, args, options));
  driver.queue = result.catch(() => undefined);
  return result;
}

/** An `aws` for a shell: a folder to put first on its PATH, and the variables to add to its environment. */
export interface AwsCliShim {
  readonly folder: string;
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * An `aws` for a shell, so each `aws` command in the shell runs in the CLI's driver (or as the
 * real CLI, when the driver could not run it as that would).
 */
export async function awsCliShim(cliPath: string): Promise<AwsCliShim> {
  const driver = await driverFor(cliPath);
  const folder = mkdtempSync(join(tmpdir(), 'aws-cli-shim-'));
  const shim = join(folder, 'aws');
  copyFileSync(SHIM_SCRIPT, shim);
  chmodSync(shim, 0o755);
  return {
    folder,
    environment: {
      LOCAL_CLOUD_AWS_CLI: cliPath,
      ...(driver === undefined ? {} : { LOCAL_CLOUD_AWS_CLI_SOCKET: driver.socketPath }),
    },
  };
}

/** The same conditions as the shell's shim: the real CLI for devices and `--follow`. */
function driverCanRun(args: readonly string[]): boolean {
  return !args.includes('--follow') && !args.some((argument) => argument.includes('/dev/'));
}

function driverFor(cliPath: string): Promise<Driver | undefined> {
  let driver = drivers.get(cliPath);
  if (driver === undefined) {
    driver = startDriver(cliPath);
    drivers.set(cliPath, driver);
  }
  return driver;
}

/** The Python the `aws` script runs under, from its `#!` line; undefined when it is not Python. */
function interpreterOf(cliPath: string): readonly string[] | undefined {
  const firstLine = readFileSync(cliPath, 'utf8').split('\n', 1)[0] ?? '';
  if (!firstLine.startsWith('#!') || !firstLine.includes('python')) return undefined;
  return firstLine.slice(2).trim().split(/\s+/);
}

function startDriver(cliPath: string): Promise<Driver | undefined> {
  const interpreter = interpreterOf(cliPath);
  if (interpreter === undefined) return Promise.resolve(undefined);
  const socketPath = join(mkdtempSync(join(tmpdir(), 'aws-cli-driver-')), 'socket');
  const [command, ...interpreterArgs] = interpreter;
  const child = spawn(
    command ?? 'python3',
    [...interpreterArgs, DRIVER_SCRIPT, socketPath, `${DRIVER_IDLE_SECONDS}`],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve) => {
    let output = '';
    let errors = '';
    // A driver that cannot start says why once; its CLI then runs as processes for the whole file.
    const giveUp = () => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      process.emitWarning(
        `the AWS CLI driver for ${cliPath} did not start; each command runs as a process: ${errors}`,
      );
      resolve(undefined);
    };
    const timer = setTimeout(giveUp, DRIVER_START_TIMEOUT_MS);
    child.on('error', giveUp);
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('ready')) return;
      clearTimeout(timer);
      child.removeListener('error', giveUp);
      child.removeListener('exit', giveUp);
      // An idle driver ends itself; the next command starts another.
      child.on('exit', () => drivers.delete(cliPath));
      // The driver must not keep a test process alive; it ends itself when its stdin closes.
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as Socket).unref();
      resolve({ socketPath, process: child, queue: Promise.resolve() });
    });
    child.on('exit', giveUp);
  });
}

function runInDriver(
  cliPath: string,
  driver: Driver,
  args: readonly string[],
  options: AwsCliRunOptions,
): Promise<AwsCliResult> {
  const request = { argv: args, env: options.env ?? process.env, cwd: options.cwd ?? process.cwd() };
  return new Promise((resolve) => {
    const connection = createConnection(driver.socketPath);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      // A command that hangs holds the driver: end it, and the next command starts another.
      connection.destroy();
      driver.process.kill('SIGKILL');
      drivers.delete(cliPath);
      resolve({ stdout: '', stderr: `aws ${args.join(' ')}: timed out`, code: 124 });
    }, options.timeoutMs ?? 60_000);
    connection.on('data', (chunk: Buffer) => chunks.push(chunk));
    connection.on('error', (error) => {
      clearTimeout(timer);
      drivers.delete(cliPath);
      runAsProcess(cliPath, args, options).then(resolve, () =>
        resolve({ stdout: '', stderr: error.message, code: 255 }),
      );
    });
    connection.on('end', () => {
      clearTimeout(timer);
      resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AwsCliResult);
    });
    connection.end(`${JSON.stringify(request)}\n`);
  });
}

function runAsProcess(
  cliPath: string,
  args: readonly string[],
  options: AwsCliRunOptions,
): Promise<AwsCliResult> {
  return new Promise((resolve) => {
    execFile(
      cliPath,
      [...args],
      {
        env: options.env ?? process.env,
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ stdout, stderr, code });
      },
    );
  });
}
