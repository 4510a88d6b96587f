import {
  type CommandLine,
  checkAll,
  type HELP,
  numberOption,
  oneOfOption,
  parseCommandLine,
  UsageError,
} from 'local-cloud/command-line';
import { STACK_NAME } from '../../lib/order-pipeline-app';
import { REJECTION_REASONS } from '../../shared/rejection';

/** What `npm run redrive` was asked to do. */
export interface RedriveOptions {
  /**
   * `records`: send recorded rejected orders back to the orders queue. `move-dlq`: move the
   * messages still on the dead-letter queue back to their source queue.
   */
  readonly mode: 'records' | 'move-dlq';
  /** The stack whose outputs name the queues and tables. @default 'OrderPipeline' */
  readonly stackName: string;
  /** Only records with one of these reasons. @default - every reason */
  readonly reasons?: readonly string[];
  /** List what would be sent, send nothing, mark nothing. */
  readonly dryRun: boolean;
  /** At most this many records (a whole number from 1). @default - all that match */
  readonly limit?: number;
  /** An endpoint for every AWS call (the local cloud's gateway). @default - AWS_ENDPOINT_URL, else AWS's own */
  readonly endpointUrl?: string;
  /** How long `--move-dlq` waits for the move to finish, in seconds. @default 300 */
  readonly waitSeconds: number;
}

export const REDRIVE_USAGE = `Usage: npm run redrive -- [options]

Sends recorded rejected orders (the rejected-orders table) back to the orders queue, once each, or
with --move-dlq moves the messages still on the dead-letter queue back to the orders queue.

  --reason <REASON>      only records with this reason (repeatable): ${REJECTION_REASONS.join(', ')}
  --dry-run              list what would be sent; send and mark nothing
  --limit <N>            at most N records
  --move-dlq             move the dead-letter queue's messages back (StartMessageMoveTask)
  --wait-seconds <S>     how long --move-dlq waits for the move to finish (default 300)
  --stack-name <NAME>    the stack to read the outputs of (default ${STACK_NAME})
  --endpoint-url <URL>   e.g. http://127.0.0.1:4566 for the local cloud (AWS_ENDPOINT_URL works too)
  -h, --help             this text`;

const OPTIONS = {
  reason: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  limit: { type: 'string' },
  'move-dlq': { type: 'boolean' },
  'wait-seconds': { type: 'string' },
  'stack-name': { type: 'string' },
  'endpoint-url': { type: 'string' },
} as const;

/** `npm run redrive`'s command line. */
export const REDRIVE_COMMAND_LINE: CommandLine<typeof OPTIONS> = {
  command: 'npm run redrive',
  usage: REDRIVE_USAGE,
  options: OPTIONS,
};

/**
 * Reads the command line. `environment` gives `AWS_ENDPOINT_URL` when `--endpoint-url` is absent.
 *
 * @returns the options, or `'help'` for `--help`
 * @throws UsageError listing every unusable option.
 * @example parseRedriveOptions(['--reason', 'RETRIES_EXHAUSTED', '--dry-run'], {})
 */
export function parseRedriveOptions(
  argv: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
): RedriveOptions | typeof HELP {
  return parseCommandLine(REDRIVE_COMMAND_LINE, argv, ({ values }) => {
    const mode = values['move-dlq'] ? 'move-dlq' : 'records';
    const [reasons, limit, waitSeconds, endpointUrl] = checkAll([
      () => reasonsOf(values.reason),
      () => numberOption('--limit', values.limit, { min: 1, integer: true }),
      () => numberOption('--wait-seconds', values['wait-seconds'], { min: 1, integer: true }) ?? 300,
      () => endpointUrlOf(values['endpoint-url'] ?? nonEmpty(environment.AWS_ENDPOINT_URL)),
      () => {
        if (mode === 'move-dlq' && (values.reason !== undefined || values.limit !== undefined)) {
          throw new UsageError(
            '--move-dlq moves every message of the dead-letter queue: --reason and --limit do not apply',
          );
        }
      },
    ]);
    return {
      mode,
      stackName: values['stack-name'] ?? STACK_NAME,
      ...(reasons === undefined ? {} : { reasons }),
      dryRun: values['dry-run'] ?? false,
      ...(limit === undefined ? {} : { limit }),
      ...(endpointUrl === undefined ? {} : { endpointUrl }),
      waitSeconds,
    };
  });
}

/** Each reason is checked on its own, so every unknown one is named. */
function reasonsOf(reasons: readonly string[] | undefined): string[] | undefined {
  if (reasons === undefined) return undefined;
  return checkAll(
    reasons.map((reason) => () => oneOfOption('--reason', reason, REJECTION_REASONS) ?? reason),
  );
}

function endpointUrlOf(endpointUrl: string | undefined): string | undefined {
  if (endpointUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(endpointUrl)) {
    throw new UsageError(`--endpoint-url must be an http(s) URL (given ${endpointUrl})`);
  }
  return endpointUrl;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
