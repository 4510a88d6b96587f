import { type DeliveryTargets, type LocalEmail, PermanentDeliveryError } from '../../src/sns';
import type { SqsMessageAttribute } from '../../src/sns/notification-formats';

/** A message a fake queue received. */
export interface QueuedMessage {
  readonly body: string;
  readonly messageAttributes: Readonly<Record<string, SqsMessageAttribute>>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/**
 * Delivery targets that record what they get: queues that exist unless listed in `missingQueues`,
 * functions that accept every event unless `failingFunctions` names them, an HTTP endpoint whose
 * status `httpStatus` decides.
 */
export class FakeTargets implements DeliveryTargets {
  readonly queues = new Map<string, QueuedMessage[]>();
  readonly invocations: { functionArn: string; event: unknown }[] = [];
  readonly posts: { url: string; body: string; headers: Readonly<Record<string, string>> }[] = [];
  readonly emails: LocalEmail[] = [];
  readonly missingQueues = new Set<string>();
  readonly failingFunctions = new Set<string>();
  httpStatus = 200;
  attempts = 0;

  async sendToQueue(
    queueArn: string,
    body: string,
    messageAttributes: Readonly<Record<string, SqsMessageAttribute>>,
    messageGroupId?: string,
    messageDeduplicationId?: string,
  ): Promise<void> {
    this.attempts++;
    if (this.missingQueues.has(queueArn))
      throw new PermanentDeliveryError(`queue ${queueArn} does not exist`);
    const queue = this.queues.get(queueArn) ?? [];
    queue.push({ body, messageAttributes, messageGroupId, messageDeduplicationId });
    this.queues.set(queueArn, queue);
  }

  async invokeAsync(functionArn: string, event: unknown): Promise<void> {
    this.attempts++;
    if (this.failingFunctions.has(functionArn)) throw new Error(`function ${functionArn} is throttled`);
    this.invocations.push({ functionArn, event });
  }

  async postHttp(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<number> {
    this.attempts++;
    this.posts.push({ url, body, headers });
    return this.httpStatus;
  }

  printEmail(email: LocalEmail): void {
    this.emails.push(email);
  }

  /** The bodies a queue holds. */
  bodies(queueArn: string): string[] {
    return (this.queues.get(queueArn) ?? []).map((message) => message.body);
  }
}
