import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import { reportBug, toAwsError } from '../protocol/aws-error';
import { queryErrorReply, queryResultReply } from '../protocol/aws-query';
import { type HttpReply, sendReply } from '../protocol/http-reply';
import { signingServiceOf } from '../signing-service';
import { SNS_XML, SnsError } from './errors';
import { SNS_OPERATIONS } from './operations';
import { QueryInput } from './query-input';
import type { SnsService } from './sns-service';

/** SNS's API version: every Query request to it carries `Version=2010-03-31`. */
export const SNS_API_VERSION = '2010-03-31';

/** The service name in the SigV4 credential scope of an SNS request. */
const SIGNING_NAME = 'sns';

/** The largest request body accepted: a 256 KiB batch whose characters all need form-escaping. */
const MAXIMUM_REQUEST_BYTES = 3 * 256 * 1024 + 64 * 1024;

/** A response ready to send. */
export type SnsReply = HttpReply;

const INTERNAL_ERROR = new SnsError('InternalError', 'Internal error: the local SNS failed; see its log.');

/**
 * Whether a request is for SNS, told from its headers alone so that another service's request
 * reaches that service unread: signed for `sns`; or unsigned with `Version=2010-03-31` and an
 * `Action` in its query string, or the `?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:…` link of
 * a notification's UnsubscribeURL.
 */
export function isSnsRequest(request: IncomingMessage): boolean {
  const service = signingServiceOf(request);
  if (service !== undefined) return service === SIGNING_NAME;
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  if (query.get('Version') === SNS_API_VERSION && query.has('Action')) return true;
  return (
    query.get('Action') === 'Unsubscribe' && (query.get('SubscriptionArn') ?? '').startsWith('arn:aws:sns:')
  );
}

/**
 * Answers one SNS Query request (`Action=Publish&Version=2010-03-31&…`, form-encoded in the body or
 * the URL) with SNS's XML, or its `<ErrorResponse>`. An error that is not an SNS error is a bug: it
 * is logged and answered as InternalError, and the service stays up.
 *
 * The Query protocol is the only one: the SNS service models of the AWS SDKs and CLIs declare
 * `query` alone (no AWS JSON 1.0 target exists for SNS).
 */
export function handleSnsQuery(service: SnsService, body: string, url = '/'): SnsReply {
  const requestId = randomUUID();
  let action = '';
  try {
    const input = QueryInput.parse(body, url);
    action = input.string('Action') ?? '';
    const operation = Object.hasOwn(SNS_OPERATIONS, action) ? SNS_OPERATIONS[action] : undefined;
    if (operation === undefined) {
      throw new SnsError(
        'InvalidAction',
        `The action ${action || '(none)'} is not valid for this endpoint; the local SNS answers ${Object.keys(SNS_OPERATIONS).join(', ')}.`,
      );
    }
    return queryResultReply(SNS_XML, action, operation(service, input), { requestId });
  } catch (thrown) {
    const error = toAwsError(thrown, {
      internalError: INTERNAL_ERROR,
      onUnexpected: reportBug('local SNS', action),
    });
    return queryErrorReply(SNS_XML, error, { requestId });
  }
}

/**
 * The SNS API as a gateway handler: answers SNS's requests (see {@link isSnsRequest}) and gives
 * `false` for any other, unread.
 *
 * @example
 * const api = snsApi(sns);
 * createServer(async (request, response) => { if (!(await api(request, response))) next(request, response); });
 */
export function snsApi(
  service: SnsService,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  return async (request, response) => {
    if (!isSnsRequest(request)) return false;
    await answerSnsRequest(service, request, response);
    return true;
  };
}

/** Reads a request as SNS's (whatever it is signed for) and answers it. */
export async function answerSnsRequest(
  service: SnsService,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
  const reply =
    body === undefined
      ? queryErrorReply(
          SNS_XML,
          new SnsError(
            'RequestEntityTooLarge',
            `The request body is larger than ${MAXIMUM_REQUEST_BYTES} bytes.`,
          ),
        )
      : handleSnsQuery(service, body, request.url ?? '/');
  sendReply(response, reply);
}
