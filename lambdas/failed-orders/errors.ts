/**
 * Thrown when a dead-lettered body does not fit in a DynamoDB item even gzip-compressed. The
 * message then stays in the dead-letter queue, where it can still be read, rather than be deleted
 * unrecorded.
 */
export class BodyTooLargeError extends Error {
  constructor(
    public readonly bodyBytes: number,
    public readonly compressedBytes: number,
    public readonly maxStoredBytes: number,
  ) {
    super(
      `message body of ${bodyBytes} bytes is ${compressedBytes} bytes gzip-compressed; ` +
        `a rejected-order record stores at most ${maxStoredBytes} bytes of body`,
    );
    this.name = 'BodyTooLargeError';
  }
}
