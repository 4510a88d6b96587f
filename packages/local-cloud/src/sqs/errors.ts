import { AwsError } from '../protocol/aws-error';

/**
 * Every error this endpoint returns, keyed by the name the JSON protocol puts in `__type` (the Smithy
 * shape name, which the SDK turns into `error.name`), with the code the Query protocol and the
 * `x-amzn-query-error` header carry, and the HTTP status AWS uses.
 */
const ERROR_CATALOG = {
  AccessDeniedException: { queryCode: 'AccessDenied', status: 403 },
  BatchEntryIdsNotDistinct: { queryCode: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', status: 400 },
  BatchRequestTooLong: { queryCode: 'AWS.SimpleQueueService.BatchRequestTooLong', status: 400 },
  EmptyBatchRequest: { queryCode: 'AWS.SimpleQueueService.EmptyBatchRequest', status: 400 },
  InvalidAddress: { queryCode: 'InvalidAddress', status: 404 },
  InvalidAttributeName: { queryCode: 'InvalidAttributeName', status: 400 },
  InvalidAttributeValue: { queryCode: 'InvalidAttributeValue', status: 400 },
  InvalidBatchEntryId: { queryCode: 'AWS.SimpleQueueService.InvalidBatchEntryId', status: 400 },
  InvalidMessageContents: { queryCode: 'InvalidMessageContents', status: 400 },
  InvalidParameterValue: { queryCode: 'InvalidParameterValue', status: 400 },
  MessageNotInflight: { queryCode: 'AWS.SimpleQueueService.MessageNotInflight', status: 400 },
  MissingParameter: { queryCode: 'MissingParameter', status: 400 },
  PurgeQueueInProgress: { queryCode: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403 },
  QueueDoesNotExist: { queryCode: 'AWS.SimpleQueueService.NonExistentQueue', status: 400 },
  QueueNameExists: { queryCode: 'QueueAlreadyExists', status: 400 },
  ReceiptHandleIsInvalid: { queryCode: 'ReceiptHandleIsInvalid', status: 404 },
  ResourceNotFoundException: { queryCode: 'ResourceNotFoundException', status: 404 },
  TooManyEntriesInBatchRequest: {
    queryCode: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    status: 400,
  },
  UnsupportedOperation: { queryCode: 'AWS.SimpleQueueService.UnsupportedOperation', status: 400 },
  // Protocol-level errors: the body could not be read as a request at all.
  InvalidAction: { queryCode: 'InvalidAction', status: 400 },
  UnknownOperationException: { queryCode: 'InvalidAction', status: 400 },
  SerializationException: { queryCode: 'MalformedQueryString', status: 400 },
  MalformedQueryString: { queryCode: 'MalformedQueryString', status: 400 },
  RequestEntityTooLarge: { queryCode: 'RequestEntityTooLarge', status: 413 },
  InternalError: { queryCode: 'InternalError', status: 500, receiverFault: true },
} as const satisfies Record<string, { queryCode: string; status: number; receiverFault?: boolean }>;

/** The name of an error this endpoint can return (the JSON protocol's `__type` without namespace). */
export type SqsErrorCode = keyof typeof ERROR_CATALOG;

/**
 * An SQS error, independent of the wire protocol: the adapters render it as a JSON or XML error,
 * with the status, fault and Query code the catalog gives its code.
 *
 * @example
 * throw new SqsError('InvalidParameterValue', 'Value 11 for parameter MaxNumberOfMessages is invalid.');
 */
export class SqsError extends AwsError {
  /** The JSON protocol's error name, e.g. `QueueDoesNotExist`. */
  declare readonly code: SqsErrorCode;

  constructor(code: SqsErrorCode, message: string) {
    const entry: { queryCode: string; status: number; receiverFault?: boolean } = ERROR_CATALOG[code];
    super(code, message, {
      httpStatus: entry.status,
      senderFault: entry.receiverFault !== true,
      queryCode: entry.queryCode,
    });
    this.name = 'SqsError';
  }
}

/** The error AWS returns for a queue URL or name that names no queue. */
export function queueDoesNotExist(): SqsError {
  return new SqsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

/** The error AWS returns for a required parameter that is absent. */
export function missingParameter(name: string): SqsError {
  return new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);
}

/** The error AWS returns for a parameter outside its allowed values, naming the rule that was broken. */
export function invalidParameter(name: string, value: unknown, reason: string): SqsError {
  return new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );
}
