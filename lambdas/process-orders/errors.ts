/**
 * Thrown when a rejected message could not be forwarded to the dead-letter queue. The record is
 * then a batch item failure, so SQS delivers it again and nothing is lost.
 */
export class DeadLetterForwardError extends Error {
  constructor(
    public readonly sourceMessageId: string,
    options: { cause: unknown },
  ) {
    super(`could not forward message ${sourceMessageId} to the dead-letter queue`, options);
    this.name = 'DeadLetterForwardError';
  }
}
