export { type Clock, ManualClock, scaledClock, systemClock, type TimerHandle } from '../clock';
export { SqsError, type SqsErrorCode } from './errors';
export { type MessageAttributeValue, md5OfBody, md5OfMessageAttributes } from './md5';
export { type JournalEvent, type RequestContext, SqsModel, type SqsModelOptions } from './queue-model';
export { type SqsFaults, type SqsServer, type SqsServerOptions, startSqsServer } from './server';
