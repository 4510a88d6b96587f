import type { Clock } from '../clock';
import { takeSequenceNumber } from './fifo';
import { requireString } from './input';
import { type JournalEvent, type JournalSink, queueEvent, toRecord } from './journal-events';
import { LongPolls } from './long-polls';
import { MoveTasks } from './move-tasks';
import type { Queue, StoredMessage } from './queue';
import type { QueueRegistry } from './queue-registry';
import { ReceiptTokens } from './receipt-handles';
import { collectMessages } from './receive-message';
import type { WireInput } from './wire-shapes';

/** Why a message changes queue: receives ran out (to the dead-letter queue), or a move task. */
export type MoveReason = 'dead-letter' | 'redrive-back';

/** An in-process listener of every change the model makes, told right after the journal. */
export type SqsChangeObserver = (event: JournalEvent) => void;

/**
 * The state every SQS operation works on, and the changes that more than one operation makes:
 * each is journaled here, so that an operation cannot change state without the journal seeing it.
 */
export class SqsState {
  readonly receiptTokens = new ReceiptTokens();
  readonly longPolls: LongPolls;
  readonly moveTasks: MoveTasks;
  /** Told of every change after the journal; the web console's activity recorder is one. */
  readonly observers = new Set<SqsChangeObserver>();

  constructor(
    readonly clock: Clock,
    readonly queues: QueueRegistry,
    private readonly journal: JournalSink | undefined,
  ) {
    this.longPolls = new LongPolls(clock, (queue, request) => collectMessages(this, queue, request));
    this.moveTasks = new MoveTasks(clock, {
      findQueueByArn: (arn) => queues.findByArn(arn),
      moveMessage: (message, from, to) => this.moveMessage(message, from, to, 'redrive-back'),
    });
  }

  /** Hands one change to the journal, if there is one, then to the observers. */
  record(event: JournalEvent): void {
    this.journal?.append(event);
    for (const observer of this.observers) observer(event);
  }

  /** The queue the request's QueueUrl names, or MissingParameter / QueueDoesNotExist. */
  resolveQueue(input: WireInput<{ QueueUrl: string }>): Queue {
    return this.queues.resolveUrl(requireString(input, 'QueueUrl'));
  }

  /** Journals a queue's attributes, tags and counters after they changed. */
  recordQueue(queue: Queue): void {
    this.record(queueEvent(queue));
  }

  /** Removes a queue: its messages go with it and its long polls return empty. */
  dropQueue(queue: Queue): void {
    this.queues.delete(queue);
    this.longPolls.stop(queue);
  }

  /** Makes a message invisible until `until` and journals its receive state. */
  hide(queue: Queue, message: StoredMessage, until: number): void {
    queue.makeInFlight(message, until);
    const { id, rc, fr, lr, at, tok } = message;
    this.record({ t: 'vis', q: queue.name, id, rc, fr, lr, at, tok });
  }

  /**
   * Moves a message to another queue, keeping its id, body, attributes and timestamps. A dead letter
   * records where it came from; a message moved back starts its receive count again.
   */
  moveMessage(message: StoredMessage, from: Queue, to: Queue, reason: MoveReason): void {
    from.remove(message);
    const moved: StoredMessage = {
      ...toRecord(message),
      at: this.clock.now(),
      st: 'ready',
      tok: undefined,
      version: 0,
      removed: false,
    };
    if (reason === 'dead-letter') {
      moved.dlqSource = from.arn;
    } else {
      moved.dlqSource = undefined;
      moved.rc = 0;
      moved.fr = 0;
    }
    if (to.fifo) moved.seq = takeSequenceNumber(to);
    to.add(moved);
    this.record({ t: 'move', from: from.name, to: to.name, m: toRecord(moved) });
    this.longPolls.wake(to);
  }
}
