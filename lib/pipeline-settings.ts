import { Duration, Token } from 'aws-cdk-lib';
import {
  AWS_LIMITS,
  PIPELINE_CONSTANTS,
  PIPELINE_DEFAULTS,
  QUEUE_ENCRYPTION_SETTINGS,
  type QueueEncryptionSetting,
} from './defaults';

/** The tunable settings of the order pipeline. Every one has a default in `defaults.ts`. */
export interface PipelineSettingsProps {
  /**
   * Receives of a message before SQS moves it to the dead-letter queue (1–1000).
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Records per ProcessOrders invocation (1–10,000; over 10 needs a batching window).
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long the poller gathers records before invoking ProcessOrders (0–300 s).
   * @default Duration.seconds(5)
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Concurrent ProcessOrders invocations the event source mapping allows (2–1000).
   * @default 2
   */
  readonly maxConcurrency?: number;
  /**
   * ProcessOrders' timeout (1–900 s). The orders queue's visibility timeout is derived from it.
   * @default Duration.seconds(10)
   */
  readonly processOrdersTimeout?: Duration;
  /**
   * Encryption at rest of both queues: `SQS_MANAGED` (SSE-SQS) or `KMS` (a customer managed key
   * with rotation, created by the stack).
   * @default 'SQS_MANAGED'
   */
  readonly queueEncryption?: QueueEncryptionSetting;
  /**
   * An email address the alarm topic notifies when orders are dead-lettered (AWS asks it to confirm).
   * @default - no subscription: subscribe to the alarm topic yourself
   */
  readonly alarmEmail?: string;
}

/** Settings with every default applied and every rule checked. */
export type PipelineSettings = Required<Omit<PipelineSettingsProps, 'alarmEmail'>> &
  Pick<PipelineSettingsProps, 'alarmEmail'>;

/** Loose on purpose: AWS checks deliverability by asking the address to confirm. */
const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Thrown at synth when settings break a rule; the message lists every problem at once. */
export class PipelineSettingsError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid order pipeline settings:\n- ${problems.join('\n- ')}`);
    this.name = 'PipelineSettingsError';
  }
}

/** Applies the defaults and checks the result against AWS's limits. */
export function resolvePipelineSettings(props: PipelineSettingsProps = {}): PipelineSettings {
  const settings: PipelineSettings = {
    maxReceiveCount: props.maxReceiveCount ?? PIPELINE_DEFAULTS.maxReceiveCount,
    batchSize: props.batchSize ?? PIPELINE_DEFAULTS.batchSize,
    maxBatchingWindow: props.maxBatchingWindow ?? PIPELINE_DEFAULTS.maxBatchingWindow,
    maxConcurrency: props.maxConcurrency ?? PIPELINE_DEFAULTS.maxConcurrency,
    processOrdersTimeout: props.processOrdersTimeout ?? PIPELINE_DEFAULTS.processOrdersTimeout,
    queueEncryption: props.queueEncryption ?? PIPELINE_DEFAULTS.queueEncryption,
    ...(props.alarmEmail === undefined ? {} : { alarmEmail: props.alarmEmail }),
  };
  const problems = findSettingsProblems(settings);
  if (problems.length > 0) throw new PipelineSettingsError(problems);
  return settings;
}

/**
 * The visibility timeout a queue needs for a consumer: Lambda's guidance is at least
 * 6 × the function's timeout + the batching window, so a batch that is retried by the
 * poller after a throttle is not received again while still being processed. Within AWS's limits
 * (timeout ≤ 900 s, window ≤ 300 s) the result is at most 5,700 s, under SQS's 12-hour maximum.
 */
export function visibilityTimeoutFor(functionTimeout: Duration, batchingWindow: Duration): Duration {
  return Duration.seconds(
    PIPELINE_CONSTANTS.visibilityTimeoutFactor * functionTimeout.toSeconds() + batchingWindow.toSeconds(),
  );
}

function findSettingsProblems(settings: PipelineSettings): string[] {
  const problems = [
    checkWholeNumberInRange('maxReceiveCount', settings.maxReceiveCount, AWS_LIMITS.maxReceiveCount),
    checkWholeNumberInRange('batchSize', settings.batchSize, AWS_LIMITS.batchSize),
    checkWholeNumberInRange('maxConcurrency', settings.maxConcurrency, AWS_LIMITS.maxConcurrency),
    checkSecondsInRange('maxBatchingWindow', settings.maxBatchingWindow, AWS_LIMITS.maxBatchingWindowSeconds),
    checkSecondsInRange(
      'processOrdersTimeout',
      settings.processOrdersTimeout,
      AWS_LIMITS.lambdaTimeoutSeconds,
    ),
  ];
  if (!QUEUE_ENCRYPTION_SETTINGS.includes(settings.queueEncryption)) {
    problems.push(
      `queueEncryption must be one of ${QUEUE_ENCRYPTION_SETTINGS.join(', ')} (given ${JSON.stringify(settings.queueEncryption)})`,
    );
  }
  if (settings.alarmEmail !== undefined && !EMAIL_ADDRESS.test(settings.alarmEmail)) {
    problems.push(`alarmEmail must be an email address (given ${JSON.stringify(settings.alarmEmail)})`);
  }
  if (
    isKnown(settings.batchSize) &&
    isKnownDuration(settings.maxBatchingWindow) &&
    settings.batchSize > AWS_LIMITS.batchSizeWithoutWindow &&
    settings.maxBatchingWindow.toSeconds() < 1
  ) {
    problems.push(
      `batchSize over ${AWS_LIMITS.batchSizeWithoutWindow} needs a maxBatchingWindow of at least 1 second ` +
        `(given batchSize ${settings.batchSize} with maxBatchingWindow ${settings.maxBatchingWindow.toSeconds()} s)`,
    );
  }
  return problems.filter((problem): problem is string => problem !== undefined);
}

interface Range {
  readonly min: number;
  readonly max: number;
}

function checkWholeNumberInRange(setting: string, value: number, range: Range): string | undefined {
  if (!isKnown(value)) return undefined;
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return undefined;
  return `${setting} must be a whole number between ${range.min} and ${range.max} (given ${value})`;
}

function checkSecondsInRange(setting: string, value: Duration, range: Range): string | undefined {
  if (!isKnownDuration(value)) return undefined;
  const seconds = value.toSeconds({ integral: false });
  if (Number.isInteger(seconds) && seconds >= range.min && seconds <= range.max) return undefined;
  return `${setting} must be a whole number of seconds between ${range.min} and ${range.max} (given ${seconds} s)`;
}

// Unresolved tokens (values known only at deploy time) cannot be checked at synth.
function isKnown(value: number): boolean {
  return !Token.isUnresolved(value);
}

function isKnownDuration(value: Duration): boolean {
  return !value.isUnresolved();
}
