import { SqsError } from '../sqs/errors';
import type { SqsModel } from '../sqs/queue-model';
import { parseArn } from './arns';
import { type DeliveryTargets, type LocalEmail, PermanentDeliveryError } from './delivery-targets';
import { postToLoopback } from './loopback-http';
import type { SqsMessageAttribute } from './notification-formats';

/** What {@link localDeliveryTargets} delivers through: the local cloud's own services. */
export interface LocalTargetsOptions {
  /** The local SQS model; queue ARNs of its account and region name its queues. */
  readonly sqs: Pick<SqsModel, 'sendMessage' | 'accountId' | 'endpoint'>;
  /**
   * Queues an asynchronous invocation (the Lambda service's `invokeAsync`), throwing
   * `ResourceNotFoundException` for a function that does not exist.
   */
  readonly invokeAsync: (functionName: string, payload: unknown) => unknown;
  /** Prints (and logs) a line for the developer: where the emails SNS would send go. */
  readonly print: (text: string) => void;
  /**
   * Resolves once what was sent to a queue is durable (the SQS journal on disk), so a delivery is
   * marked done only after the message it made would survive a `kill -9`.
   * @default - nothing to wait for: the queues are in memory
   */
  readonly durable?: () => Promise<void>;
}

/** The queue URL the local SQS model knows a queue ARN by. */
function queueUrlOf(sqs: LocalTargetsOptions['sqs'], queueArn: string): string {
  const arn = parseArn(queueArn);
  if (arn?.service !== 'sqs' || arn.resource === '')
    throw new PermanentDeliveryError(`${queueArn} is not an SQS queue ARN`);
  return `${sqs.endpoint}/${arn.accountId || sqs.accountId}/${arn.resource}`;
}

/** The function name of a Lambda function ARN (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`). */
function functionNameOf(functionArn: string): string {
  const parts = functionArn.split(':');
  if (parts[2] !== 'lambda' || parts[5] !== 'function' || !parts[6]) {
    throw new PermanentDeliveryError(`${functionArn} is not a Lambda function ARN`);
  }
  return parts[6];
}

/** An email as the terminal shows it. */
export function emailLines(email: LocalEmail): string {
  return [
    `SNS email (not sent: the local cloud prints it) from ${email.from} to ${email.to}`,
    `Subject: ${email.subject}`,
    '',
    email.body,
  ].join('\n');
}

/**
 * The {@link DeliveryTargets} of the local cloud: SQS messages go straight into its SQS model,
 * Lambda events into the Lambda service's asynchronous invocation queue (whose retries apply),
 * http(s) to loopback endpoints, emails to the terminal. A queue or function that does not exist is a
 * {@link PermanentDeliveryError}: SNS does not retry it and dead-letters the message at once.
 * The group id goes only to FIFO queues: the local SQS model has no fair queues.
 */
export function localDeliveryTargets(options: LocalTargetsOptions): DeliveryTargets {
  const { sqs } = options;
  return {
    async sendToQueue(queueArn, body, messageAttributes, messageGroupId, messageDeduplicationId) {
      const fifo = queueArn.endsWith('.fifo');
      try {
        sqs.sendMessage({
          QueueUrl: queueUrlOf(sqs, queueArn),
          MessageBody: body,
          MessageAttributes: sqsAttributes(messageAttributes),
          MessageGroupId: fifo ? messageGroupId : undefined,
          MessageDeduplicationId: fifo ? messageDeduplicationId : undefined,
        });
      } catch (error) {
        if (error instanceof SqsError && error.code === 'QueueDoesNotExist') {
          throw new PermanentDeliveryError(`the queue ${queueArn} does not exist`);
        }
        throw error;
      }
      await options.durable?.();
    },
    async invokeAsync(functionArn, event) {
      try {
        options.invokeAsync(functionNameOf(functionArn), event);
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
          throw new PermanentDeliveryError(`the function ${functionArn} does not exist`);
        }
        throw error;
      }
    },
    postHttp: postToLoopback,
    printEmail(email) {
      options.print(emailLines(email));
    },
  };
}

/** The attributes in the shape SendMessage's input takes them; none is no member at all. */
function sqsAttributes(
  attributes: Readonly<Record<string, SqsMessageAttribute>>,
): Record<string, SqsMessageAttribute> | undefined {
  return Object.keys(attributes).length === 0 ? undefined : { ...attributes };
}
