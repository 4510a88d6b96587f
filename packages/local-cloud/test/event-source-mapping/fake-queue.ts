import { randomUUID } from 'node:crypto';
import type {
  ChangeMessageVisibilityBatchRequest,
  DeleteMessageBatchRequest,
  Message,
  ReceiveMessageRequest,
} from '@aws-sdk/client-sqs';
import type { PollerSqsClient } from '../../src/event-source-mapping/sqs-poller';

/**
 * A small in-memory SQS queue behind the poller's client interface: receive with long polling,
 * delete by receipt handle. Received messages stay in flight until deleted (no visibility expiry),
 * which is what the poller's unit tests need; visibility changes are only recorded. The real
 * semantics are tested against the local SQS endpoint.
 */
export class FakeQueue {
  readonly client: PollerSqsClient = {
    receiveMessage: (input) => this.receive(input),
    deleteMessageBatch: async (input) => this.deleteBatch(input),
    changeMessageVisibilityBatch: async (input) => this.changeVisibilityBatch(input),
    getQueueAttributes: async () => ({
      Attributes: { VisibilityTimeout: String(this.visibilityTimeoutSeconds) },
    }),
  };
  /** What GetQueueAttributes answers. */
  visibilityTimeoutSeconds = 30;
  /** Every ChangeMessageVisibility entry, in order. */
  readonly visibilityChanges: { readonly receiptHandle: string; readonly seconds: number }[] = [];
  private readonly visible: Message[] = [];
  private readonly inFlight = new Map<string, Message>();
  private readonly waiters = new Set<() => void>();
  readonly deletedIds: string[] = [];
  receiveCalls = 0;

  send(...bodies: string[]): string[] {
    const ids = bodies.map((body) => {
      const id = randomUUID();
      this.visible.push({
        MessageId: id,
        Body: body,
        MD5OfBody: 'md5',
        Attributes: { ApproximateReceiveCount: '0' },
      });
      return id;
    });
    for (const wake of this.waiters) wake();
    return ids;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  get visibleCount(): number {
    return this.visible.length;
  }

  private async receive(input: ReceiveMessageRequest) {
    this.receiveCalls += 1;
    if (this.visible.length === 0 && (input.WaitTimeSeconds ?? 0) > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, (input.WaitTimeSeconds ?? 0) * 1000);
        this.waiters.add(done);
      });
    }
    const messages = this.visible.splice(0, input.MaxNumberOfMessages ?? 1).map((message) => {
      const receiptHandle = randomUUID();
      const count = Number(message.Attributes?.ApproximateReceiveCount ?? '0') + 1;
      const received = {
        ...message,
        ReceiptHandle: receiptHandle,
        Attributes: { ApproximateReceiveCount: String(count) },
      };
      this.inFlight.set(receiptHandle, received);
      return received;
    });
    return { Messages: messages };
  }

  private changeVisibilityBatch(input: ChangeMessageVisibilityBatchRequest) {
    for (const entry of input.Entries ?? []) {
      this.visibilityChanges.push({
        receiptHandle: entry.ReceiptHandle ?? '',
        seconds: entry.VisibilityTimeout ?? 0,
      });
    }
    return { Successful: (input.Entries ?? []).map((entry) => ({ Id: entry.Id })), Failed: [] };
  }

  private deleteBatch(input: DeleteMessageBatchRequest) {
    const successful = [];
    for (const entry of input.Entries ?? []) {
      const message = this.inFlight.get(entry.ReceiptHandle ?? '');
      if (message === undefined) continue;
      this.inFlight.delete(entry.ReceiptHandle ?? '');
      this.deletedIds.push(message.MessageId ?? '');
      successful.push({ Id: entry.Id });
    }
    return { Successful: successful, Failed: [] };
  }
}
