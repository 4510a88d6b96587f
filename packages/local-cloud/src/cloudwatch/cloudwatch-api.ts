import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MetricDimension, MetricIdentity } from '../assembly/alarm-definitions';
import { readTextBody } from '../http-body';
import { queryErrorResponse, queryResponse, type XmlValue } from '../query-xml';
import { signingServiceOf } from '../signing-service';
import type { AlarmStateValue } from './alarm-evaluation';
import type { AlarmStatus, CloudWatchService } from './cloudwatch-service';
import { CloudWatchError } from './errors';
import { CLOUDWATCH_JSON_TARGET, jsonResult, queryParametersFromJson } from './json-protocol';

/** The XML namespace of every CloudWatch Query response. */
const CLOUDWATCH_XML_NAMESPACE = 'http://monitoring.amazonaws.com/doc/2010-08-01/';

/** CloudWatch's API version: every Query request to it carries `Version=2010-08-01`. */
const CLOUDWATCH_API_VERSION = '2010-08-01';

/** The service name in a SigV4 credential scope of a CloudWatch request (its endpoint prefix). */
const SIGNING_NAME = 'monitoring';

/** The most a CloudWatch Query request body may be: PutMetricData's limit. */
const MAXIMUM_REQUEST_BYTES = 1024 * 1024;

const STATE_VALUES: readonly AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** A Query request's parameters, by their flattened names (`AlarmNames.member.1`). */
type QueryParameters = ReadonlyMap<string, string>;

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

/** The members of a list parameter, each as its own parameters: `Name.member.<n>.<rest>` → `<rest>`. */
function members(parameters: QueryParameters, name: string): Map<string, string>[] {
  const prefix = `${name}.member.`;
  const byIndex = new Map<number, Map<string, string>>();
  for (const [key, value] of parameters) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const index = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(index)) continue;
    const member = byIndex.get(index) ?? new Map<string, string>();
    member.set(dot < 0 ? '' : rest.slice(dot + 1), value);
    byIndex.set(index, member);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
}

function stringList(parameters: QueryParameters, name: string): string[] {
  return members(parameters, name).map((member) => member.get('') ?? '');
}

function required(parameters: QueryParameters, name: string): string {
  const value = parameters.get(name);
  if (value === undefined || value === '') {
    throw new CloudWatchError('MissingParameter', `The parameter ${name} is required.`);
  }
  return value;
}

function dimensionsOf(parameters: QueryParameters, name = 'Dimensions'): MetricDimension[] {
  return members(parameters, name).map((member) => ({
    name: member.get('Name') ?? '',
    value: member.get('Value') ?? '',
  }));
}

function timestampOf(parameters: QueryParameters, name: string): number {
  const text = required(parameters, name);
  // Botocore sends ISO 8601; epoch seconds are accepted too.
  const time = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (Number.isNaN(time)) {
    throw new CloudWatchError(
      'InvalidParameterValue',
      `The parameter ${name} is not a valid timestamp (given ${text}).`,
    );
  }
  return time;
}

function stateValueOf(value: string | undefined, name: string): AlarmStateValue | undefined {
  if (value === undefined) return undefined;
  if (STATE_VALUES.includes(value as AlarmStateValue)) return value as AlarmStateValue;
  throw new CloudWatchError(
    'InvalidParameterValue',
    `The parameter ${name} must be one of ${STATE_VALUES.join(', ')} (given ${value}).`,
  );
}

const isoTime = (epochMs: number) => new Date(epochMs).toISOString();

/** A MetricAlarm structure, as DescribeAlarms returns it. */
function metricAlarm(status: AlarmStatus): XmlValue {
  const { alarm } = status;
  return {
    AlarmName: alarm.alarmName,
    AlarmArn: alarm.alarmArn,
    AlarmDescription: alarm.alarmDescription,
    AlarmConfigurationUpdatedTimestamp: isoTime(status.configurationUpdatedTimestamp),
    ActionsEnabled: alarm.actionsEnabled,
    OKActions: alarm.okActions,
    AlarmActions: alarm.alarmActions,
    InsufficientDataActions: alarm.insufficientDataActions,
    StateValue: status.stateValue,
    StateReason: status.stateReason,
    StateReasonData: status.stateReasonData,
    StateUpdatedTimestamp: isoTime(status.stateUpdatedTimestamp),
    MetricName: alarm.metric.metricName,
    Namespace: alarm.metric.namespace,
    Statistic: alarm.statistic,
    ExtendedStatistic: alarm.extendedStatistic,
    Dimensions: alarm.metric.dimensions.map(({ name, value }) => ({ Name: name, Value: value })),
    Period: alarm.periodSeconds,
    Unit: alarm.unit,
    EvaluationPeriods: alarm.evaluationPeriods,
    DatapointsToAlarm: alarm.datapointsToAlarm,
    Threshold: alarm.threshold,
    ComparisonOperator: alarm.comparisonOperator,
    TreatMissingData: alarm.treatMissingData,
    StateTransitionedTimestamp: isoTime(status.stateUpdatedTimestamp),
  };
}

function metricOf(parameters: QueryParameters): MetricIdentity {
  return {
    namespace: required(parameters, 'Namespace'),
    metricName: required(parameters, 'MetricName'),
    dimensions: dimensionsOf(parameters),
  };
}

/** The CloudWatch operations the local cloud answers, named as in the API; each gives its result. */
function operations(
  service: CloudWatchService,
): Record<string, (parameters: QueryParameters) => XmlValue | undefined> {
  return {
    DescribeAlarms: (parameters) => {
      const alarmNames = stringList(parameters, 'AlarmNames');
      const alarmNamePrefix = parameters.get('AlarmNamePrefix');
      if (alarmNames.length > 0 && alarmNamePrefix !== undefined) {
        throw new CloudWatchError(
          'InvalidParameterCombination',
          'AlarmNames and AlarmNamePrefix cannot be given together.',
        );
      }
      const alarms = service.describeAlarms({
        alarmNames,
        alarmNamePrefix,
        stateValue: stateValueOf(parameters.get('StateValue'), 'StateValue'),
        actionPrefix: parameters.get('ActionPrefix'),
      });
      // The local stack has too few alarms to page: every match comes at once, with no NextToken.
      return { MetricAlarms: alarms.map(metricAlarm), CompositeAlarms: [] };
    },
    SetAlarmState: (parameters) => {
      service.setAlarmState(
        required(parameters, 'AlarmName'),
        stateValueOf(required(parameters, 'StateValue'), 'StateValue') as AlarmStateValue,
        required(parameters, 'StateReason'),
        parameters.get('StateReasonData'),
      );
      return undefined;
    },
    PutMetricData: (parameters) => {
      const namespace = required(parameters, 'Namespace');
      for (const [index, datum] of members(parameters, 'MetricData').entries()) {
        const at = `MetricData.member.${index + 1}`;
        const metric = {
          namespace,
          metricName: required(datum, 'MetricName'),
          dimensions: dimensionsOf(datum),
        };
        const single = datum.get('Value');
        const counts = stringList(datum, 'Counts').map(Number);
        const values = single === undefined ? stringList(datum, 'Values').map(Number) : [Number(single)];
        // Values with Counts: each value occurred that many times in the period.
        const expanded = values.flatMap((value, position) =>
          Array<number>(counts[position] ?? 1).fill(value),
        );
        if (expanded.length === 0 || expanded.some((value) => !Number.isFinite(value))) {
          throw new CloudWatchError('InvalidParameterValue', `${at} needs a finite Value or Values.`);
        }
        const timestamp = datum.has('Timestamp') ? timestampOf(datum, 'Timestamp') : undefined;
        service.putMetricData(metric, expanded, timestamp, datum.get('Unit'));
      }
      return undefined;
    },
    GetMetricStatistics: (parameters) => {
      const metric = metricOf(parameters);
      if (stringList(parameters, 'ExtendedStatistics').length > 0) {
        throw new CloudWatchError(
          'InvalidParameterValue',
          'The local CloudWatch answers GetMetricStatistics with Statistics only, not ExtendedStatistics.',
        );
      }
      const datapoints = service.getMetricStatistics({
        metric,
        startTime: timestampOf(parameters, 'StartTime'),
        endTime: timestampOf(parameters, 'EndTime'),
        periodSeconds: Number(required(parameters, 'Period')),
        statistics: stringList(parameters, 'Statistics'),
        extendedStatistics: [],
      });
      return {
        Label: metric.metricName,
        Datapoints: datapoints.map((datapoint) => ({
          Timestamp: isoTime(datapoint.timestamp),
          ...datapoint.statistics,
          Unit: datapoint.unit ?? 'None',
        })),
      };
    },
    ListMetrics: (parameters) => ({
      Metrics: service
        .listMetrics({
          namespace: parameters.get('Namespace'),
          metricName: parameters.get('MetricName'),
          dimensions: members(parameters, 'Dimensions').map((member) => ({
            name: member.get('Name') ?? '',
            value: member.get('Value'),
          })),
        })
        .map((metric) => ({
          Namespace: metric.namespace,
          MetricName: metric.metricName,
          Dimensions: metric.dimensions.map(({ name, value }) => ({ Name: name, Value: value })),
        })),
    }),
  };
}

type Handlers = ReturnType<typeof operations>;

/** The operation an action names, in either protocol. */
function handlerFor(handlers: Handlers, action: string): Handlers[string] {
  const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
  if (handler === undefined) {
    throw new CloudWatchError(
      'InvalidAction',
      `The action ${action || '(none)'} is not valid for this web service; the local CloudWatch answers ${Object.keys(handlers).join(', ')}.`,
    );
  }
  return handler;
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
  handlers: Handlers,
  action: string,
  requestId: string,
): Promise<void> {
  const send = (status: number, body: unknown) => {
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': requestId,
    });
    response.end(JSON.stringify(body));
  };
  try {
    const body = await requestBody(request);
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch (error) {
      throw new CloudWatchError(
        'InvalidParameterValue',
        `The request body is not JSON: ${(error as Error).message}`,
      );
    }
    send(200, jsonResult(handlerFor(handlers, action)(queryParametersFromJson(input))));
  } catch (error) {
    if (!(error instanceof CloudWatchError)) throw error;
    send(error.status, { __type: error.code, message: error.message });
  }
}

function sendXml(response: ServerResponse, status: number, body: string, requestId: string): void {
  response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
  response.end(body);
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
  const handlers = operations(service);
  return async (request, response) => {
    if (!isCloudWatchRequest(request)) return false;
    const requestId = randomUUID();
    const target = String(request.headers['x-amz-target'] ?? '');
    if (target.startsWith(CLOUDWATCH_JSON_TARGET)) {
      await answerJson(request, response, handlers, target.slice(CLOUDWATCH_JSON_TARGET.length), requestId);
      return true;
    }
    try {
      const protocol = request.headers['smithy-protocol'] ?? request.headers['x-amz-target'];
      if (protocol !== undefined) {
        throw new CloudWatchError(
          'InvalidAction',
          `The local CloudWatch speaks the Query and the AWS JSON 1.0 protocols, not ${String(protocol)}.`,
        );
      }
      const body = await requestBody(request);
      const parameters = new Map(new URL(request.url ?? '/', 'http://localhost').searchParams);
      for (const [key, value] of new URLSearchParams(body)) parameters.set(key, value);
      const action = parameters.get('Action') ?? '';
      if (parameters.get('Version') !== CLOUDWATCH_API_VERSION) {
        throw new CloudWatchError(
          'InvalidParameterValue',
          `The parameter Version must be ${CLOUDWATCH_API_VERSION} (given ${parameters.get('Version') ?? 'none'}).`,
        );
      }
      sendXml(
        response,
        200,
        queryResponse(CLOUDWATCH_XML_NAMESPACE, action, handlerFor(handlers, action)(parameters), requestId),
        requestId,
      );
    } catch (error) {
      if (!(error instanceof CloudWatchError)) throw error;
      sendXml(
        response,
        error.status,
        queryErrorResponse(CLOUDWATCH_XML_NAMESPACE, error.code, error.message, requestId),
        requestId,
      );
    }
    return true;
  };
}
