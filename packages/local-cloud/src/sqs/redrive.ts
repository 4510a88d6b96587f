import { invalidParameter } from './errors';
import type { Queue } from './queue';
import { parseRedrivePolicy } from './queue-attributes';

/**
 * A RedrivePolicy must name an existing queue of the same type (standard or FIFO) whose
 * RedriveAllowPolicy admits the source queue; throws InvalidParameterValue naming the broken rule.
 */
export function assertRedriveTarget(
  policy: string | undefined,
  fifo: boolean,
  sourceArn: string,
  findQueueByArn: (arn: string) => Queue | undefined,
): void {
  const parsed = parseRedrivePolicy(policy);
  if (!parsed) return;
  const target = findQueueByArn(parsed.deadLetterTargetArn);
  if (!target) {
    throw invalidParameter('RedrivePolicy', policy, 'Dead letter target does not exist.');
  }
  if (target.fifo !== fifo) {
    throw invalidParameter(
      'RedrivePolicy',
      policy,
      'Dead-letter queue and source queue must be of the same type (standard or FIFO).',
    );
  }
  const allow = target.attributes.RedriveAllowPolicy;
  if (allow) {
    const { redrivePermission, sourceQueueArns } = JSON.parse(allow) as {
      redrivePermission: string;
      sourceQueueArns?: string[];
    };
    if (
      redrivePermission === 'denyAll' ||
      (redrivePermission === 'byQueue' && !sourceQueueArns?.includes(sourceArn))
    ) {
      throw invalidParameter(
        'RedrivePolicy',
        policy,
        `The dead-letter queue's RedriveAllowPolicy does not allow ${sourceArn}.`,
      );
    }
  }
}

/** Whether some queue's RedrivePolicy sends its dead letters to the queue with this ARN. */
export function isDeadLetterQueue(arn: string, queues: Iterable<Queue>): boolean {
  for (const queue of queues) {
    if (queue.redrivePolicy?.deadLetterTargetArn === arn) return true;
  }
  return false;
}

/** The queues whose RedrivePolicy targets the queue with this ARN, by URL. */
export function deadLetterSourceUrls(arn: string, queues: Iterable<Queue>): string[] {
  return [...queues]
    .filter((source) => source.redrivePolicy?.deadLetterTargetArn === arn)
    .map((source) => source.url)
    .sort();
}
