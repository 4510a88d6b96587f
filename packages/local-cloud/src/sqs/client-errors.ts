/**
 * An error response of the SQS endpoint, named as the SDK names it: `name` is the AWS error name
 * from `__type` without its namespace (`QueueDoesNotExist`, `ReceiptHandleIsInvalid`), so a message
 * that prints `${error.name}: ${error.message}` reads as it did with the SDK.
 */
export class SqsServiceError extends Error {
  constructor(
    name: string,
    message: string,
    /** The operation that failed, e.g. `ReceiveMessage`. */
    readonly operation: string,
    /** The HTTP status of the response. */
    readonly statusCode: number,
  ) {
    super(message);
    this.name = name;
  }
}

/**
 * A received message whose body or message attributes do not match the MD5 SQS sent with them: they
 * were corrupted between the queue and the client, so the whole response is refused, as the SDK does.
 */
export class Md5MismatchError extends Error {
  constructor(
    /** `MD5OfBody` or `MD5OfMessageAttributes`. */
    readonly field: 'MD5OfBody' | 'MD5OfMessageAttributes',
    /** The ids of the messages that failed the check. */
    readonly messageIds: readonly string[],
  ) {
    super(`${field} does not match what was received, for message(s) ${messageIds.join(', ')}`);
    this.name = 'Md5MismatchError';
  }
}
