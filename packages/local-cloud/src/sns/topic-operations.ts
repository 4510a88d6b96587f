import { XmlMap, type XmlValue } from '../protocol/query-xml';
import { requireTopicArn } from './arns';
import { invalidParameter } from './errors';
import type { QueryInput } from './query-input';
import type { SnsService } from './sns-service';

/** A Query-protocol operation of the local SNS: reads its parameters, gives its result. */
export type SnsOperation = (service: SnsService, input: QueryInput) => XmlValue | undefined;

/** `Tags.member.N.Key` / `.Value` as a map; a tag without a key is refused. */
export function readTags(input: QueryInput): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of input.members('Tags')) {
    const key = tag.string('Key');
    if (key === undefined || key === '') throw invalidParameter('Tags Reason: a tag must have a Key');
    tags[key] = tag.string('Value') ?? '';
  }
  return tags;
}

/** The operations on topics: CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes. */
export const TOPIC_OPERATIONS: Readonly<Record<string, SnsOperation>> = {
  CreateTopic: (service, input) => {
    const topic = service.model.createTopic(input.required('Name'), input.map('Attributes'), readTags(input));
    return { TopicArn: topic.arn };
  },
  DeleteTopic: (service, input) => {
    service.model.deleteTopic(requireTopicArn(input.string('TopicArn')));
    return undefined;
  },
  ListTopics: (service, input) => {
    const page = service.model.listTopics(input.string('NextToken'));
    return { Topics: page.items.map((topic) => ({ TopicArn: topic.arn })), NextToken: page.nextToken };
  },
  GetTopicAttributes: (service, input) => ({
    Attributes: new XmlMap(service.model.getTopicAttributes(requireTopicArn(input.string('TopicArn')))),
  }),
  SetTopicAttributes: (service, input) => {
    service.model.setTopicAttribute(
      requireTopicArn(input.string('TopicArn')),
      input.required('AttributeName'),
      input.string('AttributeValue') ?? '',
    );
    return undefined;
  },
};
