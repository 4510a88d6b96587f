import type { LambdaErrorPayload, WorkerMessage } from './runtime-bootstrap';

/** Lambda's limit on a synchronous invocation's response. */
const MAXIMUM_RESPONSE_BYTES = 6 * 1024 * 1024;

/** How an invocation ended, before the REPORT line and the result are made of it. */
export interface InvocationOutcome {
  /** The handler's result, parsed from JSON. */
  readonly payload?: unknown;
  readonly error?: LambdaErrorPayload;
  /** The REPORT line's `Status`. @default - none: the handler answered */
  readonly status?: 'timeout' | 'error';
  /** The instance never got to run the handler. @default false */
  readonly initFailed?: boolean;
}

/** What the worker's result message comes to: its error, Lambda's error for a response too large, or its payload. */
export function resultOutcome(message: Extract<WorkerMessage, { type: 'result' }>): InvocationOutcome {
  if (message.error) return { error: message.error };
  const responseBytes = Buffer.byteLength(message.payload ?? '');
  if (responseBytes > MAXIMUM_RESPONSE_BYTES) {
    const error = {
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size (${responseBytes} bytes) exceeded maximum allowed payload size (${MAXIMUM_RESPONSE_BYTES} bytes).`,
      stack: [],
    };
    return { error };
  }
  return { payload: JSON.parse(message.payload ?? 'null') };
}

/** Lambda's error for a worker that crashed: out of memory, or any other error. */
export function crashError(error: Error): LambdaErrorPayload {
  const outOfMemory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
  return {
    errorType: outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
    errorMessage: outOfMemory
      ? 'Runtime exited with error: the instance ran out of its memory size'
      : `Runtime exited with error: ${error.message}`,
    stack: String(error.stack ?? '')
      .split('\n')
      .filter((line) => line !== ''),
  };
}

/** Lambda's error for a worker that exited. */
export function exitError(code: number): LambdaErrorPayload {
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with code ${code}`, stack: [] };
}
