import { LambdaApiError } from './api-errors';

/** Lambda's error for a function that does not exist: 404 on the API. */
export class ResourceNotFoundException extends LambdaApiError {
  /** @param known the functions there are, listed in the message when given */
  constructor(functionName: string, known?: readonly string[]) {
    super(
      'ResourceNotFoundException',
      `Function not found: ${functionName}${known === undefined ? '' : ` (functions: ${known.join(', ') || 'none'})`}`,
    );
    this.name = 'ResourceNotFoundException';
  }
}

/** Lambda's throttling error, 429 on the API: every instance the function may have is busy. */
export class TooManyRequestsException extends LambdaApiError {
  constructor(
    public readonly functionName: string,
    public readonly concurrency: number,
  ) {
    super(
      'TooManyRequestsException',
      `Rate Exceeded: ${functionName} already runs ${concurrency} invocations, its concurrency limit`,
    );
    this.name = 'TooManyRequestsException';
  }
}

/** Lambda's error for a synchronous invocation payload over 6 MB: 413 on the API. */
export class RequestTooLargeException extends LambdaApiError {
  constructor(bytes: number, limit: number) {
    super(
      'RequestTooLargeException',
      `Request must be smaller than ${limit} bytes for the InvokeFunction operation (given ${bytes})`,
    );
    this.name = 'RequestTooLargeException';
  }
}

/** A concurrency limit outside what Lambda allows an account. */
export class InvalidConcurrencyError extends Error {
  constructor(public readonly concurrency: number) {
    super(`concurrency must be an integer between 1 and 1000 (given ${concurrency})`);
    this.name = 'InvalidConcurrencyError';
  }
}

/** Asynchronous invocation settings outside what Lambda allows; lists every problem. */
export class InvalidAsyncInvocationConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Invalid asynchronous invocation settings: ${problems.join('; ')}`);
    this.name = 'InvalidAsyncInvocationConfigError';
  }
}
