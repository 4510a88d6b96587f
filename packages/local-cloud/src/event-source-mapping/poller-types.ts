import type {
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  ReceiveMessageRequest,
  ReceiveMessageResult,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import type { Clock } from '../clock';
import type { EventSourceOrigin } from './sqs-event';
import type { HoldClocks } from './visibility-hold';

/**
 * The settings of one `AWS::Lambda::EventSourceMapping` on an SQS queue, read from the template and
 * changed by UpdateEventSourceMapping.
 */
export interface SqsEventSourceSettings extends EventSourceOrigin {
  /** The mapping's logical id, for logs. */
  readonly name: string;
  readonly queueUrl: string;
  /** `BatchSize`: records per invocation. */
  readonly batchSize: number;
  /** `MaximumBatchingWindowInSeconds`: how long to gather records once the first one arrived. */
  readonly maximumBatchingWindowSeconds: number;
  /** `ScalingConfig.MaximumConcurrency`: concurrent invocations, never exceeded. */
  readonly maximumConcurrency: number;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /**
   * `FilterCriteria.Filters[].Pattern`, as the template gives them (`event-filter.ts`). Records that
   * match none are deleted without invoking. Patterns Lambda would refuse stop the mapping from
   * polling at all, so that no message is deleted because of a filter the cloud could not read.
   * @default - no filter: every record is delivered
   */
  readonly filterPatterns?: readonly string[];
}

/** The settings UpdateEventSourceMapping may change while the poller runs. */
export type SqsEventSourceUpdate = Partial<
  Pick<
    SqsEventSourceSettings,
    'batchSize' | 'maximumBatchingWindowSeconds' | 'maximumConcurrency' | 'reportBatchItemFailures'
  >
>;

/** How an invocation ended, as the poller needs to know it. */
export type InvocationOutcome = (
  | { readonly status: 'succeeded'; readonly response: unknown }
  /** The function threw, timed out or crashed: the whole batch is left to its visibility timeout. */
  | { readonly status: 'failed'; readonly error: string }
) & {
  /** The invocation's request id, as its START and REPORT lines give it. @default - not known */
  readonly requestId?: string;
};

/** One message of a settled batch, as the function received it. */
export interface SettledRecord {
  readonly messageId: string;
  readonly body: string;
  /** Its `ApproximateReceiveCount` when the poller received it for this batch. */
  readonly receiveCount: number;
}

/**
 * The part of the cloud's one {@link Clock} a poller reads: time in cloud milliseconds (a time-scaled
 * clock compresses them), sleeps, and the scale. Tests give a fake of just these.
 */
export type PollerClock = Pick<Clock, 'now' | 'sleep' | 'scale'>;

/** What happened to one batch; the local cloud counts these for its summary. */
export interface BatchSettlement {
  readonly mapping: string;
  /** The poller of the mapping's fleet that gathered the batch (1 for the first). */
  readonly lane: number;
  /** The invocation's request id; absent when every record was filtered out and nothing was invoked. */
  readonly requestId?: string;
  /** The messages the function was invoked with: their ids, bodies and receive counts. */
  readonly records: readonly SettledRecord[];
  /** Message ids the function listed in `batchItemFailures` (ReportBatchItemFailures); empty otherwise. */
  readonly batchItemFailureIds: readonly string[];
  /** Why the invocation failed (thrown, timed out, crashed), when it did: nothing was deleted. */
  readonly invocationError?: string;
  /** Of `records`, those deleted after the invocation. */
  readonly deleted: number;
  /**
   * Messages of the batch that matched none of the mapping's filters: deleted without invoking, as
   * Lambda does, and not in `records`. Present only when the mapping has filters.
   */
  readonly filteredOut?: number;
  /** Why messages were left on the queue, when some were. */
  readonly leftOnQueue?: string;
}

/**
 * The SQS calls a poller makes, in the SDK's shapes: the local cloud's lean JSON 1.0 client
 * (`SqsJsonProtocolClient`), or a fake in tests.
 */
export interface PollerSqsClient {
  /** Rejects on an error response, or when a body or its attributes fail their MD5 check. */
  receiveMessage(input: ReceiveMessageRequest): Promise<ReceiveMessageResult>;
  /** Entries that could not be deleted come back in `Failed`; rejects when the whole call failed. */
  deleteMessageBatch(input: DeleteMessageBatchRequest): Promise<DeleteMessageBatchResult>;
  /** Entries that could not be changed come back in `Failed`; rejects when the whole call failed. */
  changeMessageVisibilityBatch(
    input: ChangeMessageVisibilityBatchRequest,
  ): Promise<ChangeMessageVisibilityBatchResult>;
  getQueueAttributes(input: GetQueueAttributesRequest): Promise<GetQueueAttributesResult>;
}

export interface SqsPollerDependencies {
  readonly sqs: PollerSqsClient;
  readonly invoke: (event: SQSEvent) => Promise<InvocationOutcome>;
  readonly clock: PollerClock;
  /**
   * Real time, which function code runs in: the messages of a running invocation are held by it
   * (see `visibility-hold.ts`). @default systemClock
   */
  readonly realClock?: HoldClocks['real'];
  /** Told about every settled batch. */
  readonly onBatchSettled?: (settlement: BatchSettlement) => void;
  /** Told about problems the poller rides out (a failed delete, a failed receive). */
  readonly onProblem?: (message: string) => void;
  /**
   * Long-poll wait, in seconds, while the queue is empty. Short, so `stop()` returns quickly; on
   * loopback an empty receive costs well under a millisecond.
   * @default 1
   */
  readonly idleWaitSeconds?: number;
  /**
   * Pollers the fleet keeps while the queue is quiet; a backlog adds more, up to the cap when it is
   * higher. Tests lower it to watch one poller gather a batch.
   * @default 5, as Lambda starts an SQS event source (services-sqs-scaling)
   */
  readonly initialPollers?: number;
}
