/** Who caused an error, in the words AWS's error documents use. */
export type FaultType = 'Sender' | 'Receiver';

/** What {@link AwsError} needs beyond its code and message. */
export interface AwsErrorOptions {
  /**
   * The HTTP status AWS answers this error with, from 400 to 599.
   * @default 400
   */
  readonly httpStatus?: number;
  /**
   * `true` when the caller is at fault (AWS's `Sender`), `false` when the service is (`Receiver`).
   * @default - true for a status below 500, false from 500 on
   */
  readonly senderFault?: boolean;
  /**
   * The code a Query-protocol answer carries (`<Code>`, and the `x-amzn-query-error` header of a
   * query-compatible JSON service), where it differs from {@link AwsError.code}: SQS's JSON
   * `QueueDoesNotExist` is `AWS.SimpleQueueService.NonExistentQueue` in Query.
   * @default - the same as the code
   */
  readonly queryCode?: string;
}

/**
 * An error an AWS API answers a request with, independent of the wire protocol: `protocol/aws-json`
 * and `protocol/aws-query` render it. Each service's error class extends it, or throws it directly.
 *
 * @example
 * throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
 * throw new AwsError('ServiceUnavailableException', 'The service is starting.', { httpStatus: 503 });
 */
export class AwsError extends Error {
  /** The error's name as the JSON protocols give it (`__type` without its namespace), e.g. `QueueDoesNotExist`. */
  readonly code: string;
  /** The HTTP status of the answer. */
  readonly httpStatus: number;
  /** `true` when the caller is at fault (`Sender`), `false` when the service is (`Receiver`). */
  readonly senderFault: boolean;
  /** The code the Query protocol carries: {@link AwsErrorOptions.queryCode}, else {@link code}. */
  readonly queryCode: string;

  constructor(code: string, message: string, options: AwsErrorOptions = {}) {
    super(message);
    this.name = 'AwsError';
    const httpStatus = options.httpStatus ?? 400;
    if (!Number.isInteger(httpStatus) || httpStatus < 400 || httpStatus > 599) {
      throw new RangeError(`httpStatus of an AWS error must be between 400 and 599 (given ${httpStatus})`);
    }
    this.code = code;
    this.httpStatus = httpStatus;
    this.senderFault = options.senderFault ?? httpStatus < 500;
    this.queryCode = options.queryCode ?? code;
  }

  /** `Sender` or `Receiver`, as the `<Type>` of a Query error and the `x-amzn-query-error` header say it. */
  get faultType(): FaultType {
    return this.senderFault ? 'Sender' : 'Receiver';
  }
}

/** How {@link toAwsError} answers a thrown value that is not an {@link AwsError}. */
export interface UnexpectedErrorOptions {
  /**
   * The error that stands for it on the wire.
   * @default - `InternalError`, 500, with a message that points at the local service's log
   */
  readonly internalError?: AwsError;
  /**
   * Told about the thrown value: it is a bug of the local service, not a bad request, so the
   * developer running it should see it. @default - nobody is told
   */
  readonly onUnexpected?: (error: unknown) => void;
}

/**
 * The {@link AwsError} to answer with for whatever a handler threw: an `AwsError` as it is, anything
 * else (a bug) as a 500 internal error, after {@link UnexpectedErrorOptions.onUnexpected} has seen it.
 *
 * @example
 * catch (thrown) {
 *   const error = toAwsError(thrown, { onUnexpected: reportBug('local SNS', action) });
 *   writeQueryError(response, error, { namespace: SNS_XML_NAMESPACE, requestId });
 * }
 */
export function toAwsError(error: unknown, options: UnexpectedErrorOptions = {}): AwsError {
  if (error instanceof AwsError) return error;
  options.onUnexpected?.(error);
  return (
    options.internalError ??
    new AwsError('InternalError', 'We encountered an internal error. Please try again.', { httpStatus: 500 })
  );
}

/**
 * An `onUnexpected` for {@link toAwsError} that writes the stack to stderr, where the developer
 * running the local service sees it: `local SQS: ReceiveMessage failed: <stack>`.
 */
export function reportBug(service: string, operation: string): (error: unknown) => void {
  return (error) => {
    const detail = error instanceof Error ? error.stack : String(error);
    process.stderr.write(`${service}: ${operation || 'request'} failed: ${detail}\n`);
  };
}
