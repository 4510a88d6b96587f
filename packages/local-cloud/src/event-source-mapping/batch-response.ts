/**
 * What a function's answer to a batch means, as Lambda reads it with ReportBatchItemFailures on
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html):
 *
 * - success of the whole batch: a null or empty response, or a null or empty `batchItemFailures`;
 * - success of all but the listed messages: `batchItemFailures` of `{ itemIdentifier: <messageId> }`;
 * - failure of the whole batch: anything else (not an object, `batchItemFailures` not a list, an
 *   entry without an `itemIdentifier`, an empty one, or one naming a message not in the batch).
 */
export type BatchVerdict =
  | { readonly kind: 'all-succeeded' }
  | { readonly kind: 'some-failed'; readonly failedMessageIds: ReadonlySet<string> }
  | { readonly kind: 'all-failed'; readonly reason: string };

/** Reads a function's response to a batch of the given message ids. */
export function readBatchResponse(response: unknown, batchMessageIds: readonly string[]): BatchVerdict {
  if (response === null || response === undefined) return { kind: 'all-succeeded' };
  if (typeof response !== 'object' || Array.isArray(response)) {
    return { kind: 'all-failed', reason: `the response is not an object (got ${describe(response)})` };
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'all-succeeded' };
  if (!Array.isArray(failures)) {
    return { kind: 'all-failed', reason: `batchItemFailures is not a list (got ${describe(failures)})` };
  }
  if (failures.length === 0) return { kind: 'all-succeeded' };
  const inBatch = new Set(batchMessageIds);
  const failedMessageIds = new Set<string>();
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || identifier === '') {
      return {
        kind: 'all-failed',
        reason: `a batch item failure has no itemIdentifier (got ${describe(failure)})`,
      };
    }
    if (!inBatch.has(identifier)) {
      return { kind: 'all-failed', reason: `itemIdentifier ${identifier} is not a message of this batch` };
    }
    failedMessageIds.add(identifier);
  }
  return { kind: 'some-failed', failedMessageIds };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
