import type { SqsModel } from '../sqs/queue-model';
import type { QueueDepthView } from './console-contract';
import { ConsoleRequestError } from './console-http';

/** The URL the SQS model knows a queue by. */
export function queueUrlOf(model: Pick<SqsModel, 'endpoint' | 'accountId'>, queueName: string): string {
  return `${model.endpoint}/${model.accountId}/${queueName}`;
}

/** Every queue's name, in creation order. */
export function queueNames(model: SqsModel): string[] {
  return (model.listQueues({ MaxResults: 1000 }).QueueUrls ?? []).map((url) =>
    url.slice(url.lastIndexOf('/') + 1),
  );
}

/**
 * The URL of an existing queue.
 *
 * @throws ConsoleRequestError (404) naming the queues there are
 */
export function existingQueueUrl(model: SqsModel, queueName: string): string {
  const url = queueUrlOf(model, queueName);
  try {
    model.resolveQueueUrl(url);
  } catch {
    throw new ConsoleRequestError(
      404,
      `no queue named ${queueName} (queues: ${queueNames(model).join(', ') || 'none'})`,
    );
  }
  return url;
}

/** What a queue holds now, read in-process. */
export function queueDepth(model: SqsModel, queueUrl: string): QueueDepthView {
  const { Attributes = {} } = model.getQueueAttributes({
    QueueUrl: queueUrl,
    AttributeNames: [
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesNotVisible',
      'ApproximateNumberOfMessagesDelayed',
    ],
  });
  return {
    visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
  };
}

/** Every queue's depth, by name. */
export function queueDepths(model: SqsModel): Record<string, QueueDepthView> {
  const depths: Record<string, QueueDepthView> = {};
  for (const name of queueNames(model)) depths[name] = queueDepth(model, queueUrlOf(model, name));
  return depths;
}
