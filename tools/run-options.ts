/** The command line of `npm start`: its options, their defaults and their checks. */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  type CommandLine,
  type HELP,
  keyValueOption,
  numberOption,
  type ParsedCommandLine,
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
/**
 * The demo's web console port: the one `--serve` and `local-cloud serve` take by default (the
 * endpoint's port + 1), the same at every run, so a page left open reconnects to the next run.
 */
export const DEFAULT_CONSOLE_PORT = DEFAULT_PORT + 1;

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
  --report-html FILE    write the run's timeline and summary as one HTML file that opens offline
  --timeout S           give up after S real seconds in which nothing moved (default ${DEFAULT_TIMEOUT_SECONDS})
  --logs                print the log streams even with --orders (they always go to .local/logs/)
  --keep-open           keep the cloud and its web console serving after the summary, until Ctrl+C
  --console-port P      the web console's port (default ${DEFAULT_CONSOLE_PORT}, with --serve the endpoint's port + 1;
                        0 picks one); its address is printed at start: http://127.0.0.1:P/_console/
  --no-console          run without the web console
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
  /** Where to write the run's timeline and summary as one self-contained HTML file. */
  readonly reportHtmlFile?: string;
  readonly timeoutSeconds: number;
  readonly printLogs: boolean;
  readonly context: Record<string, string>;
  /** Keep the stack running behind one endpoint instead of running the demo. */
  readonly serve: boolean;
  readonly port: number;
  /** With `serve`: the folder that keeps the cloud's state across restarts. */
  readonly stateDirectory?: string;
  /** The demo keeps its cloud and console serving after the summary, until Ctrl+C. */
  readonly keepOpen: boolean;
  /** Whether to serve the web console. */
  readonly console: boolean;
  /**
   * The web console's port; 0 picks a free one.
   * @default - {@link DEFAULT_CONSOLE_PORT} for the demo (a free one when another run holds it),
   * the endpoint's port + 1 with `serve`
   */
  readonly consolePort?: number;
}

const OPTIONS = {
  orders: { type: 'string' },
  'invalid-ratio': { type: 'string' },
  'time-scale': { type: 'string' },
  report: { type: 'string' },
  'report-html': { type: 'string' },
  'keep-open': { type: 'boolean' },
  'console-port': { type: 'string' },
  'no-console': { type: 'boolean' },
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
    checkServeOptions(values);
    checkConsoleOptions(values);
    return {
      orders,
      invalidRatio: invalidRatio ?? 0,
      timeScale:
        numberOption('--time-scale', values['time-scale'], { min: 0.001, max: 1000 }) ?? DEFAULT_TIME_SCALE,
      reportFile: values.report,
      reportHtmlFile: htmlReportFile(values['report-html']),
      timeoutSeconds:
        numberOption('--timeout', values.timeout, { min: 1, max: 86_400 }) ?? DEFAULT_TIMEOUT_SECONDS,
      printLogs: values.logs === true || orders === undefined,
      serve: values.serve === true,
      port: numberOption('--port', values.port, { min: 0, max: 65_535, integer: true }) ?? DEFAULT_PORT,
      stateDirectory: values.state,
      keepOpen: values['keep-open'] === true,
      console: values['no-console'] !== true,
      consolePort: numberOption('--console-port', values['console-port'], {
        min: 0,
        max: 65_535,
        integer: true,
      }),
      context: keyValueOption('-c', values.context),
    };
  });
}

type Values = ParsedCommandLine<typeof OPTIONS>['values'];

/** The options that go only with `--serve`, and those that go only with the demo. */
function checkServeOptions(values: Values): void {
  if (values.state !== undefined && values.serve !== true) {
    throw new UsageError('--state goes with --serve (a demo run always starts from empty queues and tables)');
  }
  if (values.state !== undefined && values.state.trim() === '') {
    throw new UsageError('--state needs a folder (given an empty string)');
  }
  if (values.serve === true && values['keep-open'] === true) {
    throw new UsageError('--keep-open goes with the demo (--serve always serves until Ctrl+C)');
  }
  if (values.serve === true && values['report-html'] !== undefined) {
    throw new UsageError('--report-html goes with the demo (--serve has no run to report)');
  }
}

/** `--no-console` leaves nothing for the console's other options to do. */
function checkConsoleOptions(values: Values): void {
  if (values['no-console'] !== true) return;
  if (values['console-port'] !== undefined)
    throw new UsageError('--console-port does not go with --no-console');
  if (values['keep-open'] === true) {
    throw new UsageError('--keep-open keeps the web console serving: it does not go with --no-console');
  }
}

/**
 * Checks the folder of `--report-html` before the run, rather than failing to write after it.
 *
 * @throws UsageError when the file is empty or its folder does not exist
 */
function htmlReportFile(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  if (file.trim() === '') throw new UsageError('--report-html needs a file (given an empty string)');
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`--report-html: the folder ${folder} does not exist (given ${file})`);
  }
  return file;
}
