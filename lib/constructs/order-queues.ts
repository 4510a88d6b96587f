import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { PIPELINE_CONSTANTS, type QueueEncryptionSetting } from '../defaults';

export interface OrderQueuesProps {
  /** Receives of an order message before SQS moves it to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** The orders queue's visibility timeout, derived from its consumer's timeout and window. */
  readonly ordersVisibilityTimeout: Duration;
  /** The dead-letter queue's visibility timeout, derived from its consumer's timeout. */
  readonly deadLetterVisibilityTimeout: Duration;
  /** Encryption at rest: SSE-SQS, or a customer managed KMS key created here. */
  readonly encryption: QueueEncryptionSetting;
}

/**
 * The orders queue and its dead-letter queue, with a redrive policy, and the queue that keeps
 * GenerateOrders' failed asynchronous invocations: all encrypted at rest and TLS only.
 */
export class OrderQueues extends Construct {
  public readonly ordersQueue: Queue;
  public readonly deadLetterQueue: Queue;
  /**
   * The events of asynchronous GenerateOrders invocations that failed all of Lambda's retries
   * (GenerateOrders' Lambda dead-letter target). Nothing consumes it: the alarms watch its depth.
   */
  public readonly failedInvocationsQueue: Queue;
  /** The customer managed key of both queues, when `encryption` is `KMS`. */
  public readonly encryptionKey?: Key;

  constructor(scope: Construct, id: string, props: OrderQueuesProps) {
    super(scope, id);

    if (props.encryption === 'KMS') {
      this.encryptionKey = new Key(this, 'QueueKey', {
        description: 'Encrypts the order pipeline queues at rest',
        enableKeyRotation: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
    const encryption = this.encryptionKey
      ? { encryption: QueueEncryption.KMS, encryptionMasterKey: this.encryptionKey }
      : { encryption: QueueEncryption.SQS_MANAGED };

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      ...encryption,
      enforceSSL: true,
      retentionPeriod: PIPELINE_CONSTANTS.deadLetterRetention,
      visibilityTimeout: props.deadLetterVisibilityTimeout,
    });

    this.ordersQueue = new Queue(this, 'OrdersQueue', {
      ...encryption,
      enforceSSL: true,
      retentionPeriod: PIPELINE_CONSTANTS.ordersRetention,
      visibilityTimeout: props.ordersVisibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });

    this.failedInvocationsQueue = new Queue(this, 'FailedInvocationsQueue', {
      ...encryption,
      enforceSSL: true,
      retentionPeriod: PIPELINE_CONSTANTS.deadLetterRetention,
    });

    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'The dead-letter queue itself: FailedOrders records its messages; one it cannot record stays 14 days, watched by the backlog alarm, until `npm run redrive -- --move-dlq` moves it back.',
    });
    Validations.of(this.failedInvocationsQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        "GenerateOrders' Lambda dead-letter target itself: nothing consumes it, so no receive can fail; its messages stay 14 days, watched by an alarm.",
    });
  }

  /**
   * Lets a function send to one of these queues with exactly the actions it needs.
   * `Queue.grantSendMessages` would add `kms:GenerateDataKey*` and `kms:ReEncrypt*` on a KMS queue;
   * a producer needs only `kms:GenerateDataKey` and `kms:Decrypt`.
   */
  public grantSend(queue: IQueue, grantee: IGrantable): void {
    queue.grant(grantee, 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl');
    this.grantKeyForSend(grantee);
  }

  /**
   * Lets a sender encrypt messages for these queues, when they use a customer managed key: what a
   * function whose Lambda dead-letter target is `failedInvocationsQueue` needs besides the
   * `sqs:SendMessage` that its `deadLetterQueue` prop grants.
   */
  public grantKeyForSend(grantee: IGrantable): void {
    this.encryptionKey?.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
  }
}
