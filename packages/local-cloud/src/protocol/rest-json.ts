import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AwsError } from './aws-error';
import { type HttpReply, sendReply } from './http-reply';

/**
 * The error answer of a REST-JSON service such as Lambda: the code in `X-Amzn-ErrorType` (which the
 * SDK and the AWS CLI read) and `{Type, message}` in the body, `Type` being `User` for a caller's
 * error and `Service` for the service's own.
 */
export function restJsonErrorReply(
  error: AwsError,
  options: { readonly requestId?: string } = {},
): HttpReply {
  return {
    status: error.httpStatus,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': error.code,
      'x-amzn-requestid': options.requestId ?? randomUUID(),
    },
    body: JSON.stringify({ Type: error.senderFault ? 'User' : 'Service', message: error.message }),
  };
}

/**
 * The answer of a successful REST-JSON operation: its status (200, 201, 202, 204 as the operation
 * defines) and the result as JSON.
 */
export function restJsonResultReply(
  status: number,
  result: unknown,
  options: { readonly requestId?: string } = {},
): HttpReply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': options.requestId ?? randomUUID() },
    body: result === undefined ? '' : JSON.stringify(result),
  };
}

/**
 * Sends {@link restJsonErrorReply}.
 *
 * @example
 * writeRestJsonError(response, new AwsError('ResourceNotFoundException', 'Function not found: f', { httpStatus: 404 }));
 */
export function writeRestJsonError(
  response: ServerResponse,
  error: AwsError,
  options: { readonly requestId?: string } = {},
): void {
  sendReply(response, restJsonErrorReply(error, options));
}

/** Sends {@link restJsonResultReply}. */
export function writeRestJsonResult(
  response: ServerResponse,
  status: number,
  result: unknown,
  options: { readonly requestId?: string } = {},
): void {
  sendReply(response, restJsonResultReply(status, result, options));
}
