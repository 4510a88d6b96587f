import type { MetricIdentity } from '../assembly/alarm-definitions';
import type { LocalQueueDefinition } from '../assembly/local-stack';
import type { SqsModel } from '../sqs';

/** The namespace of SQS's metrics. */
export const SQS_NAMESPACE = 'AWS/SQS';

/** One sampled value of an SQS metric. */
export interface SqsMetricSample {
  readonly metric: MetricIdentity;
  readonly value: number;
  readonly unit: 'Count' | 'Seconds';
}

/** SQS stops counting a message towards the age of the oldest once it has been received this often. */
const RECEIVES_BEFORE_AGE_SKIPS_A_MESSAGE = 3;

/** The ARNs of the queues that another queue's redrive policy names as its dead-letter target. */
function deadLetterTargets(queues: readonly LocalQueueDefinition[]): Set<string> {
  const targets = new Set<string>();
  for (const queue of queues) {
    const policy = queue.attributes.RedrivePolicy;
    if (policy === undefined) continue;
    const { deadLetterTargetArn } = JSON.parse(policy) as { deadLetterTargetArn?: string };
    if (deadLetterTargetArn !== undefined) targets.add(deadLetterTargetArn);
  }
  return targets;
}

/**
 * Samples the SQS metrics that alarms use from the local queues, as SQS reports them to CloudWatch
 * once a minute: ApproximateNumberOfMessagesVisible, ApproximateNumberOfMessagesNotVisible,
 * ApproximateNumberOfMessagesDelayed and ApproximateAgeOfOldestMessage (seconds), each with the
 * `QueueName` dimension.
 *
 * The age follows SQS's rules: a message received three times or more no longer counts (unless every
 * message has been), and in a dead-letter queue the age is how long a message has been *in that
 * queue*, not since it was first sent. The queue model keeps a redriven message's original
 * SentTimestamp, so the sampler notes when it first saw each dead-letter message: its ages run up to
 * one sampling interval short.
 */
export class SqsMetricsSampler {
  private readonly deadLetterQueueArns: Set<string>;
  /** Per dead-letter queue: message id → when the sampler first saw it there. */
  private readonly firstSeen = new Map<string, Map<string, number>>();

  constructor(
    private readonly model: SqsModel,
    private readonly queues: readonly LocalQueueDefinition[],
  ) {
    this.deadLetterQueueArns = deadLetterTargets(queues);
  }

  /** The metrics of every queue of the stack that still exists, now. */
  sample(now: number): SqsMetricSample[] {
    const samples: SqsMetricSample[] = [];
    for (const definition of this.queues) {
      let counts: Record<string, string> | undefined;
      try {
        counts = this.model.getQueueAttributes({
          QueueUrl: definition.queueUrl,
          AttributeNames: ['All'],
        }).Attributes;
      } catch {
        continue; // deleted since the stack came up: SQS reports nothing for it either
      }
      const metric = (metricName: string): MetricIdentity => ({
        namespace: SQS_NAMESPACE,
        metricName,
        dimensions: [{ name: 'QueueName', value: definition.queueName }],
      });
      const count = (metricName: string, attribute: string): SqsMetricSample => ({
        metric: metric(metricName),
        value: Number(counts?.[attribute] ?? 0),
        unit: 'Count',
      });
      samples.push(
        count('ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessages'),
        count('ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesNotVisible'),
        count('ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessagesDelayed'),
        {
          metric: metric('ApproximateAgeOfOldestMessage'),
          value: this.ageOfOldestMessageSeconds(definition, now),
          unit: 'Seconds',
        },
      );
    }
    return samples;
  }

  private ageOfOldestMessageSeconds(definition: LocalQueueDefinition, now: number): number {
    const { messages } = this.model.resolveQueueUrl(definition.queueUrl);
    let oldest = now;
    if (this.deadLetterQueueArns.has(definition.queueArn)) {
      const previous = this.firstSeen.get(definition.queueName) ?? new Map<string, number>();
      const current = new Map<string, number>();
      for (const message of messages.values()) {
        const seen = previous.get(message.id) ?? now;
        current.set(message.id, seen);
        oldest = Math.min(oldest, seen);
      }
      this.firstSeen.set(definition.queueName, current);
    } else {
      // One pass over a queue that may hold many messages: the oldest counted, and the oldest of all
      // for when every message has been received too often to count.
      let oldestOfAll = now;
      let anyCounted = false;
      for (const message of messages.values()) {
        oldestOfAll = Math.min(oldestOfAll, message.sentAt);
        if (message.rc < RECEIVES_BEFORE_AGE_SKIPS_A_MESSAGE) {
          anyCounted = true;
          oldest = Math.min(oldest, message.sentAt);
        }
      }
      if (!anyCounted) oldest = oldestOfAll;
    }
    return Math.max(0, Math.floor((now - oldest) / 1000));
  }
}
