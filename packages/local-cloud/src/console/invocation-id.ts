import type { InvocationSummary } from './console-contract';

/**
 * The id of one attempt of a request, unique among the invocations the console keeps: the request
 * id for the first attempt (so a request that ran once, and every link by request id, keeps it),
 * `<requestId>:<attempt>` for a retry. Lambda request ids are UUIDs, so the colon cannot clash.
 *
 * @example
 * invocationId({ requestId: '6f1c', attempt: 2 }); // '6f1c:2'
 */
export function invocationId(invocation: Pick<InvocationSummary, 'requestId' | 'attempt'>): string {
  const { requestId, attempt } = invocation;
  return attempt === undefined || attempt <= 1 ? requestId : `${requestId}:${attempt}`;
}
