import type { SqsModel } from '../sqs/queue-model';
import type { PeekedMessage, QueueView, SendMessageForm } from './console-contract';
import { ConsoleRequestError, integerParameter } from './console-http';
import { asBadRequest, type ConsoleRoute } from './console-routes';
import { existingQueueUrl, queueDepth, queueNames, queueUrlOf } from './queue-lookup';

/** SQS's longest delay, in seconds. */
const MAXIMUM_DELAY_SECONDS = 900;

function queueView(model: SqsModel, name: string): QueueView {
  const url = queueUrlOf(model, name);
  const { Attributes = {} } = model.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] });
  let redrivePolicy: QueueView['redrivePolicy'];
  if (Attributes.RedrivePolicy !== undefined) {
    const policy = JSON.parse(Attributes.RedrivePolicy) as {
      deadLetterTargetArn: string;
      maxReceiveCount: number;
    };
    redrivePolicy = {
      deadLetterQueueName: policy.deadLetterTargetArn.slice(policy.deadLetterTargetArn.lastIndexOf(':') + 1),
      maxReceiveCount: Number(policy.maxReceiveCount),
    };
  }
  return {
    name,
    url,
    arn: Attributes.QueueArn ?? '',
    attributes: Attributes,
    ...(redrivePolicy === undefined ? {} : { redrivePolicy }),
    deadLetterSourceQueueNames: model.deadLetterSourceNames(name),
    depth: queueDepth(model, url),
  };
}

function peek(model: SqsModel, name: string, limit: number): PeekedMessage[] {
  return model.peekMessages(existingQueueUrl(model, name), limit).map((message) => ({
    messageId: message.messageId,
    body: message.body,
    state: message.state,
    receiveCount: message.receiveCount,
    sentMs: message.sentMs,
    messageAttributes: Object.fromEntries(
      Object.entries(message.messageAttributes).map(([key, value]) => [
        key,
        value.StringValue ?? `(${value.DataType})`,
      ]),
    ),
  }));
}

/** A send form, checked: the body a string, attributes strings, the delay within SQS's range. */
export function readSendForm(body: Record<string, unknown>): SendMessageForm {
  if (typeof body.body !== 'string')
    throw new ConsoleRequestError(400, 'body must be the message body, a string');
  const attributes = body.messageAttributes ?? {};
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    throw new ConsoleRequestError(400, 'messageAttributes must be an object of strings');
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value !== 'string') {
      throw new ConsoleRequestError(
        400,
        `messageAttributes.${name} must be a string (given ${JSON.stringify(value)})`,
      );
    }
  }
  const delay = body.delaySeconds;
  if (
    delay !== undefined &&
    (!Number.isInteger(delay) || (delay as number) < 0 || (delay as number) > MAXIMUM_DELAY_SECONDS)
  ) {
    throw new ConsoleRequestError(
      400,
      `delaySeconds must be an integer between 0 and ${MAXIMUM_DELAY_SECONDS} (given ${JSON.stringify(delay)})`,
    );
  }
  return {
    body: body.body,
    messageAttributes: attributes as Record<string, string>,
    ...(delay === undefined ? {} : { delaySeconds: delay as number }),
  };
}

/** Sends a message with string attributes through the SQS model; answers its id. */
export function sendToQueue(model: SqsModel, queueUrl: string, form: SendMessageForm): string {
  try {
    const { MessageId } = model.sendMessage({
      QueueUrl: queueUrl,
      MessageBody: form.body,
      ...(form.delaySeconds === undefined ? {} : { DelaySeconds: form.delaySeconds }),
      MessageAttributes: Object.fromEntries(
        Object.entries(form.messageAttributes ?? {}).map(([name, value]) => [
          name,
          { DataType: 'String', StringValue: value },
        ]),
      ),
    });
    return MessageId ?? '';
  } catch (error) {
    return asBadRequest(error);
  }
}

/** `GET queues`, `GET|POST queues/{name}/messages`, `POST queues/{name}/purge`. */
export const QUEUE_ROUTES: readonly ConsoleRoute[] = [
  {
    method: 'GET',
    path: /^queues$/,
    handle: ({ cloud }) => queueNames(cloud.sqs.model).map((name) => queueView(cloud.sqs.model, name)),
  },
  {
    method: 'GET',
    path: /^queues\/([^/]+)\/messages$/,
    handle: ({ cloud, params, query }) =>
      peek(
        cloud.sqs.model,
        params[0],
        integerParameter(query, 'limit', { min: 1, max: 1000, fallback: 100 }),
      ),
  },
  {
    method: 'POST',
    path: /^queues\/([^/]+)\/messages$/,
    handle: async ({ cloud, params, body }) => {
      const url = existingQueueUrl(cloud.sqs.model, params[0]);
      return { messageId: sendToQueue(cloud.sqs.model, url, readSendForm(await body())) };
    },
  },
  {
    method: 'POST',
    path: /^queues\/([^/]+)\/purge$/,
    handle: ({ cloud, params }) => {
      const url = existingQueueUrl(cloud.sqs.model, params[0]);
      try {
        cloud.sqs.model.purgeQueue({ QueueUrl: url });
      } catch (error) {
        asBadRequest(error);
      }
      return { purged: params[0] };
    },
  },
];
