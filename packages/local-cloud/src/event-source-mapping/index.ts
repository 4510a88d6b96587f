export { type BatchVerdict, readBatchResponse } from './batch-response';
export * from './errors';
export { EventFilter, InvalidFilterPatternError } from './event-filter';
export * from './event-source-mapping-service';
export { isInitFailure } from './init-backoff';
export { applyMappingUpdate, type SqsMappingSettings } from './mapping-update';
export { eventSourceMappingUuid } from './mapping-uuid';
export { type EventSourceOrigin, toSqsRecord } from './sqs-event';
export {
  type BatchSettlement,
  type InvocationOutcome,
  type PollerClock,
  type PollerSqsClient,
  SqsEventSourcePoller,
  type SqsEventSourceSettings,
  type SqsEventSourceUpdate,
  type SqsPollerDependencies,
} from './sqs-poller';
