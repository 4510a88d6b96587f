import type { IntrinsicResolver } from './intrinsic-resolver';
import type { LogicalResource } from './template';
import { resolveSome } from './template-properties';

/** An `AWS::SQS::Queue`, with its attributes as CreateQueue takes them. */
export interface LocalQueueDefinition {
  readonly logicalId: string;
  readonly queueName: string;
  /** `http://127.0.0.1:<port>/<account>/<name>` */
  readonly queueUrl: string;
  /** `arn:aws:sqs:<region>:<account>:<name>` */
  readonly queueArn: string;
  /** CreateQueue attributes, strings as the SQS API takes them; `RedrivePolicy` is JSON with a resolved ARN. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** The SQS CreateQueue attributes that CloudFormation sets from properties of the same name. */
const QUEUE_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'MaximumMessageSize',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

export function queueDefinition(resolver: IntrinsicResolver, queue: LogicalResource): LocalQueueDefinition {
  const { logicalId } = queue;
  const resolved = resolveSome(resolver, queue, [...QUEUE_ATTRIBUTES, 'RedrivePolicy', 'RedriveAllowPolicy']);
  const attributes: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTES) {
    if (resolved[name] !== undefined) attributes[name] = String(resolved[name]);
  }
  for (const name of ['RedrivePolicy', 'RedriveAllowPolicy'] as const) {
    const policy = resolved[name];
    if (policy !== undefined) attributes[name] = typeof policy === 'string' ? policy : JSON.stringify(policy);
  }
  return {
    logicalId,
    queueName: resolver.physicalName(logicalId),
    queueUrl: resolver.ref(logicalId, logicalId),
    queueArn: resolver.getAtt(logicalId, 'Arn', logicalId),
    attributes,
  };
}

/** The ARN of the queue's dead-letter target, when it has a redrive policy. */
function deadLetterTargetArn(queue: LocalQueueDefinition): string | undefined {
  const policy = queue.attributes.RedrivePolicy;
  return policy === undefined
    ? undefined
    : (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
}

/**
 * The queues with every dead-letter queue before the queues that redrive to it: SQS refuses a
 * redrive policy whose target does not exist yet, whatever order the template lists them in.
 */
export function inCreationOrder(queues: LocalQueueDefinition[]): LocalQueueDefinition[] {
  const ordered: LocalQueueDefinition[] = [];
  const placed = new Set<string>();
  let remaining = queues;
  // Each pass places at least one queue unless the redrive policies form a cycle, so at most n passes.
  for (let pass = 0; pass < queues.length && remaining.length > 0; pass++) {
    const ready = remaining.filter((queue) => {
      const target = deadLetterTargetArn(queue);
      return target === undefined || placed.has(target) || !queues.some((other) => other.queueArn === target);
    });
    for (const queue of ready) {
      ordered.push(queue);
      placed.add(queue.queueArn);
    }
    remaining = remaining.filter((queue) => !ready.includes(queue));
  }
  return [...ordered, ...remaining];
}
