import type { InvocationSummary } from '../console-contract';
import { invocationId } from '../invocation-id';

/** One attempt of a retried request, as the panel lists it. */
export interface AttemptLink {
  readonly attempt: number;
  /** The id that opens it: `GET invocations/{id}`. */
  readonly id: string;
  /** Whether it is the attempt the panel shows. */
  readonly current: boolean;
}

/** Every attempt of the request of `summary`, first to last; none for a request that ran once. */
export function attemptLinks(
  summary: Pick<InvocationSummary, 'requestId' | 'attempt' | 'attempts'>,
): AttemptLink[] {
  const { requestId, attempt, attempts } = summary;
  if (attempt === undefined) return [];
  return Array.from({ length: Math.max(attempts ?? attempt, attempt) }, (_, index) => ({
    attempt: index + 1,
    id: invocationId({ requestId, attempt: index + 1 }),
    current: index + 1 === attempt,
  }));
}
