import type { LambdaErrorPayload } from './runtime-bootstrap';

/** The outcome of one invocation, as the Invoke API and the REPORT line tell it. */
export interface InvocationResult {
  readonly requestId: string;
  readonly functionName: string;
  /** The log stream of the instance that ran it. */
  readonly logStreamName: string;
  /** The handler's result, parsed from JSON; Lambda's error payload when it failed. */
  readonly payload: unknown;
  /** `Unhandled` when the handler threw, timed out or its instance crashed, as in the Invoke API. */
  readonly functionError?: 'Unhandled';
  readonly error?: LambdaErrorPayload;
  /** The instance had to start for this invocation. */
  readonly coldStart: boolean;
  readonly initDurationMs?: number;
  /** Handler time, real milliseconds. */
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly maxMemoryUsedMb: number;
  readonly timedOut: boolean;
  /**
   * The instance never got to run the handler: its init failed (a thrown error, a crash) or ran
   * past Lambda's 10 s init limit. @default false
   */
  readonly initFailed?: boolean;
}

/** A failed invocation's error in one line, `ErrorType: message`, for logs and summaries. */
export function functionErrorSummary(result: InvocationResult): string {
  return `${result.error?.errorType ?? 'Error'}: ${result.error?.errorMessage ?? 'unknown error'}`;
}
