import type {
  CreateQueueRequest,
  CreateQueueResult,
  DeleteQueueRequest,
  GetQueueUrlRequest,
  GetQueueUrlResult,
  ListQueuesRequest,
  ListQueuesResult,
  PurgeQueueRequest,
} from '@aws-sdk/client-sqs';
import { invalidParameter, queueDoesNotExist, SqsError } from './errors';
import { readInteger, readString, readStringMap, requireString } from './input';
import type { Queue } from './queue';
import { initialQueueAttributes, normaliseQueueAttributes } from './queue-attributes';
import { assertRedriveTarget } from './redrive';
import { SQS_LIMITS } from './sqs-limits';
import type { SqsState } from './sqs-state';
import type { EmptyResult, WireInput, WithMembers } from './wire-shapes';

/** CreateQueue's and GetQueueUrl's result: the queue's URL. */
export type QueueUrlResult = WithMembers<CreateQueueResult & GetQueueUrlResult, 'QueueUrl'>;

const FIFO_SUFFIX = '.fifo';
const QUEUE_NAME = new RegExp(`^[A-Za-z0-9_-]{1,${SQS_LIMITS.maxQueueNameLength}}$`);
const FIFO_QUEUE_NAME = new RegExp(
  `^[A-Za-z0-9_-]{1,${SQS_LIMITS.maxQueueNameLength - FIFO_SUFFIX.length}}\\.fifo$`,
);

/** CreateQueue: idempotent for identical attributes, QueueNameExists (QueueAlreadyExists) otherwise. */
export function createQueue(state: SqsState, input: WireInput<CreateQueueRequest>): QueueUrlResult {
  const name = requireString(input, 'QueueName');
  const given = readStringMap(input, 'Attributes');
  const fifo = given.FifoQueue === 'true' || (given.FifoQueue === undefined && name.endsWith(FIFO_SUFFIX));
  assertQueueName(name, fifo, given.FifoQueue);
  const attributes = normaliseQueueAttributes(given, fifo, true);
  assertRedriveTarget(attributes.RedrivePolicy, fifo, state.queues.arnOf(name), (arn) =>
    state.queues.findByArn(arn),
  );
  const existing = state.queues.get(name);
  if (existing) {
    assertSameAttributes(existing, attributes);
    return { QueueUrl: existing.url };
  }
  const tags = readStringMap(input, 'tags');
  const queue = state.queues.add(name, initialQueueAttributes(attributes, fifo), tags, state.clock.now());
  state.recordQueue(queue);
  return { QueueUrl: queue.url };
}

function assertQueueName(name: string, fifo: boolean, fifoAttribute: string | undefined): void {
  if (fifo ? !FIFO_QUEUE_NAME.test(name) : !QUEUE_NAME.test(name)) {
    throw invalidParameter(
      'QueueName',
      name,
      fifo
        ? `The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to ${SQS_LIMITS.maxQueueNameLength} in length.`
        : `Can only include alphanumeric characters, hyphens, or underscores. 1 to ${SQS_LIMITS.maxQueueNameLength} in length.`,
    );
  }
  if (fifo && fifoAttribute === undefined) {
    throw invalidParameter(
      'QueueName',
      name,
      'A queue named *.fifo must set the attribute FifoQueue to true.',
    );
  }
}

function assertSameAttributes(existing: Queue, attributes: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(attributes)) {
    // A standard queue stores no FifoQueue attribute; asking for 'false' again is not a change.
    const current = existing.attributes[key] ?? (key === 'FifoQueue' ? 'false' : '');
    if (current !== value) {
      throw new SqsError(
        'QueueNameExists',
        `A queue already exists with the same name and a different value for attribute ${key}`,
      );
    }
  }
}

/** GetQueueUrl. */
export function getQueueUrl(state: SqsState, input: WireInput<GetQueueUrlRequest>): QueueUrlResult {
  const name = requireString(input, 'QueueName');
  const owner = readString(input, 'QueueOwnerAWSAccountId');
  const queue = state.queues.get(name);
  if (!queue || (owner !== undefined && owner !== state.queues.accountId)) throw queueDoesNotExist();
  return { QueueUrl: queue.url };
}

/** ListQueues, with QueueNamePrefix and MaxResults/NextToken paging. */
export function listQueues(state: SqsState, input: WireInput<ListQueuesRequest>): ListQueuesResult {
  const prefix = readString(input, 'QueueNamePrefix') ?? '';
  const maxResults = readInteger(input, 'MaxResults', 1, SQS_LIMITS.maxListQueuesResults);
  const token = readString(input, 'NextToken');
  let after = '';
  if (token !== undefined) {
    after = Buffer.from(token, 'base64').toString('utf8');
    if (maxResults === undefined) throw invalidParameter('NextToken', token, 'NextToken needs MaxResults.');
  }
  const names = [...state.queues.names()].filter((name) => name.startsWith(prefix) && name > after).sort();
  const limit = maxResults ?? SQS_LIMITS.maxListQueuesResults;
  const page = names.slice(0, limit);
  const result: ListQueuesResult = {};
  if (page.length > 0) result.QueueUrls = page.map((name) => state.queues.get(name)?.url ?? '');
  if (maxResults !== undefined && names.length > limit) {
    result.NextToken = Buffer.from(page[page.length - 1], 'utf8').toString('base64');
  }
  return result;
}

/** DeleteQueue: its messages go with it and its long polls return empty. */
export function deleteQueue(state: SqsState, input: WireInput<DeleteQueueRequest>): EmptyResult {
  const queue = state.resolveQueue(input);
  state.dropQueue(queue);
  state.record({ t: 'drop', name: queue.name });
  return {};
}

/** PurgeQueue: deletes every message; a second purge within 60 s fails with PurgeQueueInProgress. */
export function purgeQueue(state: SqsState, input: WireInput<PurgeQueueRequest>): EmptyResult {
  const queue = state.resolveQueue(input);
  const now = state.clock.now();
  if (queue.lastPurgeAt > 0 && now - queue.lastPurgeAt < SQS_LIMITS.purgeIntervalSeconds * 1000) {
    throw new SqsError(
      'PurgeQueueInProgress',
      `Only one PurgeQueue operation on ${queue.name} is allowed every ${SQS_LIMITS.purgeIntervalSeconds} seconds.`,
    );
  }
  queue.purge(now);
  state.record({ t: 'purge', name: queue.name, at: now });
  return {};
}
