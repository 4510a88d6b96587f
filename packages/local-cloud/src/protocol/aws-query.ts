import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { AwsError } from './aws-error';
import { type HttpReply, type SendReplyOptions, sendReply } from './http-reply';
import {
  type QueryOperationShapes,
  type QueryParameters,
  type QueryStructure,
  readQueryStructure,
} from './query-shape';
import { type QueryXmlDialect, queryErrorXml, queryResultXml, type XmlValue } from './query-xml';

/** A Query request: its action and parameters, and its input in the JSON shape of the same request. */
export interface AwsQueryRequest {
  /** `Action`; `undefined` when the request names none. */
  readonly action: string | undefined;
  /** `Version`; `undefined` when the request names none. */
  readonly version: string | undefined;
  /** Every parameter as sent, by its full name (`Tags.member.1.Key`). */
  readonly parameters: QueryParameters;
  /** The parameters read with the action's shape, without `Action` and `Version`. */
  readonly input: Record<string, unknown>;
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new AwsError(
      'MalformedQueryString',
      `The parameter "${text.slice(0, 100)}" is not correctly URL-encoded.`,
    );
  }
}

/**
 * The parameters of a form-encoded request: the URL's query string, then the body, which wins where
 * both name a parameter. Bad percent-encoding is a `MalformedQueryString` error.
 *
 * @example
 * parseQueryForm('Action=Publish&Message=a+b', '/?Version=2010-03-31') // Map { Version, Action, Message: 'a b' }
 */
export function parseQueryForm(body: string | Buffer, url = '/'): Map<string, string> {
  const parameters = new Map<string, string>();
  const queryStart = url.indexOf('?');
  const sources = [queryStart < 0 ? '' : url.slice(queryStart + 1), body.toString()];
  for (const source of sources) {
    for (const pair of source.split('&')) {
      if (pair === '') continue;
      const equals = pair.indexOf('=');
      const key = decodeFormComponent(equals < 0 ? pair : pair.slice(0, equals));
      parameters.set(key, equals < 0 ? '' : decodeFormComponent(pair.slice(equals + 1)));
    }
  }
  return parameters;
}

/**
 * Reads a Query request (form-encoded, in the body or the URL) with the shape its action declares
 * in `shapes`, so its lists and maps, empty ones too, read as in the AWS JSON form of the request.
 * An action without a shape reads every bare parameter as a string.
 *
 * @example
 * const { action, input } = parseQueryRequest(body, request.url, SQS_QUERY_SHAPES);
 */
export function parseQueryRequest(
  body: string | Buffer,
  url: string,
  shapes: QueryOperationShapes,
): AwsQueryRequest {
  const parameters = parseQueryForm(body, url);
  const action = parameters.get('Action');
  const shape: QueryStructure = action !== undefined && Object.hasOwn(shapes, action) ? shapes[action] : {};
  const input = readQueryStructure(parameters, shape);
  delete input.Action;
  delete input.Version;
  return { action, version: parameters.get('Version'), parameters, input };
}

/** What every Query answer needs besides its content. */
export interface QueryReplyOptions {
  /** The answer's request id, in `x-amzn-RequestId` and in the document. @default - a new UUID */
  readonly requestId?: string;
}

/** The answer to a successful Query request: `<ActionResponse>` in the service's dialect. */
export function queryResultReply(
  dialect: QueryXmlDialect,
  action: string,
  result: XmlValue,
  options: QueryReplyOptions = {},
): HttpReply {
  const requestId = options.requestId ?? randomUUID();
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: queryResultXml(dialect, action, result, requestId),
  };
}

/** The answer to a failed Query request: the error's status and its `<ErrorResponse>`. */
export function queryErrorReply(
  dialect: QueryXmlDialect,
  error: AwsError,
  options: QueryReplyOptions = {},
): HttpReply {
  const requestId = options.requestId ?? randomUUID();
  return {
    status: error.httpStatus,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: queryErrorXml(dialect, error, requestId),
  };
}

/**
 * Sends {@link queryResultReply}.
 *
 * @example
 * writeQueryResult(response, SNS_XML, 'CreateTopic', { TopicArn: arn }, { requestId });
 */
export function writeQueryResult(
  response: ServerResponse,
  dialect: QueryXmlDialect,
  action: string,
  result: XmlValue,
  options: QueryReplyOptions & SendReplyOptions = {},
): void {
  sendReply(response, queryResultReply(dialect, action, result, options), options);
}

/**
 * Sends {@link queryErrorReply}; pass what a handler threw through `toAwsError` first.
 *
 * @example
 * writeQueryError(response, SNS_XML, toAwsError(thrown), { requestId });
 */
export function writeQueryError(
  response: ServerResponse,
  dialect: QueryXmlDialect,
  error: AwsError,
  options: QueryReplyOptions & SendReplyOptions = {},
): void {
  sendReply(response, queryErrorReply(dialect, error, options), options);
}
