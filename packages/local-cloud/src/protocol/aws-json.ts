import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsError } from './aws-error';
import { type HttpReply, type SendReplyOptions, sendReply } from './http-reply';

/** The two versions of AWS's JSON protocol; they differ only in the content type. */
export type AwsJsonVersion = '1.0' | '1.1';

/** The content type of an AWS JSON request and answer. */
export function awsJsonContentType(version: AwsJsonVersion): string {
  return `application/x-amz-json-${version}`;
}

/** An AWS JSON request: the operation from `X-Amz-Target`, the input from the body. */
export interface AwsJsonRequest {
  /** The operation, e.g. `SendMessage` from `X-Amz-Target: AmazonSQS.SendMessage`. */
  readonly operation: string;
  /** The body's JSON object; `{}` for an empty body. */
  readonly input: Record<string, unknown>;
}

/** How {@link parseJsonRequest} reads a request. */
export interface ParseJsonOptions {
  /** What `X-Amz-Target` starts with, the dot included: `AmazonSQS.`, `Logs_20140328.`. */
  readonly targetPrefix: string;
  /**
   * Makes the error for a request that cannot be read (`UnknownOperationException`,
   * `SerializationException`), for a service whose errors carry more than a code and a message.
   * @default - a plain {@link AwsError} with status 400
   */
  readonly errorFor?: (
    code: 'UnknownOperationException' | 'SerializationException',
    message: string,
  ) => AwsError;
}

/**
 * Reads an AWS JSON 1.0 or 1.1 request. A target without the service's prefix is an
 * `UnknownOperationException`; a body that is not a JSON object is a `SerializationException`
 * that says what is wrong with it.
 *
 * @example
 * const { operation, input } = parseJsonRequest(request.headers['x-amz-target'], body, { targetPrefix: 'AmazonSQS.' });
 */
export function parseJsonRequest(
  target: string | string[] | undefined,
  body: string | Buffer,
  options: ParseJsonOptions,
): AwsJsonRequest {
  const errorFor = options.errorFor ?? ((code, message) => new AwsError(code, message));
  const targetText = String((Array.isArray(target) ? target[0] : target) ?? '');
  if (!targetText.startsWith(options.targetPrefix) || targetText === options.targetPrefix) {
    throw errorFor('UnknownOperationException', `The target ${targetText} is not valid for this endpoint.`);
  }
  const operation = targetText.slice(options.targetPrefix.length);
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.trim() === '') return { operation, input: {} };
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw errorFor(
      'SerializationException',
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw errorFor('SerializationException', 'The request body must be a JSON object.');
  }
  return { operation, input: input as Record<string, unknown> };
}

/** What every AWS JSON answer needs besides its content. */
export interface JsonReplyOptions {
  /** The answer's `x-amzn-RequestId`. @default - a new UUID */
  readonly requestId?: string;
  /** @default '1.0' */
  readonly version?: AwsJsonVersion;
}

/** What an AWS JSON error answer needs besides the error. */
export interface JsonErrorOptions extends JsonReplyOptions {
  /**
   * The Smithy namespace `__type` gives the code in, e.g. `com.amazonaws.sqs` for
   * `com.amazonaws.sqs#QueueDoesNotExist`. @default - the bare code
   */
  readonly namespace?: string;
  /**
   * Adds `x-amzn-query-error: <queryCode>;<Sender|Receiver>`, from which the SDK and the CLI of a
   * query-compatible service (SQS) read the legacy Query code. @default false
   */
  readonly queryCompatible?: boolean;
}

/** The answer to a successful AWS JSON request: the result as a JSON object (`{}` for none). */
export function jsonResultReply(result: unknown, options: JsonReplyOptions = {}): HttpReply {
  return {
    status: 200,
    headers: {
      'content-type': awsJsonContentType(options.version ?? '1.0'),
      'x-amzn-requestid': options.requestId ?? randomUUID(),
    },
    body: JSON.stringify(result ?? {}),
  };
}

/**
 * The answer to a failed AWS JSON request: `{"__type", "message"}` with the error's status, its
 * code in `x-amzn-ErrorType` and, for a query-compatible service, `x-amzn-query-error`.
 */
export function jsonErrorReply(error: AwsError, options: JsonErrorOptions = {}): HttpReply {
  const headers: Record<string, string> = {
    'content-type': awsJsonContentType(options.version ?? '1.0'),
    'x-amzn-requestid': options.requestId ?? randomUUID(),
    'x-amzn-errortype': error.code,
  };
  if (options.queryCompatible) headers['x-amzn-query-error'] = `${error.queryCode};${error.faultType}`;
  const type = options.namespace === undefined ? error.code : `${options.namespace}#${error.code}`;
  return {
    status: error.httpStatus,
    headers,
    body: JSON.stringify({ __type: type, message: error.message }),
  };
}

/**
 * Sends {@link jsonResultReply}.
 *
 * @example
 * writeJsonResult(response, { logGroups: [] }, { requestId, version: '1.1' });
 */
export function writeJsonResult(
  response: ServerResponse,
  result: unknown,
  options: JsonReplyOptions & SendReplyOptions = {},
): void {
  sendReply(response, jsonResultReply(result, options), options);
}

/**
 * Sends {@link jsonErrorReply}; pass what a handler threw through `toAwsError` first.
 *
 * @example
 * writeJsonError(response, toAwsError(thrown), { requestId, version: '1.1' });
 */
export function writeJsonError(
  response: ServerResponse,
  error: AwsError,
  options: JsonErrorOptions & SendReplyOptions = {},
): void {
  sendReply(response, jsonErrorReply(error, options), options);
}
