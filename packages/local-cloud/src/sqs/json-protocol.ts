import { SqsError } from './errors';
import type { HttpReply, WireProtocol } from './wire-protocol';

const TARGET_PREFIX = 'AmazonSQS.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * AWS JSON 1.0, as current SDKs and CLIs speak it: the operation in `X-Amz-Target`, the request and
 * result as JSON objects in the SQS API's shapes, errors as `__type` plus the `x-amzn-query-error`
 * header that query-compatible clients read the legacy code from.
 */
export const jsonProtocol: WireProtocol = {
  parse({ headers, body }) {
    const target = String(headers['x-amz-target'] ?? '');
    if (!target.startsWith(TARGET_PREFIX)) {
      throw new SqsError('UnknownOperationException', `The target ${target} is not valid for this endpoint.`);
    }
    const operation = target.slice(TARGET_PREFIX.length);
    if (body.length === 0) return { operation, input: {} };
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      throw new SqsError('SerializationException', 'The request body is not valid JSON.');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new SqsError('SerializationException', 'The request body must be a JSON object.');
    }
    return { operation, input: input as Record<string, unknown> };
  },

  reply(_operation, result, requestId): HttpReply {
    return {
      status: 200,
      headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
      body: JSON.stringify(result ?? {}),
    };
  },

  error(error, requestId): HttpReply {
    return {
      status: error.httpStatus,
      headers: {
        'content-type': CONTENT_TYPE,
        'x-amzn-requestid': requestId,
        'x-amzn-query-error': `${error.queryCode};${error.senderFault ? 'Sender' : 'Receiver'}`,
      },
      body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message }),
    };
  },
};
