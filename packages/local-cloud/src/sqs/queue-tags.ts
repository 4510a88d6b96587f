import type {
  ListQueueTagsRequest,
  ListQueueTagsResult,
  TagQueueRequest,
  UntagQueueRequest,
} from '@aws-sdk/client-sqs';
import { readStringList, readStringMap } from './input';
import type { SqsState } from './sqs-state';
import type { EmptyResult, WireInput } from './wire-shapes';

/** TagQueue: adds the tags, replacing the value of a key the queue already has. */
export function tagQueue(state: SqsState, input: WireInput<TagQueueRequest>): EmptyResult {
  const queue = state.resolveQueue(input);
  queue.tags = { ...queue.tags, ...readStringMap(input, 'Tags') };
  state.recordQueue(queue);
  return {};
}

/** UntagQueue: removes the keys; a key the queue does not have is no error. */
export function untagQueue(state: SqsState, input: WireInput<UntagQueueRequest>): EmptyResult {
  const queue = state.resolveQueue(input);
  const tags = { ...queue.tags };
  for (const key of readStringList(input, 'TagKeys')) delete tags[key];
  queue.tags = tags;
  state.recordQueue(queue);
  return {};
}

/** ListQueueTags. */
export function listQueueTags(state: SqsState, input: WireInput<ListQueueTagsRequest>): ListQueueTagsResult {
  const queue = state.resolveQueue(input);
  return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
}
