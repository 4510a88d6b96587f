/** Limits that SQS enforces on every queue and request, and so the local endpoint does. */
export const SQS_LIMITS = {
  /** SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch take 1 to 10 entries. */
  maxBatchEntries: 10,
  /** A message (body and attributes) and a whole batch are at most 1 MiB (256 KiB until 2025). */
  maxMessageBytes: 1024 * 1024,
  /** ReceiveMessage returns 1 to 10 messages. */
  maxReceiveMessages: 10,
  /** A message stays invisible for at most 12 hours after its receive, whatever the timeout set. */
  maxVisibilityTimeoutSeconds: 43_200,
  /** A long poll (WaitTimeSeconds, ReceiveMessageWaitTimeSeconds) waits 0 to 20 seconds. */
  maxWaitTimeSeconds: 20,
  /** A message (DelaySeconds of a send or of the queue) is delayed 0 to 900 seconds. */
  maxDelaySeconds: 900,
  /** A message carries at most 10 message attributes. */
  maxMessageAttributes: 10,
  /** PurgeQueue runs at most once every 60 seconds on a queue. */
  purgeIntervalSeconds: 60,
  /** ListQueues returns at most 1000 queue URLs per page. */
  maxListQueuesResults: 1000,
  /** ListMessageMoveTasks returns at most 10 tasks. */
  maxListMessageMoveTasksResults: 10,
  /** A message move task moves at most 500 messages per second. */
  maxMessagesMovedPerSecond: 500,
  /** MaximumMessageSize is at least 1 KiB. */
  minMessageBytes: 1024,
  /** MessageRetentionPeriod is 60 seconds to 14 days. */
  minRetentionSeconds: 60,
  maxRetentionSeconds: 1_209_600,
  /** KmsDataKeyReusePeriodSeconds is 1 minute to 24 hours. */
  minKmsDataKeyReuseSeconds: 60,
  maxKmsDataKeyReuseSeconds: 86_400,
  /** A RedrivePolicy's maxReceiveCount is 1 to 1000. */
  maxReceiveCount: 1000,
  /** A byQueue RedriveAllowPolicy names 1 to 10 source queues. */
  maxRedriveAllowSourceQueues: 10,
  /** A FIFO queue remembers a deduplication id, and a ReceiveRequestAttemptId, for 5 minutes. */
  deduplicationWindowSeconds: 300,
  /** A queue name is 1 to 80 characters, a FIFO queue's `.fifo` suffix included. */
  maxQueueNameLength: 80,
  /** A batch entry's Id is 1 to 80 characters. */
  maxBatchEntryIdLength: 80,
  /** MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId are 1 to 128 characters. */
  maxFifoIdLength: 128,
  /** A message attribute's name is 1 to 256 characters. */
  maxMessageAttributeNameLength: 256,
  /** A message attribute's data type may end in a custom label (`Number.float`) of 1 to 256 characters. */
  maxCustomTypeLabelLength: 256,
} as const;
