/** SNS's limits that the local service enforces, from the SNS API reference and quotas. */
export const SNS_LIMITS = {
  /** Message plus message attributes (names, types and values), in bytes: 256 KiB. */
  maxMessageBytes: 262_144,
  /** Entries of one PublishBatch. */
  maxBatchEntries: 10,
  /** Topics or subscriptions per page of ListTopics and ListSubscriptions(ByTopic). */
  pageSize: 100,
  /** Tags on one topic. */
  maxTags: 50,
  /** How long a FIFO topic remembers a deduplication id, in milliseconds: 5 minutes. */
  deduplicationWindowMs: 5 * 60_000,
  /** Characters of a Subject. */
  maxSubjectLength: 99,
  /** Characters of a MessageGroupId or MessageDeduplicationId. */
  maxFifoIdLength: 128,
  /** Characters of a PublishBatch entry Id. */
  maxBatchEntryIdLength: 80,
} as const;
