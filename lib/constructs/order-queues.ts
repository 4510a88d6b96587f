import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
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
 * The orders queue and its dead-letter queue: encrypted at rest, TLS only, with a redrive policy.
 */
export class OrderQueues extends Construct {
  public readonly ordersQueue: Queue;
  public readonly deadLetterQueue: Queue;
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
  }

  /**
   * Lets a function send to one of these queues with exactly the actions it needs.
   * `Queue.grantSendMessages` would add `kms:GenerateDataKey*` and `kms:ReEncrypt*` on a KMS queue;
   * a producer needs only `kms:GenerateDataKey` and `kms:Decrypt`.
   */
  public grantSend(queue: IQueue, grantee: IGrantable): void {
    queue.grant(grantee, 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl');
    this.encryptionKey?.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
  }
}
