import { scaledClock } from './clock';
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
  --help                    show this help
`;

/** Parses the command line into server options; throws with a message naming the bad flag. */
export function parseArguments(argv: readonly string[]): SqsServerOptions | 'help' {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === '--help' || flag === '-h') return 'help';
    const known = [
      '--port',
      '--state',
      '--account',
      '--region',
      '--time-scale',
      '--fail-batch-entries',
      '--response-delay-ms',
      '--advertised-endpoint',
    ];
    if (!known.includes(flag)) throw new Error(`unknown option ${flag}`);
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
    values.set(flag, value);
    index++;
  }
  const number = (flag: string, min: number, max: number): number | undefined => {
    const raw = values.get(flag);
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
      throw new Error(`${flag} must be a number between ${min} and ${max} (given ${raw})`);
    }
    return parsed;
  };
  const account = values.get('--account');
  if (account !== undefined && !/^\d{12}$/.test(account))
    throw new Error(`--account must be 12 digits (given ${account})`);
  const timeScale = number('--time-scale', 0.001, 1_000_000);
  const advertisedEndpoint = values.get('--advertised-endpoint');
  if (advertisedEndpoint !== undefined) {
    try {
      normaliseAdvertisedEndpoint(advertisedEndpoint);
    } catch {
      throw new Error(
        `--advertised-endpoint must be an http or https URL without query or fragment (given ${advertisedEndpoint})`,
      );
    }
  }
  return {
    port: number('--port', 0, 65_535) ?? 9324,
    stateDir: values.get('--state'),
    advertisedEndpoint,
    accountId: account,
    region: values.get('--region'),
    clock: timeScale === undefined || timeScale === 1 ? undefined : scaledClock(timeScale),
    faults: {
      sendBatchFailureRate: number('--fail-batch-entries', 0, 1),
      responseDelayMs: number('--response-delay-ms', 0, 600_000),
    },
  };
}

async function main(): Promise<void> {
  let options: SqsServerOptions | 'help';
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const server = await startSqsServer(options);
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
