import {
  type CommandLine,
  type HELP,
  numberOption,
  parseCommandLine,
  resolveCommandLine,
  UsageError,
} from '../cli/command-line';
import { scaledClock } from '../clock';
import { normaliseAdvertisedEndpoint } from './host-guard';
import { type SqsServerOptions, startSqsServer } from './server';

const USAGE = `Usage: npm run sqs -- [options]

A local SQS endpoint (AWS JSON 1.0 and Query protocols) on 127.0.0.1.

Options:
  --port N                  TCP port, 0 for any free one (default 9324)
  --state DIR               keep queues and messages in DIR, durable across restarts (default: memory only)
  --account ID              account id in queue URLs and ARNs (default 000000000000)
  --region NAME             region in ARNs (default us-east-1)
  --time-scale X            run the queue clock X times faster than real time (default 1)
  --fail-batch-entries F    fail a fraction F (0-1) of SendMessageBatch entries, as InternalError
  --response-delay-ms N     delay every response by N ms
  --advertised-endpoint URL base of the queue URLs it hands out, e.g. a gateway's http://127.0.0.1:4566
                            (default: the address it listens on)
  -h, --help                show this help
`;

const OPTIONS = {
  port: { type: 'string' },
  state: { type: 'string' },
  account: { type: 'string' },
  region: { type: 'string' },
  'time-scale': { type: 'string' },
  'fail-batch-entries': { type: 'string' },
  'response-delay-ms': { type: 'string' },
  'advertised-endpoint': { type: 'string' },
} as const;

/** `npm run sqs`'s command line. */
export const SQS_COMMAND_LINE: CommandLine<typeof OPTIONS> = {
  command: 'npm run sqs',
  usage: USAGE,
  options: OPTIONS,
};

/** Parses the command line into server options; throws {@link UsageError} naming the bad option. */
export function parseArguments(argv: readonly string[]): SqsServerOptions | typeof HELP {
  return parseCommandLine(SQS_COMMAND_LINE, argv, ({ values }) => {
    const account = values.account;
    if (account !== undefined && !/^\d{12}$/.test(account)) {
      throw new UsageError(`--account must be 12 digits (given ${account})`);
    }
    const timeScale = numberOption('--time-scale', values['time-scale'], { min: 0.001, max: 1_000_000 });
    return {
      port: numberOption('--port', values.port, { min: 0, max: 65_535, integer: true }) ?? 9324,
      stateDir: values.state,
      advertisedEndpoint: advertisedEndpointOf(values['advertised-endpoint']),
      accountId: account,
      region: values.region,
      clock: timeScale === undefined || timeScale === 1 ? undefined : scaledClock(timeScale),
      faults: {
        sendBatchFailureRate: numberOption('--fail-batch-entries', values['fail-batch-entries'], {
          min: 0,
          max: 1,
        }),
        responseDelayMs: numberOption('--response-delay-ms', values['response-delay-ms'], {
          min: 0,
          max: 600_000,
        }),
      },
    };
  });
}

function advertisedEndpointOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    normaliseAdvertisedEndpoint(raw);
  } catch {
    throw new UsageError(
      `--advertised-endpoint must be an http or https URL without query or fragment (given ${raw})`,
    );
  }
  return raw;
}

async function main(): Promise<void> {
  const commandLine = resolveCommandLine(SQS_COMMAND_LINE, () => parseArguments(process.argv.slice(2)));
  if ('exitCode' in commandLine) {
    process.exitCode = commandLine.exitCode;
    return;
  }
  const server = await startSqsServer(commandLine.options);
  process.stdout.write(`SQS endpoint ready at ${server.endpoint}\n`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
