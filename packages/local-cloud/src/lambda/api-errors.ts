import type { ServerResponse } from 'node:http';
import { AwsError, writeRestJsonError } from '../protocol';

/** The HTTP status of each error type the local Lambda API answers with, as Lambda's API gives it. */
const ERROR_STATUS = {
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
  ResourceNotFoundException: 404,
  UnknownOperationException: 404,
  ResourceConflictException: 409,
  RequestTooLargeException: 413,
  TooManyRequestsException: 429,
  ServiceException: 500,
} as const;

/** An error type of Lambda's API that the local API answers with. */
export type LambdaErrorType = keyof typeof ERROR_STATUS;

/**
 * One of Lambda's API errors, written by the protocol layer in REST-JSON: the type in
 * `X-Amzn-ErrorType` (which the SDK and the AWS CLI read) and `{Type, message}` in the body, `Type`
 * being `User` for a caller's error and `Service` for the local cloud's own. The function and
 * mapping services' errors that reach the API (`ResourceNotFoundException`,
 * `TooManyRequestsException`...) extend it; elsewhere it is thrown directly.
 *
 * @example
 * throw new LambdaApiError('InvalidRequestContentException', 'Could not parse request body into json');
 */
export class LambdaApiError extends AwsError {
  declare readonly code: LambdaErrorType;

  constructor(type: LambdaErrorType, message: string) {
    super(type, message, { httpStatus: ERROR_STATUS[type] });
    this.name = type;
  }
}

/**
 * The error to answer with for whatever the local services threw: an {@link AwsError} as it is,
 * anything else (a bug of the local cloud) as a ServiceException with its message.
 */
export function toLambdaApiError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  return new LambdaApiError('ServiceException', error instanceof Error ? error.message : String(error));
}

/** Answers an error thrown by the local services, as {@link toLambdaApiError} reads it. */
export function sendThrownLambdaError(response: ServerResponse, error: unknown): void {
  writeRestJsonError(response, toLambdaApiError(error));
}
