import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readTextBody } from '../http-body';
import {
  parseJsonRequest,
  parseQueryRequest,
  type QueryOperationShapes,
  type QueryXmlDialect,
  queryList,
  reportBug,
  toAwsError,
  writeJsonError,
  writeJsonResult,
  writeQueryError,
  writeQueryResult,
} from '../protocol';
import { signingServiceOf } from '../signing-service';
import { CloudWatchOperations } from './cloudwatch-operations';
import type { CloudWatchService } from './cloudwatch-service';
import { CloudWatchError } from './errors';
import { jsonResult, queryResult } from './wire-results';

/** How CloudWatch writes its Query answers. */
const QUERY_XML: QueryXmlDialect = { namespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/' };

/**
 * The `X-Amz-Target` prefix of CloudWatch's AWS JSON 1.0 protocol, which botocore (AWS CLI 1.3x+ and
 * recent 2.x) uses instead of the Query protocol: `GraniteServiceVersion20100801.DescribeAlarms`.
 */
export const CLOUDWATCH_JSON_TARGET = 'GraniteServiceVersion20100801.';

/** CloudWatch's API version: every Query request to it carries `Version=2010-08-01`. */
const CLOUDWATCH_API_VERSION = '2010-08-01';

/** The service name in a SigV4 credential scope of a CloudWatch request (its endpoint prefix). */
const SIGNING_NAME = 'monitoring';

/** The most a CloudWatch Query request body may be: PutMetricData's limit. */
const MAXIMUM_REQUEST_BYTES = 1024 * 1024;

/**
 * Whether a request is for CloudWatch, told from its headers alone so that another service's
 * request reaches that service with its body unread: the SigV4 credential scope names the service
 * (`Credential=<key>/<date>/<region>/monitoring/aws4_request`), and an unsigned GET says its
 * `Version` in the query string. SQS's Query requests, also form-encoded, are signed for `sqs`.
 */
export function isCloudWatchRequest(request: IncomingMessage): boolean {
  const service = signingServiceOf(request);
  if (service !== undefined) return service === SIGNING_NAME;
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  return query.get('Version') === CLOUDWATCH_API_VERSION && query.has('Action');
}

/** The form members of each operation's input that are lists, read as in its AWS JSON form. */
const QUERY_SHAPES: QueryOperationShapes = {
  DescribeAlarms: { AlarmNames: queryList() },
  PutMetricData: {
    MetricData: queryList({
      items: { Dimensions: queryList({ items: {} }), Values: queryList(), Counts: queryList() },
    }),
  },
  GetMetricStatistics: {
    Dimensions: queryList({ items: {} }),
    Statistics: queryList(),
    ExtendedStatistics: queryList(),
  },
  ListMetrics: { Dimensions: queryList({ items: {} }) },
};

type Operation = (input: Record<string, unknown>) => object;

/** The operations by their API names, as `Action` and `X-Amz-Target` give them. */
function operationsByName(operations: CloudWatchOperations): Readonly<Record<string, Operation>> {
  return {
    DescribeAlarms: (input) => operations.describeAlarms(input),
    SetAlarmState: (input) => operations.setAlarmState(input),
    PutMetricData: (input) => operations.putMetricData(input),
    GetMetricStatistics: (input) => operations.getMetricStatistics(input),
    ListMetrics: (input) => operations.listMetrics(input),
  };
}

/** The operation an action names, in either protocol. */
function operationFor(byName: Readonly<Record<string, Operation>>, action: string): Operation {
  if (!Object.hasOwn(byName, action)) {
    throw new CloudWatchError(
      'InvalidAction',
      `The action ${action || '(none)'} is not valid for this web service; the local CloudWatch answers ${Object.keys(byName).join(', ')}.`,
    );
  }
  return byName[action];
}

/** The request's body, in either protocol, refused past {@link MAXIMUM_REQUEST_BYTES}. */
async function requestBody(request: IncomingMessage): Promise<string> {
  const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
  if (body === undefined) {
    throw new CloudWatchError(
      'InvalidParameterValue',
      `The request body is larger than ${MAXIMUM_REQUEST_BYTES} bytes.`,
    );
  }
  return body;
}

/** A request in AWS JSON 1.0 (recent AWS CLIs): the same operations, JSON in and out. */
async function answerJson(
  request: IncomingMessage,
  response: ServerResponse,
  byName: Readonly<Record<string, Operation>>,
  requestId: string,
): Promise<void> {
  const target = request.headers['x-amz-target'];
  try {
    const { operation, input } = parseJsonRequest(target, await requestBody(request), {
      targetPrefix: CLOUDWATCH_JSON_TARGET,
      errorFor: (_code, message) => new CloudWatchError('InvalidParameterValue', message),
    });
    writeJsonResult(response, jsonResult(operationFor(byName, operation)(input)), { requestId });
  } catch (error) {
    const reply = toAwsError(error, { onUnexpected: reportBug('local CloudWatch', String(target)) });
    writeJsonError(response, reply, { requestId, queryCompatible: true });
  }
}

/** A request in the Query protocol (Debian's AWS CLI 2.9): form parameters in, XML out. */
async function answerQuery(
  request: IncomingMessage,
  response: ServerResponse,
  byName: Readonly<Record<string, Operation>>,
  requestId: string,
): Promise<void> {
  let action = '';
  try {
    const protocol = request.headers['smithy-protocol'] ?? request.headers['x-amz-target'];
    if (protocol !== undefined) {
      throw new CloudWatchError(
        'InvalidAction',
        `The local CloudWatch speaks the Query and the AWS JSON 1.0 protocols, not ${String(protocol)}.`,
      );
    }
    const parsed = parseQueryRequest(await requestBody(request), request.url ?? '/', QUERY_SHAPES);
    action = parsed.action ?? '';
    if (parsed.version !== CLOUDWATCH_API_VERSION) {
      throw new CloudWatchError(
        'InvalidParameterValue',
        `The parameter Version must be ${CLOUDWATCH_API_VERSION} (given ${parsed.version ?? 'none'}).`,
      );
    }
    const result = queryResult(operationFor(byName, action)(parsed.input));
    writeQueryResult(response, QUERY_XML, action, result, { requestId });
  } catch (error) {
    const reply = toAwsError(error, { onUnexpected: reportBug('local CloudWatch', action) });
    writeQueryError(response, QUERY_XML, reply, { requestId });
  }
}

/**
 * The CloudWatch API in the Query protocol (form-encoded POST, XML answers), as Debian's AWS CLI 2.9
 * speaks it, and in AWS JSON 1.0, as recent AWS CLIs do: DescribeAlarms, SetAlarmState, PutMetricData, GetMetricStatistics and ListMetrics over
 * a {@link CloudWatchService}. It answers only CloudWatch's requests (see {@link isCloudWatchRequest})
 * and gives `false` for any other, unread.
 *
 * @example
 * const api = cloudWatchApi(cloudWatch);
 * createServer(async (request, response) => { if (!(await api(request, response))) next(request, response); });
 */
export function cloudWatchApi(
  service: CloudWatchService,
): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const byName = operationsByName(new CloudWatchOperations(service));
  return async (request, response) => {
    if (!isCloudWatchRequest(request)) return false;
    const requestId = randomUUID();
    const target = String(request.headers['x-amz-target'] ?? '');
    if (target.startsWith(CLOUDWATCH_JSON_TARGET)) await answerJson(request, response, byName, requestId);
    else await answerQuery(request, response, byName, requestId);
    return true;
  };
}
