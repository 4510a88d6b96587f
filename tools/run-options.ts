/** The command line of `npm start`: its options, their defaults and their checks. */
import {
  type CommandLine,
  type HELP,
  keyValueOption,
  numberOption,
  parseCommandLine,
  UsageError,
} from 'local-cloud';

/** The usage error of `npm start`; `tools/cli.ts` catches it by this name. */
export { UsageError };

/** The time scale of `npm start` when none is given. */
export const DEFAULT_TIME_SCALE = 10;
const DEFAULT_TIMEOUT_SECONDS = 120;
/** The port LocalStack made familiar for a local AWS endpoint. */
const DEFAULT_PORT = 4566;

export const USAGE = `Usage: npm start -- [options]

Runs the synthesized stack locally and sends it orders (by default the lecture's demo: ten valid
orders and UserX without an address), then prints the log streams and a summary.

Options:
  --orders N            generate N orders instead of the demo (1 to 100000)
  --invalid-ratio R     with --orders: the fraction of invalid orders (0 to 1, default 0)
  --time-scale X        run the cloud's clock X times faster (default ${DEFAULT_TIME_SCALE}): visibility timeouts,
                        batching windows, delays and retries are compressed alike; function code
                        runs in real time, against its real timeout
  --report FILE         write the summary as JSON
  --timeout S           give up after S real seconds in which nothing moved (default ${DEFAULT_TIMEOUT_SECONDS})
  --logs                print the log streams even with --orders (they always go to .local/logs/)
  --serve               keep the stack running for the AWS CLI and SDKs instead of running the demo
  --port P              with --serve: the port of the one endpoint for every service (default ${DEFAULT_PORT})
  --state DIR           with --serve: keep queues, messages, tables and logs in DIR, so a restart
                        (even after kill -9) finds them again; without it everything is in memory
  -c KEY=VALUE          CDK context, as with cdk deploy (e.g. -c maxConcurrency=5)
  -h, --help            this text`;

/** The options of a run, checked. */
export interface RunOptions {
  readonly orders?: number;
  readonly invalidRatio: number;
  readonly timeScale: number;
  readonly reportFile?: string;
  readonly timeoutSeconds: number;
  readonly printLogs: boolean;
  readonly context: Record<string, string>;
  /** Keep the stack running behind one endpoint instead of running the demo. */
  readonly serve: boolean;
  readonly port: number;
  /** With `serve`: the folder that keeps the cloud's state across restarts. */
  readonly stateDirectory?: string;
}

const OPTIONS = {
  orders: { type: 'string' },
  'invalid-ratio': { type: 'string' },
  'time-scale': { type: 'string' },
  report: { type: 'string' },
  timeout: { type: 'string' },
  logs: { type: 'boolean' },
  serve: { type: 'boolean' },
  port: { type: 'string' },
  state: { type: 'string' },
  context: { type: 'string', short: 'c', multiple: true },
} as const;

/** `npm start`'s command line. */
export const RUN_COMMAND_LINE: CommandLine<typeof OPTIONS> = {
  command: 'npm start',
  usage: USAGE,
  options: OPTIONS,
};

/** Parses the command line into {@link RunOptions}; throws {@link UsageError} naming the problem. */
export function parseRunOptions(args: readonly string[]): RunOptions | typeof HELP {
  return parseCommandLine(RUN_COMMAND_LINE, args, ({ values }) => {
    const orders = numberOption('--orders', values.orders, { min: 1, max: 100_000, integer: true });
    const invalidRatio = numberOption('--invalid-ratio', values['invalid-ratio'], { min: 0, max: 1 });
    if (invalidRatio !== undefined && orders === undefined) {
      throw new UsageError('--invalid-ratio goes with --orders N');
    }
    if (values.state !== undefined && values.serve !== true) {
      throw new UsageError(
        '--state goes with --serve (a demo run always starts from empty queues and tables)',
      );
    }
    if (values.state !== undefined && values.state.trim() === '') {
      throw new UsageError('--state needs a folder (given an empty string)');
    }
    return {
      orders,
      invalidRatio: invalidRatio ?? 0,
      timeScale:
        numberOption('--time-scale', values['time-scale'], { min: 0.001, max: 1000 }) ?? DEFAULT_TIME_SCALE,
      reportFile: values.report,
      timeoutSeconds:
        numberOption('--timeout', values.timeout, { min: 1, max: 86_400 }) ?? DEFAULT_TIMEOUT_SECONDS,
      printLogs: values.logs === true || orders === undefined,
      serve: values.serve === true,
      port: numberOption('--port', values.port, { min: 0, max: 65_535, integer: true }) ?? DEFAULT_PORT,
      stateDirectory: values.state,
      context: keyValueOption('-c', values.context),
    };
  });
}
