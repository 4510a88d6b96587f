import { requireTopicArn } from './arns';
import { invalidParameter } from './errors';
import { readTags, type SnsOperation } from './topic-operations';

/** Tagging, which the local SNS supports on topics (SNS's only taggable resource). */
export const TAG_OPERATIONS: Readonly<Record<string, SnsOperation>> = {
  TagResource: (service, input) => {
    const arn = requireTopicArn(input.string('ResourceArn'), 'ResourceArn');
    if (!input.has('Tags')) throw invalidParameter('Tags');
    service.model.tagResource(arn, readTags(input));
    return {};
  },
  UntagResource: (service, input) => {
    const arn = requireTopicArn(input.string('ResourceArn'), 'ResourceArn');
    if (!input.has('TagKeys')) throw invalidParameter('TagKeys');
    service.model.untagResource(arn, input.strings('TagKeys'));
    return {};
  },
  ListTagsForResource: (service, input) => {
    const tags = service.model.tagsOf(requireTopicArn(input.string('ResourceArn'), 'ResourceArn'));
    return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  },
};
