import type {
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  ListDeadLetterSourceQueuesRequest,
  ListDeadLetterSourceQueuesResult,
  SetQueueAttributesRequest,
} from '@aws-sdk/client-sqs';
import { SqsError } from './errors';
import { readStringList, readStringMap } from './input';
import type { Queue } from './queue';
import { isKnownAttributeName, normaliseQueueAttributes, REMOVABLE_ATTRIBUTES } from './queue-attributes';
import { assertRedriveTarget, deadLetterSourceUrls } from './redrive';
import type { SqsState } from './sqs-state';
import type { EmptyResult, WireInput, WithMembers } from './wire-shapes';

/** GetQueueAttributes, by name or `All`, with exact message counts. */
export function getQueueAttributes(
  state: SqsState,
  input: WireInput<GetQueueAttributesRequest>,
): GetQueueAttributesResult {
  const queue = state.resolveQueue(input);
  const names = readStringList(input, 'AttributeNames');
  for (const name of names) {
    if (name !== 'All' && !isKnownAttributeName(name)) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
  }
  if (names.length === 0) return {};
  queue.settle(state.clock.now());
  const all = allAttributes(queue);
  if (names.includes('All')) return { Attributes: all };
  const selected: Record<string, string> = {};
  for (const name of names) {
    if (all[name] !== undefined) selected[name] = all[name];
  }
  return { Attributes: selected };
}

/** The queue's settable attributes and the ones computed from its state. */
function allAttributes(queue: Queue): Record<string, string> {
  return {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(queue.counts.ready),
    ApproximateNumberOfMessagesNotVisible: String(queue.counts.inflight),
    ApproximateNumberOfMessagesDelayed: String(queue.counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModified / 1000)),
    ...queue.attributes,
  };
}

/** SetQueueAttributes; an empty RedrivePolicy or RedriveAllowPolicy removes it. */
export function setQueueAttributes(
  state: SqsState,
  input: WireInput<SetQueueAttributesRequest>,
): EmptyResult {
  const queue = state.resolveQueue(input);
  const given = readStringMap(input, 'Attributes');
  const attributes = normaliseQueueAttributes(given, queue.fifo, false);
  assertRedriveTarget(attributes.RedrivePolicy, queue.fifo, queue.arn, (arn) => state.queues.findByArn(arn));
  const next = { ...queue.attributes, ...attributes };
  for (const name of REMOVABLE_ATTRIBUTES) {
    if (next[name] === '') delete next[name];
  }
  queue.setAttributes(next, state.clock.now());
  state.recordQueue(queue);
  return {};
}

/** ListDeadLetterSourceQueues: the queues whose RedrivePolicy targets this one. */
export function listDeadLetterSourceQueues(
  state: SqsState,
  input: WireInput<ListDeadLetterSourceQueuesRequest>,
): WithMembers<ListDeadLetterSourceQueuesResult, 'queueUrls'> {
  const queue = state.resolveQueue(input);
  return { queueUrls: deadLetterSourceUrls(queue.arn, state.queues.values()) };
}
