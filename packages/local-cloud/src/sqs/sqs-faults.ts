import { type Input, readObjectList, readString } from './input';
import { assertBatchEntries } from './message-validation';
import type { BatchFailure, RequestContext, SqsModel } from './queue-model';
import { SQS_LIMITS } from './sqs-limits';

/** Faults to inject, for testing clients' retry logic. All are off by default. */
export interface SqsFaults {
  /**
   * Fraction (0 to 1) of SendMessageBatch entries to fail, reported in `Failed` with SenderFault
   * false and code {@link failureCode}; the other entries are sent normally. @default 0
   */
  readonly sendBatchFailureRate?: number;
  /** Code of injected batch entry failures. @default 'InternalError' */
  readonly failureCode?: string;
  /** Delay added before every response, in wall-clock milliseconds. @default 0 */
  readonly responseDelayMs?: number;
  /** Restricts {@link responseDelayMs} to these operations. @default - every operation */
  readonly delayOperations?: readonly string[];
  /** Random source in [0, 1), to make injected failures reproducible. @default Math.random */
  readonly random?: () => number;
}

/** Checks faults to inject, naming the setting and the value given; returns them unchanged. */
export function validateFaults(faults: SqsFaults): SqsFaults {
  const rate = faults.sendBatchFailureRate ?? 0;
  if (!(rate >= 0 && rate <= 1))
    throw new Error(`sendBatchFailureRate must be between 0 and 1 (given ${rate})`);
  const delay = faults.responseDelayMs ?? 0;
  if (!(delay >= 0 && delay <= 600_000))
    throw new Error(`responseDelayMs must be between 0 and 600000 (given ${delay})`);
  return faults;
}

/** The wall-clock milliseconds the answer to `operation` is held back. */
export function responseDelayMs(faults: SqsFaults, operation: string): number {
  const delay = faults.responseDelayMs ?? 0;
  return delay > 0 && (!faults.delayOperations || faults.delayOperations.includes(operation)) ? delay : 0;
}

/** Whether SendMessageBatch requests have entries to fail. */
export function failsBatchEntries(faults: SqsFaults): boolean {
  return (faults.sendBatchFailureRate ?? 0) > 0;
}

/** SendMessageBatch with a random share of its (valid) entries failed as the server's fault. */
export function sendBatchWithFaults(
  model: SqsModel,
  input: Input,
  context: RequestContext,
  faults: SqsFaults,
): { Successful: unknown[]; Failed: BatchFailure[] } {
  model.resolveQueueUrl(readString(input, 'QueueUrl') ?? '');
  const entries = readObjectList(input, 'Entries');
  assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'SendMessageBatchRequestEntry');
  const random = faults.random ?? Math.random;
  const rate = faults.sendBatchFailureRate ?? 0;
  const kept: Input[] = [];
  const injected: BatchFailure[] = [];
  for (const entry of entries) {
    if (random() < rate) {
      injected.push({
        Id: readString(entry, 'Id') ?? '',
        SenderFault: false,
        Code: faults.failureCode ?? 'InternalError',
        Message: 'Injected fault: the entry was not sent.',
      });
    } else {
      kept.push(entry);
    }
  }
  if (kept.length === 0) return { Successful: [], Failed: injected };
  const result = model.sendMessageBatch({ ...input, Entries: kept }, context);
  return { Successful: result.Successful, Failed: [...result.Failed, ...injected] };
}
