export { type BatchVerdict, readBatchResponse } from './batch-response';
export { type EventSourceOrigin, toSqsRecord } from './sqs-event';
export {
  type BatchSettlement,
  type InvocationOutcome,
  type PollerClock,
  SqsEventSourcePoller,
  type SqsEventSourceSettings,
  type SqsPollerDependencies,
} from './sqs-poller';
