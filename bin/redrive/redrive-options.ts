import { parseArgs } from 'node:util';
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
  readonly help: boolean;
}

/** Thrown when the command line is unusable; the message lists every problem. */
export class RedriveOptionsError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid redrive options:\n- ${problems.join('\n- ')}`);
    this.name = 'RedriveOptionsError';
  }
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
  --help`;

/**
 * Reads the command line. `environment` gives `AWS_ENDPOINT_URL` when `--endpoint-url` is absent.
 *
 * @throws RedriveOptionsError listing every unusable option.
 * @example parseRedriveOptions(['--reason', 'RETRIES_EXHAUSTED', '--dry-run'], {})
 */
export function parseRedriveOptions(
  argv: readonly string[],
  environment: Readonly<Record<string, string | undefined>>,
): RedriveOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    throw new RedriveOptionsError([(error as Error).message]);
  }
  const problems: string[] = [];
  const reasons = values.reason;
  for (const reason of reasons ?? []) {
    if (!(REJECTION_REASONS as readonly string[]).includes(reason)) {
      problems.push(`--reason must be one of ${REJECTION_REASONS.join(', ')} (given ${reason})`);
    }
  }
  const limit = wholeNumber('--limit', values.limit, problems);
  const waitSeconds = wholeNumber('--wait-seconds', values['wait-seconds'], problems) ?? 300;
  const mode = values['move-dlq'] ? 'move-dlq' : 'records';
  if (mode === 'move-dlq' && (reasons !== undefined || limit !== undefined)) {
    problems.push(
      '--move-dlq moves every message of the dead-letter queue: --reason and --limit do not apply',
    );
  }
  const endpointUrl = values['endpoint-url'] ?? nonEmpty(environment.AWS_ENDPOINT_URL);
  if (endpointUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(endpointUrl)) {
    problems.push(`--endpoint-url must be an http(s) URL (given ${endpointUrl})`);
  }
  if (problems.length > 0) throw new RedriveOptionsError(problems);
  return {
    mode,
    stackName: values['stack-name'] ?? STACK_NAME,
    ...(reasons === undefined ? {} : { reasons }),
    dryRun: values['dry-run'] ?? false,
    ...(limit === undefined ? {} : { limit }),
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
    waitSeconds,
    help: values.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      reason: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      limit: { type: 'string' },
      'move-dlq': { type: 'boolean' },
      'wait-seconds': { type: 'string' },
      'stack-name': { type: 'string' },
      'endpoint-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
}

function wholeNumber(option: string, raw: string | undefined, problems: string[]): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() !== '' && Number.isInteger(value) && value >= 1) return value;
  problems.push(`${option} must be a whole number of at least 1 (given ${raw})`);
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
