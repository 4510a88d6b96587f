/**
 * The Query XML writers under their former names, for the services not yet moved onto
 * `protocol/` (CloudWatch); new code uses `protocol/aws-query` and `protocol/query-xml`.
 */
import { AwsError } from './protocol/aws-error';
import { queryErrorXml, queryResultXml, type XmlValue } from './protocol/query-xml';

export { XmlMap, type XmlValue } from './protocol/query-xml';

/**
 * A Query protocol response in `namespace`.
 * @deprecated use `queryResultReply` or `writeQueryResult` from `protocol/aws-query`.
 */
export function queryResponse(
  namespace: string,
  action: string,
  result: XmlValue | undefined,
  requestId: string,
): string {
  return queryResultXml({ namespace }, action, result, requestId);
}

/**
 * A Query protocol error response in `namespace`.
 * @deprecated use `queryErrorReply` or `writeQueryError` from `protocol/aws-query` with an `AwsError`.
 */
export function queryErrorResponse(
  namespace: string,
  code: string,
  message: string,
  requestId: string,
  type: 'Sender' | 'Receiver' = 'Sender',
): string {
  return queryErrorXml(
    { namespace },
    new AwsError(code, message, { senderFault: type === 'Sender' }),
    requestId,
  );
}
