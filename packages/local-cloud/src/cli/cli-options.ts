import {
  type CommandLine,
  HELP,
  keyValueOption,
  numberOption,
  type ParsedCommandLine,
  parseCommandLine,
  UsageError,
} from './command-line';

/** The port LocalStack made familiar for a local AWS endpoint. */
export const DEFAULT_PORT = 4566;
/** Waits run 10 times faster; function code always runs in real time (see docs/time.md). */
export const DEFAULT_TIME_SCALE = 10;

export const USAGE = `Usage:
  local-cloud serve (--app DIR | --assembly DIR) [--stack NAME] [options]
  local-cloud invoke FUNCTION [--payload JSON] [--port P]
  local-cloud --help

serve     runs a CDK app's stack on this machine behind one loopback port, for the AWS CLI and SDKs
  --app DIR          a CDK app's folder (with cdk.json): synthesized as the CDK CLI does, into DIR/cdk.out
  --assembly DIR     an already synthesized cloud assembly (cdk.out)
  --stack NAME       a stack to run, by name or construct path (repeatable; default: every stack
                     of the assembly and its stages, in dependency order, with their exports)
  --port P           the port of the one endpoint for every service (default ${DEFAULT_PORT}; 0 picks one)
  --console-port P   the port of the web console at /_console/ (default: the --port one up, or a
                     free one with --port 0; 0 picks one)
  --no-console       serve no web console
  --state DIR        keep queues, messages, tables and logs in DIR across restarts, kill -9 included
  --time-scale X     run waits (visibility timeouts, batching windows, delays, retries) X times
                     faster (default ${DEFAULT_TIME_SCALE}); function code runs in real time
  -c KEY=VALUE       CDK context for --app, as with cdk synth (repeatable)
  --watch            with --app: synthesize again on every save of the app's source, and run the
                     new code in new invocations; queues, tables and logs keep their state

invoke    invokes a function of a running \`local-cloud serve\` and prints its answer
  FUNCTION           the function's name, ARN or logical id (e.g. Producer for MyStack-Producer1A2B3C4D)
  --payload JSON     the event (default {})
  --port P           the port \`serve\` listens on (default ${DEFAULT_PORT})`;

/** `local-cloud serve`. */
export interface ServeOptions {
  readonly command: 'serve';
  /** Exactly one of `app` and `assembly`. */
  readonly app?: string;
  readonly assembly?: string;
  /** The stacks to bring up; empty for every stack of the assembly. */
  readonly stacks: readonly string[];
  readonly port: number;
  readonly stateDirectory?: string;
  readonly timeScale: number;
  readonly context: Readonly<Record<string, string>>;
  /** Re-synthesize the app when its source changes and swap the functions' code. @default false */
  readonly watch?: boolean;
  /** The web console's port. @default - `port` + 1, or a free one when `port` is 0 */
  readonly consolePort?: number;
  /** `--no-console`: serve no web console. @default true */
  readonly console?: false;
}

/** `local-cloud invoke`. */
export interface InvokeOptions {
  readonly command: 'invoke';
  readonly functionName: string;
  /** The event, as JSON text (checked). */
  readonly payload: string;
  readonly port: number;
}

/** A command to run; `--help`, `help` or no command at all ask for the usage instead ({@link HELP}). */
export type CliOptions = ServeOptions | InvokeOptions;

const OPTIONS = {
  app: { type: 'string' },
  assembly: { type: 'string' },
  stack: { type: 'string', multiple: true },
  port: { type: 'string' },
  state: { type: 'string' },
  'time-scale': { type: 'string' },
  context: { type: 'string', short: 'c', multiple: true },
  payload: { type: 'string' },
  watch: { type: 'boolean' },
  'console-port': { type: 'string' },
  'no-console': { type: 'boolean' },
} as const;

/** `local-cloud`'s command line: a command (serve, invoke) and its options. */
export const CLI_COMMAND_LINE: CommandLine<typeof OPTIONS> = {
  command: 'local-cloud',
  usage: USAGE,
  options: OPTIONS,
  allowPositionals: true,
};

type Parsed = ParsedCommandLine<typeof OPTIONS>;

/** Parses `local-cloud`'s arguments; throws {@link UsageError} naming the problem. */
export function parseCliOptions(args: readonly string[]): CliOptions | typeof HELP {
  return parseCommandLine(CLI_COMMAND_LINE, args, commandOptions);
}

function commandOptions({ values, positionals }: Parsed): CliOptions | typeof HELP {
  const [command, ...rest] = positionals;
  if (command === undefined || command === 'help') return HELP;
  if (command === 'serve') {
    if (rest.length > 0) throw new UsageError(`serve takes no arguments (given ${rest.join(' ')})`);
    return serveOptions(values);
  }
  if (command === 'invoke') {
    if (rest.length !== 1) throw new UsageError('invoke takes one FUNCTION (its name, ARN or logical id)');
    return invokeOptions(rest[0], values);
  }
  throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: serve, invoke)`);
}

function serveOptions(values: Parsed['values']): ServeOptions {
  if ((values.app === undefined) === (values.assembly === undefined)) {
    throw new UsageError('serve needs one of --app DIR (a CDK app) or --assembly DIR (a cdk.out)');
  }
  if (values.context !== undefined && values.app === undefined) {
    throw new UsageError('-c KEY=VALUE is CDK context for synthesizing: it goes with --app');
  }
  if (values.watch && values.app === undefined) {
    throw new UsageError(
      '--watch synthesizes the app again when its source changes: it goes with --app, not --assembly',
    );
  }
  return {
    command: 'serve',
    app: values.app,
    assembly: values.assembly,
    stacks: values.stack ?? [],
    port: portOf(values.port),
    stateDirectory: values.state,
    timeScale:
      numberOption('--time-scale', values['time-scale'], { min: 0.001, max: 1000 }) ?? DEFAULT_TIME_SCALE,
    context: keyValueOption('-c', values.context),
    ...(values.watch ? { watch: true } : {}),
    ...consoleOptions(values),
  };
}

function consoleOptions(values: Parsed['values']): Pick<ServeOptions, 'console' | 'consolePort'> {
  const consolePort = numberOption('--console-port', values['console-port'], {
    min: 0,
    max: 65_535,
    integer: true,
  });
  if (values['no-console']) {
    if (consolePort !== undefined)
      throw new UsageError('--console-port and --no-console go against each other: give one');
    return { console: false };
  }
  return consolePort === undefined ? {} : { consolePort };
}

function invokeOptions(functionName: string, values: Parsed['values']): InvokeOptions {
  const payload = values.payload ?? '{}';
  try {
    JSON.parse(payload);
  } catch {
    throw new UsageError(`--payload must be JSON (given ${JSON.stringify(payload)})`);
  }
  return { command: 'invoke', functionName, payload, port: portOf(values.port) };
}

function portOf(raw: string | undefined): number {
  return numberOption('--port', raw, { min: 0, max: 65_535, integer: true }) ?? DEFAULT_PORT;
}
