import { queryErrorResponse } from '../query-xml';

/** The XML namespace of every SNS Query response. */
export const SNS_XML_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/**
 * The SNS error codes the local service answers with, as SNS's service model names them (the
 * Query `<Code>`, which the SDK turns into the exception), with their HTTP status.
 */
const ERROR_STATUS = {
  AuthorizationError: 403,
  BatchEntryIdsNotDistinct: 400,
  BatchRequestTooLong: 400,
  EmptyBatchRequest: 400,
  InternalError: 500,
  InvalidAction: 400,
  InvalidBatchEntryId: 400,
  InvalidParameter: 400,
  /** SNS's InvalidParameterValueException carries this code. */
  ParameterValueInvalid: 400,
  MalformedQueryString: 400,
  NotFound: 404,
  RequestEntityTooLarge: 413,
  ResourceNotFound: 404,
  TagLimitExceeded: 400,
  TooManyEntriesInBatchRequest: 400,
} as const;

/** The code of an error the local SNS can answer with. */
export type SnsErrorCode = keyof typeof ERROR_STATUS;

/**
 * An error SNS would answer a request with; it renders itself as the Query protocol's
 * `<ErrorResponse>`.
 *
 * @example
 * throw new SnsError('NotFound', 'Topic does not exist');
 */
export class SnsError extends Error {
  /** The HTTP status SNS answers this error with. */
  readonly status: number;

  constructor(
    /** SNS's error code, e.g. `NotFound`. */
    readonly code: SnsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SnsError';
    this.status = ERROR_STATUS[code];
  }

  /** The `<ErrorResponse>` body of this error; only an internal error is the service's fault. */
  toXml(requestId: string): string {
    const type = this.code === 'InternalError' ? 'Receiver' : 'Sender';
    return queryErrorResponse(SNS_XML_NAMESPACE, this.code, this.message, requestId, type);
  }
}

/** SNS's error for a parameter it refuses: `Invalid parameter: <what>`. */
export function invalidParameter(what: string): SnsError {
  return new SnsError('InvalidParameter', `Invalid parameter: ${what}`);
}

/** SNS's error for a topic ARN that names no topic. */
export function topicNotFound(): SnsError {
  return new SnsError('NotFound', 'Topic does not exist');
}

/** SNS's error for a subscription ARN that names no subscription. */
export function subscriptionNotFound(): SnsError {
  return new SnsError('NotFound', 'Subscription does not exist');
}
