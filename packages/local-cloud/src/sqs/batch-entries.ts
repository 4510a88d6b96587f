import type { BatchResultErrorEntry } from '@aws-sdk/client-sqs';
import { SqsError } from './errors';
import { type Input, readString } from './input';
import type { WithMembers } from './wire-shapes';

/** A failed entry of a batch request, with every member SQS sends. */
export type BatchFailure = WithMembers<BatchResultErrorEntry, 'Id' | 'SenderFault' | 'Code' | 'Message'>;

/** A batch's outcome: each entry either succeeded, with its result and Id, or failed. */
export interface BatchOutcome<Result extends object> {
  Successful: (Result & { Id: string })[];
  Failed: BatchFailure[];
}

/**
 * Runs one batch entry after the other. An {@link SqsError} fails only its entry, as SQS reports it
 * in `Failed`; any other error is a bug and fails the whole request.
 */
export function runBatchEntries<Entry extends Input, Result extends object>(
  entries: readonly Entry[],
  run: (entry: Entry) => Result,
): BatchOutcome<Result> {
  const Successful: (Result & { Id: string })[] = [];
  const Failed: BatchFailure[] = [];
  for (const entry of entries) {
    const id = readString(entry, 'Id') ?? '';
    try {
      Successful.push({ Id: id, ...run(entry) });
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: id, SenderFault: error.senderFault, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}
