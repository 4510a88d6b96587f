import { AwsError } from '../protocol/aws-error';
import type { QueryXmlDialect } from '../protocol/query-xml';

/** The XML namespace of every SNS Query response. */
export const SNS_XML_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** SNS's Query XML: its namespace, no XML declaration, no `<Detail/>` in errors. */
export const SNS_XML: QueryXmlDialect = { namespace: SNS_XML_NAMESPACE };

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
 * An error SNS would answer a request with, at the status SNS gives its code; only an internal
 * error is the service's fault. The API renders it as the Query protocol's `<ErrorResponse>`.
 *
 * @example
 * throw new SnsError('NotFound', 'Topic does not exist');
 */
export class SnsError extends AwsError {
  /** SNS's error code, e.g. `NotFound`. */
  declare readonly code: SnsErrorCode;

  constructor(code: SnsErrorCode, message: string) {
    super(code, message, { httpStatus: ERROR_STATUS[code] });
    this.name = 'SnsError';
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
