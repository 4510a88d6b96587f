import { SqsError } from './errors';
import { SQS_LIMITS } from './sqs-limits';

/** The attributes a queue starts with when CreateQueue does not set them (AWS's defaults). */
export const DEFAULT_QUEUE_ATTRIBUTES: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: String(SQS_LIMITS.maxMessageBytes),
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};

/** Attributes only FIFO queues have, with the values a FIFO queue starts with. */
const FIFO_DEFAULTS: Readonly<Record<string, string>> = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

/** Attributes computed from the queue's state, returned by GetQueueAttributes but never set. */
export const COMPUTED_QUEUE_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** A dead-letter queue and how many receives send a message there. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

function invalidAttribute(name: string, value: string, reason: string): SqsError {
  return new SqsError(
    'InvalidAttributeValue',
    `Invalid value for the parameter ${name}. Reason: ${reason} (given ${value})`,
  );
}

function integerRule(min: number, max: number) {
  return (name: string, value: string): string => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw invalidAttribute(name, value, `must be an integer between ${min} and ${max}.`);
    }
    return String(parsed);
  };
}

function oneOf(...allowed: string[]) {
  return (name: string, value: string): string => {
    if (!allowed.includes(value))
      throw invalidAttribute(name, value, `must be one of ${allowed.join(', ')}.`);
    return value;
  };
}

const booleanRule = oneOf('true', 'false');

function jsonRule(normalise: (name: string, value: string, parsed: Record<string, unknown>) => string) {
  return (name: string, value: string): string => {
    if (value === '') return '';
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidAttribute(name, value, 'must be a JSON object.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidAttribute(name, value, 'must be a JSON object.');
    }
    return normalise(name, value, parsed as Record<string, unknown>);
  };
}

const redrivePolicyRule = jsonRule((name, value, parsed) => {
  const arn = parsed.deadLetterTargetArn;
  const count = Number(parsed.maxReceiveCount);
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
    throw invalidAttribute(name, value, 'deadLetterTargetArn must be a queue ARN.');
  }
  if (!Number.isInteger(count) || count < 1 || count > SQS_LIMITS.maxReceiveCount) {
    throw invalidAttribute(
      name,
      value,
      `maxReceiveCount must be an integer between 1 and ${SQS_LIMITS.maxReceiveCount}.`,
    );
  }
  return JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: count });
});

const redriveAllowPolicyRule = jsonRule((name, value, parsed) => {
  const permission = parsed.redrivePermission;
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') {
    throw invalidAttribute(name, value, 'redrivePermission must be allowAll, denyAll or byQueue.');
  }
  const sources = parsed.sourceQueueArns;
  if (
    permission === 'byQueue' &&
    (!Array.isArray(sources) || sources.length < 1 || sources.length > SQS_LIMITS.maxRedriveAllowSourceQueues)
  ) {
    throw invalidAttribute(
      name,
      value,
      `byQueue needs 1 to ${SQS_LIMITS.maxRedriveAllowSourceQueues} sourceQueueArns.`,
    );
  }
  return JSON.stringify(
    permission === 'byQueue'
      ? { redrivePermission: permission, sourceQueueArns: sources }
      : { redrivePermission: permission },
  );
});

type Rule = (name: string, value: string) => string;

/** Attributes that an empty value leaves unset: CreateQueue skips them, SetQueueAttributes removes them. */
export const REMOVABLE_ATTRIBUTES: readonly string[] = [
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'Policy',
  'KmsMasterKeyId',
];

/** The attributes CreateQueue and SetQueueAttributes accept, with their validation. */
const SETTABLE_RULES: Readonly<Record<string, Rule>> = {
  DelaySeconds: integerRule(0, SQS_LIMITS.maxDelaySeconds),
  MaximumMessageSize: integerRule(SQS_LIMITS.minMessageBytes, SQS_LIMITS.maxMessageBytes),
  MessageRetentionPeriod: integerRule(SQS_LIMITS.minRetentionSeconds, SQS_LIMITS.maxRetentionSeconds),
  ReceiveMessageWaitTimeSeconds: integerRule(0, SQS_LIMITS.maxWaitTimeSeconds),
  VisibilityTimeout: integerRule(0, SQS_LIMITS.maxVisibilityTimeoutSeconds),
  RedrivePolicy: redrivePolicyRule,
  RedriveAllowPolicy: redriveAllowPolicyRule,
  Policy: (_name, value) => value,
  KmsMasterKeyId: (_name, value) => value,
  KmsDataKeyReusePeriodSeconds: integerRule(
    SQS_LIMITS.minKmsDataKeyReuseSeconds,
    SQS_LIMITS.maxKmsDataKeyReuseSeconds,
  ),
  SqsManagedSseEnabled: booleanRule,
  FifoQueue: booleanRule,
  ContentBasedDeduplication: booleanRule,
  DeduplicationScope: oneOf('messageGroup', 'queue'),
  FifoThroughputLimit: oneOf('perQueue', 'perMessageGroupId'),
};

const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** Whether `name` is an attribute GetQueueAttributes knows (settable or computed). */
export function isKnownAttributeName(name: string): boolean {
  return name in SETTABLE_RULES || (COMPUTED_QUEUE_ATTRIBUTES as readonly string[]).includes(name);
}

/**
 * Validates attributes given to CreateQueue or SetQueueAttributes and returns them normalised (so
 * that `"5"` and `"05"` compare equal). `creating` allows FifoQueue, which cannot change later.
 */
export function normaliseQueueAttributes(
  given: Readonly<Record<string, string>>,
  fifo: boolean,
  creating: boolean,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    const rule = SETTABLE_RULES[name];
    if (!rule) throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    if (name === 'FifoQueue' && !creating) {
      throw new SqsError('InvalidAttributeName', 'FifoQueue can only be set when the queue is created.');
    }
    if (FIFO_ONLY.has(name) && !fifo) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    result[name] = rule(name, value);
  }
  return result;
}

/** The full attribute set of a new queue: AWS's defaults overlaid with what CreateQueue gave. */
export function initialQueueAttributes(
  given: Readonly<Record<string, string>>,
  fifo: boolean,
): Record<string, string> {
  const result = { ...DEFAULT_QUEUE_ATTRIBUTES, ...(fifo ? FIFO_DEFAULTS : {}), ...given };
  if (!fifo) delete result.FifoQueue;
  for (const name of REMOVABLE_ATTRIBUTES) {
    if (result[name] === '') delete result[name];
  }
  return result;
}

/** The parsed RedrivePolicy attribute, if the queue has one. */
export function parseRedrivePolicy(value: string | undefined): RedrivePolicy | undefined {
  if (!value) return undefined;
  return JSON.parse(value) as RedrivePolicy;
}
