import { jsonErrorReply, jsonResultReply, parseJsonRequest } from '../protocol/aws-json';
import { SqsError } from './errors';
import type { WireProtocol } from './wire-protocol';

/** The namespace of SQS's error shapes in `__type`: `com.amazonaws.sqs#QueueDoesNotExist`. */
const SQS_ERROR_NAMESPACE = 'com.amazonaws.sqs';

/**
 * AWS JSON 1.0, as current SDKs and CLIs speak it: the operation in `X-Amz-Target`, the request and
 * result as JSON objects in the SQS API's shapes, errors as `__type` plus the `x-amzn-query-error`
 * header that query-compatible clients read the legacy code from.
 */
export const jsonProtocol: WireProtocol = {
  parse({ headers, body }) {
    return parseJsonRequest(headers['x-amz-target'], body, {
      targetPrefix: 'AmazonSQS.',
      errorFor: (code, message) => new SqsError(code, message),
    });
  },

  reply: (_operation, result, requestId) => jsonResultReply(result, { requestId }),

  error: (error, requestId) =>
    jsonErrorReply(error, { requestId, namespace: SQS_ERROR_NAMESPACE, queryCompatible: true }),

  unknownOperation: (operation) =>
    new SqsError('UnknownOperationException', `The operation ${operation} is not supported.`),
};
