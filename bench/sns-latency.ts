import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FanOutTopic } from './sns-cloud-process';
import { sdkClient } from './sqs-api';

/** Publishes timed one after another, each to a topic with one queue subscription. */
export const LATENCY_SAMPLES = 500;
const LATENCY_DEADLINE_MS = 60_000;
/** Long enough for the ReceiveMessage to reach the server and park before the Publish is sent. */
const PARK_MS = 5;

/** An SNSClient as an application creates one for the local endpoint: default configuration. */
export function snsClient(endpoint: string): SNSClient {
  return new SNSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
}

/** The samples of a latency run, in ms: to the message on the queue, and to the Publish's answer. */
export interface LatencySamples {
  readonly toReceivable: number[];
  readonly toAck: number[];
}

/** One Publish timed from just before it is sent to the long poll waiting on the queue returning it. */
async function sample(
  sns: SNSClient,
  sqs: SQSClient,
  topic: FanOutTopic,
  index: number,
): Promise<{ toReceivable: number; toAck: number }> {
  const QueueUrl = topic.queueUrls[0];
  const waiting = sqs
    .send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 1 }))
    .then(({ Messages = [] }) => ({ at: performance.now(), Messages }));
  await new Promise((resolve) => setTimeout(resolve, PARK_MS));
  const start = performance.now();
  const { MessageId } = await sns.send(
    new PublishCommand({ TopicArn: topic.topicArn, Message: `latency ${index}` }),
  );
  const ackAt = performance.now();
  const { at, Messages } = await waiting;
  const received = Messages[0];
  // The envelope names the published message: anything else means the queue was not empty.
  if (received === undefined || JSON.parse(received.Body ?? '{}').MessageId !== MessageId) {
    throw new Error(
      `sample ${index}: the long poll returned ${received?.Body ?? 'nothing'}, not message ${MessageId}`,
    );
  }
  await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received.ReceiptHandle }));
  return { toReceivable: at - start, toAck: ackAt - start };
}

/**
 * Publish-to-delivery latency: {@link LATENCY_SAMPLES} publishes, one at a time, to a topic with one
 * SQS subscription, each while a long-poll ReceiveMessage waits on its queue; from just before the
 * Publish request to the receive returning the message (and to the Publish's answer).
 *
 * @throws Error if a sample receives another message than it published, or the run passes 60 s
 */
export async function publishToDeliveryLatency(
  endpoint: string,
  topic: FanOutTopic,
  samples = LATENCY_SAMPLES,
): Promise<LatencySamples> {
  const sns = snsClient(endpoint);
  const sqs = sdkClient(endpoint);
  const deadline = Date.now() + LATENCY_DEADLINE_MS;
  const result: LatencySamples = { toReceivable: [], toAck: [] };
  try {
    for (let index = 0; index < samples; index++) {
      if (Date.now() > deadline)
        throw new Error(`the latency run passed ${LATENCY_DEADLINE_MS} ms after ${index} samples`);
      const { toReceivable, toAck } = await sample(sns, sqs, topic, index);
      result.toReceivable.push(toReceivable);
      result.toAck.push(toAck);
    }
    return result;
  } finally {
    sns.destroy();
    sqs.destroy();
  }
}
