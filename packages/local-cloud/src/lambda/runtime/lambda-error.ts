import type { LambdaErrorPayload } from '../runtime-bootstrap';

/** An error whose `name` is one of Lambda's runtime error types (`Runtime.ImportModuleError`, ...). */
export function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** What a thrown value looks like to the Invoke API: Lambda's `errorType`, `errorMessage` and `stack`. */
export function toLambdaError(error: unknown): LambdaErrorPayload {
  if (error instanceof Error || (error !== null && typeof error === 'object' && 'message' in error)) {
    const thrown = error as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      errorType: String(thrown.name || error.constructor?.name || 'Error'),
      errorMessage: String(thrown.message),
      stack: String(thrown.stack || '')
        .split('\n')
        .filter((line) => line !== ''),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), stack: [] };
}
