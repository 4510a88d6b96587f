import type { TimerHandle } from '../clock';
import { SQS_LIMITS } from '../sqs/sqs-limits';

/**
 * Why a hold exists: a time-scaled cloud runs waits faster than real time (a 65 s visibility
 * timeout passes in 6.5 real seconds at scale 10) but function code at real speed, with its real
 * timeout (10 real seconds). Without a hold, a message would come back while the invocation that
 * holds it is still within its budget, which the template's visibility timeout (at least 6 × the
 * function's timeout + the batching window) rules out on AWS.
 *
 * So, while an invocation runs, the visibility timeout of each message it holds counts the
 * invocation's real milliseconds as cloud milliseconds, as Lambda would: a message becomes visible
 * again only once its cloud time before the invocation plus the invocation's real running time reach
 * its visibility timeout. A visibility timeout shorter than the processing still delivers the message
 * again while the first invocation runs, as on AWS.
 */

/**
 * How late, in real milliseconds, a timer may fire on a busy machine: a hold is sent at least this
 * long before its deadline when the deadline allows (at load 12 a hold due 0.5 s before a 1 s
 * deadline came after it, and the message was visible again).
 */
const TIMER_LAG_ALLOWANCE_MS = 1_000;

/** When to send a hold, in real milliseconds from now: halfway to the deadline, or sooner. */
function holdDelay(realMillisecondsLeft: number): number {
  return Math.max(0, Math.min(realMillisecondsLeft / 2, realMillisecondsLeft - TIMER_LAG_ALLOWANCE_MS));
}

/** The SQS hard limit on a visibility timeout, in seconds. */
const MAXIMUM_VISIBILITY_SECONDS = SQS_LIMITS.maxVisibilityTimeoutSeconds;

/** The two times a hold works with. */
export interface HoldClocks {
  /** Cloud epoch milliseconds, and how many of them pass per real millisecond. */
  readonly cloud: { now(): number; readonly scale: number };
  /** Real time: `now()` in milliseconds and a timer in real milliseconds. */
  readonly real: { now(): number; setTimer(callback: () => void, delayMs: number): TimerHandle };
}

/** A received message a hold may extend. */
export interface HeldMessage {
  readonly receiptHandle: string;
  /** When the receive returned it, in cloud epoch milliseconds. */
  readonly receivedAt: number;
}

/** One ChangeMessageVisibility: the message becomes visible `visibilityTimeoutSeconds` from now. */
export interface VisibilityChange {
  readonly receiptHandle: string;
  readonly visibilityTimeoutSeconds: number;
}

/** Calls ChangeMessageVisibilityBatch. It reports its own failures and never rejects. */
export type ChangeVisibility = (changes: readonly VisibilityChange[]) => Promise<void>;

/** A hold on the messages of one invocation; {@link release} it once the invocation has settled. */
export interface VisibilityHold {
  /**
   * Gives the messages left on the queue back to their visibility timeout in cloud time: those whose
   * timeout has already passed become visible now, the others when it passes. Messages never held,
   * and deleted ones, are not touched.
   */
  release(leftOnQueue: readonly HeldMessage[]): Promise<void>;
  /** Whether the messages had to be held: the invocation outlasted half their cloud visibility. */
  readonly held: boolean;
}

interface Deadlines {
  readonly message: HeldMessage;
  /** Cloud epoch ms at which the queue would make it visible again without a hold. */
  readonly cloudDeadline: number;
  /** Real epoch ms at which its visibility timeout is used up, counting the invocation in real time. */
  readonly realDeadline: number;
}

/**
 * Starts holding a batch as its invocation starts. Nothing is sent unless the invocation runs for
 * half the real time left on the earliest visibility deadline (or all of it but a second, when that
 * is sooner): then one ChangeMessageVisibility per message moves its deadline to where real time
 * says it is. At time scale 1 the two agree and nothing is ever held.
 */
export function holdWhileInvoking(
  messages: readonly HeldMessage[],
  visibilityTimeoutSeconds: number,
  clocks: HoldClocks,
  changeVisibility: ChangeVisibility,
): VisibilityHold {
  const { cloud, real } = clocks;
  const startedCloud = cloud.now();
  const startedReal = real.now();
  const deadlines: Deadlines[] = messages.map((message) => {
    const cloudDeadline = message.receivedAt + visibilityTimeoutSeconds * 1000;
    return { message, cloudDeadline, realDeadline: startedReal + (cloudDeadline - startedCloud) };
  });
  const earliest = Math.min(...deadlines.map((entry) => entry.cloudDeadline)) - startedCloud;
  let holding: Promise<void> | undefined;
  let timer: TimerHandle | undefined;
  const holdAfter = (cloudMilliseconds: number) => {
    timer = real.setTimer(
      () => {
        const changes = extensions(deadlines, real.now(), cloud.scale);
        holding =
          holding === undefined ? changeVisibility(changes) : holding.then(() => changeVisibility(changes));
        // SQS caps a visibility timeout at 12 hours: a longer hold is renewed before it runs out.
        if (changes.some((change) => change.visibilityTimeoutSeconds === MAXIMUM_VISIBILITY_SECONDS))
          holdAfter(MAXIMUM_VISIBILITY_SECONDS * 1000);
        else timer = undefined;
      },
      holdDelay(cloudMilliseconds / cloud.scale),
    );
  };
  if (cloud.scale > 1 && earliest > 0) holdAfter(earliest);
  return {
    get held() {
      return holding !== undefined;
    },
    async release(leftOnQueue) {
      timer?.cancel();
      if (holding === undefined) return;
      await holding;
      const now = cloud.now();
      const left = new Set(leftOnQueue.map((message) => message.receiptHandle));
      const changes = deadlines
        // A message whose real deadline passed is visible already, perhaps received again.
        .filter((entry) => left.has(entry.message.receiptHandle) && entry.realDeadline > real.now())
        .map((entry) => ({
          receiptHandle: entry.message.receiptHandle,
          visibilityTimeoutSeconds: Math.max(0, Math.ceil((entry.cloudDeadline - now) / 1000)),
        }));
      if (changes.length > 0) await changeVisibility(changes);
    },
  };
}

/** The visibility timeouts, in cloud seconds, that put each deadline where real time says it is. */
function extensions(deadlines: readonly Deadlines[], realNow: number, scale: number): VisibilityChange[] {
  return deadlines
    .filter((entry) => entry.realDeadline > realNow)
    .map((entry) => ({
      receiptHandle: entry.message.receiptHandle,
      visibilityTimeoutSeconds: Math.min(
        MAXIMUM_VISIBILITY_SECONDS,
        Math.ceil(((entry.realDeadline - realNow) * scale) / 1000),
      ),
    }));
}
