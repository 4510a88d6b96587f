import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** The HTTP status of each error type the local Lambda API answers with, as Lambda's API gives it. */
const ERROR_STATUS: Readonly<Record<string, number>> = {
  InvalidParameterValueException: 400,
  InvalidRequestContentException: 400,
  ResourceNotFoundException: 404,
  UnknownOperationException: 404,
  ResourceConflictException: 409,
  RequestTooLargeException: 413,
  TooManyRequestsException: 429,
  ServiceException: 500,
};

/**
 * Answers with one of Lambda's errors: the type in `X-Amzn-ErrorType` (which the SDK and the AWS CLI
 * read) and `{Type, message}` in the body, `Type` being `User` for a caller's error and `Service` for
 * the local cloud's own.
 */
export function sendLambdaError(response: ServerResponse, type: string, message: string): void {
  const status = ERROR_STATUS[type] ?? 500;
  response.writeHead(status, {
    'content-type': 'application/json',
    'x-amzn-errortype': type,
    'x-amzn-requestid': randomUUID(),
  });
  response.end(JSON.stringify({ Type: status < 500 ? 'User' : 'Service', message }));
}

/**
 * Answers an error thrown by the local services: one of Lambda's own error types (the error's
 * `name`) with its message, anything else as a ServiceException.
 */
export function sendThrownLambdaError(response: ServerResponse, error: unknown): void {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name in ERROR_STATUS && name !== 'ServiceException') sendLambdaError(response, name, message);
  else sendLambdaError(response, 'ServiceException', message);
}

/** Answers a Lambda API operation's result as JSON, with a request id as every Lambda answer has. */
export function sendLambdaResult(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() });
  response.end(JSON.stringify(body));
}
