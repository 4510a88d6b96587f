import type { Clock } from '../clock';
import { burstShares } from './burst-shares';
import type { Queue } from './queue';
import type { ReceivedMessage, ReceiveRequest } from './receive-rendering';

/**
 * Long-poll ReceiveMessage calls waiting on their queues. No polling timer: a send (or a visibility
 * change) calls {@link wake}, which hands the messages to the waiting polls at once, spread over them
 * on a standard queue (`burst-shares.ts`); each queue arms one timer, for its next visibility or
 * delay deadline, only while polls wait on it.
 */
export class LongPolls {
  private closed = false;

  /** @param collect takes up to `request.max` receivable messages from the queue, as a receive does. */
  constructor(
    private readonly clock: Clock,
    private readonly collect: (queue: Queue, request: ReceiveRequest) => ReceivedMessage[],
  ) {}

  /** Whether {@link close} was called: receives then return at once. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Waits up to `waitMs` for messages; resolves empty on timeout, abort, queue deletion or close. */
  wait(
    queue: Queue,
    request: ReceiveRequest,
    waitMs: number,
    signal: AbortSignal | undefined,
  ): Promise<{ Messages?: ReceivedMessage[] }> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (messages: ReceivedMessage[]): void => {
        done = true;
        timer.cancel();
        signal?.removeEventListener('abort', onAbort);
        const index = queue.waiters.indexOf(waiter);
        if (index >= 0) queue.waiters.splice(index, 1);
        resolve(messages.length > 0 ? { Messages: messages } : {});
      };
      const waiter = {
        max: request.max,
        tryComplete: (limit = request.max): boolean => {
          if (done) return true;
          const messages = this.collect(queue, { ...request, max: Math.min(limit, request.max) });
          if (messages.length === 0) return false;
          finish(messages);
          return true;
        },
        abandon: (): void => {
          if (!done) finish([]);
        },
      };
      const onAbort = (): void => waiter.abandon();
      const timer = this.clock.setTimer(() => waiter.abandon(), waitMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.waiters.push(waiter);
      this.arm(queue);
    });
  }

  /**
   * Hands receivable messages to waiting long polls. On a standard queue they are spread over every
   * waiting poll, as SQS's servers spread a burst over concurrent receives; a FIFO queue keeps handing
   * the oldest poll as many as it takes, so that it gets a message group's messages together.
   * Whatever a share could not take (a message dead-lettered on receive) goes oldest poll first.
   */
  wake(queue: Queue): void {
    if (queue.waiters.length === 0) return;
    queue.settle(this.clock.now());
    if (!queue.fifo) this.shareOut(queue);
    while (queue.waiters.length > 0 && queue.counts.ready > 0) {
      const waiter = queue.waiters[0];
      if (!waiter.tryComplete()) break;
    }
    this.arm(queue);
  }

  /** Gives each waiting poll its share of the queue's receivable messages. */
  private shareOut(queue: Queue): void {
    const waiting = [...queue.waiters];
    const shares = burstShares(
      queue.counts.ready,
      waiting.map((waiter) => waiter.max),
    );
    waiting.forEach((waiter, index) => {
      if (shares[index] > 0) waiter.tryComplete(shares[index]);
    });
  }

  /** Sets one timer for the queue's next deadline while long polls wait, so they wake on expiry. */
  arm(queue: Queue): void {
    if (queue.waiters.length === 0 || this.closed) {
      queue.wakeTimer?.cancel();
      queue.wakeTimer = undefined;
      queue.wakeAt = Number.POSITIVE_INFINITY;
      return;
    }
    const next = queue.nextDeadline();
    if (next === undefined || next >= queue.wakeAt) return;
    queue.wakeTimer?.cancel();
    queue.wakeAt = next;
    queue.wakeTimer = this.clock.setTimer(() => {
      queue.wakeTimer = undefined;
      queue.wakeAt = Number.POSITIVE_INFINITY;
      this.wake(queue);
      this.arm(queue);
    }, next - this.clock.now());
  }

  /** Ends the queue's long polls (empty) and its timer. */
  stop(queue: Queue): void {
    for (const waiter of [...queue.waiters]) waiter.abandon();
    queue.wakeTimer?.cancel();
    queue.wakeTimer = undefined;
    queue.wakeAt = Number.POSITIVE_INFINITY;
  }

  /** Marks the model closed; the caller stops every queue. */
  close(): void {
    this.closed = true;
  }
}
