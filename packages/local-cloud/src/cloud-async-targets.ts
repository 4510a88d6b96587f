import type { LambdaService } from './lambda';
import type { AsyncFailureTargets } from './lambda/async-destinations';
import { localDeliveryTargets, type SnsService } from './sns';
import type { SqsServer } from './sqs';

/** A dead-letter topic or destination published to before the local SNS has started, or after it closed. */
export class SnsNotRunningError extends Error {
  constructor(topicArn: string) {
    super(`the local SNS is not running: nothing can be published to ${topicArn}`);
    this.name = 'SnsNotRunningError';
  }
}

/** What {@link cloudAsyncTargets} sends through; the services start after Lambda, so each is asked for when needed. */
export interface CloudAsyncTargetsOptions {
  readonly sqs: SqsServer;
  /** The Lambda service, for destinations that are functions. */
  readonly lambda: () => LambdaService;
  /** The local SNS, once it has started. */
  readonly sns: () => SnsService | undefined;
}

/**
 * The targets of the functions' dead-letter queues and destinations, over the cloud's own services:
 * SQS messages straight into its SQS model (the queue URL from the ARN, as SNS finds its
 * subscribed queues), SNS publishes to its topics, functions through Lambda's asynchronous queue.
 */
export function cloudAsyncTargets(options: CloudAsyncTargetsOptions): AsyncFailureTargets {
  // SNS's own delivery targets already turn queue and function ARNs into the local services' calls.
  const delivery = localDeliveryTargets({
    sqs: options.sqs.model,
    invokeAsync: (functionName, payload) => options.lambda().invokeAsync(functionName, payload),
    print: () => undefined,
    durable: () => options.sqs.flushJournal(),
  });
  return {
    sendToQueue: (queueArn, body, attributes) => delivery.sendToQueue(queueArn, body, attributes),
    publishToTopic(topicArn, message, attributes) {
      const sns = options.sns();
      if (sns === undefined) throw new SnsNotRunningError(topicArn);
      const messageAttributes = Object.fromEntries(
        Object.entries(attributes).map(([name, { DataType, StringValue }]) => [
          name,
          { dataType: DataType, stringValue: StringValue },
        ]),
      );
      sns.publish(topicArn, { message, messageAttributes });
    },
    invokeFunction: (functionArn, payload) => delivery.invokeAsync(functionArn, payload),
  };
}
