import type { XmlValue } from '../protocol/query-xml';
import { parseArn, requireTopicArn } from './arns';
import { invalidParameter, SnsError } from './errors';
import { SNS_LIMITS } from './limits';
import { attributesByteSize, readMessageAttributes } from './message-attributes';
import { type PreparedPublish, type PublishRequest, preparePublish } from './publish';
import type { QueryInput } from './query-input';
import type { SnsOperation } from './topic-operations';

/** The fields of a Publish request, or of one PublishBatch entry. */
function publishRequest(input: QueryInput): PublishRequest {
  return {
    message: input.string('Message'),
    subject: input.string('Subject'),
    messageStructure: input.string('MessageStructure'),
    messageAttributes: readMessageAttributes(input),
    messageGroupId: input.string('MessageGroupId'),
    messageDeduplicationId: input.string('MessageDeduplicationId'),
  };
}

/** Publish's target: TopicArn, or a TargetArn that is a topic (the local SNS has no mobile endpoints). */
function targetTopic(input: QueryInput): string {
  if (input.string('PhoneNumber') !== undefined) {
    throw invalidParameter('PhoneNumber Reason: the local SNS does not send SMS');
  }
  const topicArn = input.string('TopicArn') ?? input.string('TargetArn');
  if (topicArn === undefined || topicArn === '') {
    throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  }
  const parameter = input.string('TopicArn') === undefined ? 'TargetArn' : 'TopicArn';
  if (parseArn(topicArn)?.service === 'sns' && topicArn.includes(':endpoint/')) {
    throw invalidParameter('TargetArn Reason: the local SNS has no platform application endpoints');
  }
  return requireTopicArn(topicArn, parameter);
}

/** PublishBatch's checks of the batch as a whole, in SNS's order. */
function checkBatch(entries: readonly QueryInput[]): void {
  if (entries.length === 0)
    throw new SnsError('EmptyBatchRequest', 'The batch request doesn\u2019t contain any entries.');
  if (entries.length > SNS_LIMITS.maxBatchEntries) {
    throw new SnsError(
      'TooManyEntriesInBatchRequest',
      'The batch request contains more entries than permissible.',
    );
  }
  const ids = entries.map((entry) => entry.string('Id') ?? '');
  for (const id of ids) {
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw new SnsError(
        'InvalidBatchEntryId',
        'The Id of a batch entry in a batch request doesn\u2019t abide by the specification.',
      );
    }
  }
  if (new Set(ids).size !== ids.length) {
    throw new SnsError(
      'BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id.',
    );
  }
}

function batchBytes(requests: readonly PublishRequest[]): number {
  return requests.reduce(
    (sum, request) =>
      sum + Buffer.byteLength(request.message ?? '') + attributesByteSize(request.messageAttributes),
    0,
  );
}

/** Publish and PublishBatch. Both are acknowledged only once the messages are journaled. */
export const PUBLISH_OPERATIONS: Readonly<Record<string, SnsOperation>> = {
  Publish: (service, input) => {
    const result = service.publish(targetTopic(input), publishRequest(input));
    return { MessageId: result.messageId, SequenceNumber: result.sequenceNumber };
  },
  PublishBatch: (service, input) => publishBatch(service, input),
};

function publishBatch(service: Parameters<SnsOperation>[0], input: QueryInput): XmlValue {
  const topic = service.model.topic(requireTopicArn(input.string('TopicArn')));
  const entries = input.members('PublishBatchRequestEntries');
  checkBatch(entries);
  const failed: XmlValue[] = [];
  const accepted: { id: string; prepared: PreparedPublish }[] = [];
  const requests: PublishRequest[] = [];
  for (const entry of entries) {
    const id = entry.string('Id') ?? '';
    try {
      const request = publishRequest(entry);
      requests.push(request);
      const prepared = preparePublish(topic, request, service.now(), service.fifoDeduplication);
      accepted.push({ id, prepared });
    } catch (error) {
      if (!(error instanceof SnsError)) throw error;
      failed.push({ Id: id, Code: error.code, Message: error.message, SenderFault: true });
    }
  }
  if (batchBytes(requests) > SNS_LIMITS.maxMessageBytes) {
    throw new SnsError(
      'BatchRequestTooLong',
      'The length of all the messages put together is more than the limit.',
    );
  }
  const results = service.accept(accepted.map(({ prepared }) => prepared));
  return {
    Successful: results.map((result, index) => ({
      Id: accepted[index].id,
      MessageId: result.messageId,
      SequenceNumber: result.sequenceNumber,
    })),
    Failed: failed,
  };
}
