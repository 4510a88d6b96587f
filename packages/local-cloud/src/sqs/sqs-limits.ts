/** Limits that SQS enforces on every queue, and so the local endpoint does. */
export const SQS_LIMITS = {
  /** SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch take 1 to 10 entries. */
  maxBatchEntries: 10,
  /** A message (body and attributes) and a whole batch are at most 1 MiB (256 KiB until 2025). */
  maxMessageBytes: 1024 * 1024,
  /** ReceiveMessage returns 1 to 10 messages. */
  maxReceiveMessages: 10,
  /** A message stays invisible for at most 12 hours after its receive, whatever the timeout set. */
  maxVisibilityTimeoutSeconds: 43_200,
} as const;
