import type { SqsMessageAttribute } from './notification-formats';

/** An email SNS would send, which the local cloud prints and logs instead. */
export interface LocalEmail {
  /** The subscription's endpoint. */
  readonly to: string;
  /** The topic's DisplayName, else SNS's default sender name. */
  readonly from: string;
  readonly subject: string;
  readonly body: string;
  readonly protocol: 'email' | 'email-json';
  readonly topicArn: string;
  readonly subscriptionArn: string;
}

/**
 * Where the local SNS hands its deliveries: the local cloud implements it over its SQS model, its
 * Lambda service's asynchronous invocations, loopback HTTP and its terminal. Each method resolves
 * once the target has accepted the delivery and rejects if it did not; a rejection with a
 * {@link PermanentDeliveryError} (a queue or function that does not exist) is not retried, as SNS
 * does not retry client-side errors.
 */
export interface DeliveryTargets {
  /** Sends a message to the queue with this ARN (a FIFO queue gets the group and deduplication ids). */
  sendToQueue(
    queueArn: string,
    body: string,
    messageAttributes: Readonly<Record<string, SqsMessageAttribute>>,
    messageGroupId?: string,
    messageDeduplicationId?: string,
  ): Promise<void>;
  /**
   * Invokes the function asynchronously (InvocationType Event), so Lambda's own retries apply; it
   * resolves once Lambda has queued the event, as SNS's delivery succeeds once Lambda accepts it.
   */
  invokeAsync(functionArn: string, event: unknown): Promise<void>;
  /** Posts to a loopback http(s) URL and gives the response status. */
  postHttp(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<number>;
  /** Prints (and logs) the email SNS would have sent. */
  printEmail(email: LocalEmail): Promise<void> | void;
}

/** A delivery failure that retrying cannot fix, such as a queue or function that does not exist. */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
