import type { InvocationRequest, InvocationResponse } from '@aws-sdk/client-lambda';
import type { LogsService } from '../logs/logs-service';
import type { WireRequest } from '../protocol/wire-request';
import { LambdaApiError } from './api-errors';
import { functionNameOf } from './function-name';
import type { InvocationResult } from './invocation-result';
import type { LambdaService } from './lambda-service';

/** Lambda returns at most the last 4 KB of an invocation's log with `LogType: Tail`. */
const LOG_TAIL_BYTES = 4096;

/**
 * What Invoke answers, as the SDK's InvocationResponse names it: REST-JSON carries `StatusCode` as
 * the HTTP status, `FunctionError`, `LogResult` and `ExecutedVersion` as headers, and `Payload` (the
 * function's result as JSON text, absent for Event and DryRun) as the body.
 */
export interface InvokeResult
  extends Pick<InvocationResponse, 'FunctionError' | 'LogResult' | 'ExecutedVersion'> {
  readonly StatusCode: 200 | 202 | 204;
  readonly Payload?: string;
  /** The invocation's request id (`x-amzn-RequestId`); absent for DryRun. */
  readonly RequestId?: string;
}

/** The lines of one invocation, START to REPORT, from its instance's log stream. */
export function invocationLog(logs: LogsService, logGroupName: string, result: InvocationResult): string[] {
  const messages = logs.getLogEvents(logGroupName, result.logStreamName).map((event) => event.message);
  const start = messages.lastIndexOf(`START RequestId: ${result.requestId} Version: $LATEST`);
  const report = messages.findIndex((message) => message.startsWith(`REPORT RequestId: ${result.requestId}`));
  return start < 0 || report < start ? [] : messages.slice(start, report + 1);
}

/** The event a request carries: its JSON body, `null` when empty. */
function payloadOf(request: WireRequest<InvocationRequest>): unknown {
  const { Payload } = request;
  const text = Payload instanceof Uint8Array ? Buffer.from(Payload).toString('utf8') : Payload;
  if (text === undefined || text === null || text === '') return null;
  try {
    return JSON.parse(String(text));
  } catch {
    throw new LambdaApiError('InvalidRequestContentException', 'Could not parse request body into json');
  }
}

/**
 * Invoke, as Lambda answers it: `RequestResponse` (the default, and any type Lambda does not name)
 * runs the function and answers its result, with `FunctionError` on a function error and, with
 * `LogType: Tail`, the last 4 KB of the invocation's log in `LogResult`; `Event` queues the event
 * (at most 1 MB) and answers 202 at once; `DryRun` answers 204. The function is looked up before the
 * payload is read, so an unknown function is a ResourceNotFoundException whatever the body.
 *
 * @throws ResourceNotFoundException, InvalidRequestContentException, RequestTooLargeException,
 *   TooManyRequestsException as Lambda does
 */
export async function invokeFunction(
  lambda: Pick<LambdaService, 'getFunction' | 'invoke' | 'invokeAsync'>,
  logs: LogsService,
  request: WireRequest<InvocationRequest>,
): Promise<InvokeResult> {
  const { FunctionName, Qualifier } = request;
  if (typeof FunctionName !== 'string') {
    throw new LambdaApiError('InvalidParameterValueException', 'FunctionName is required');
  }
  const definition = lambda.getFunction(
    functionNameOf(FunctionName, typeof Qualifier === 'string' ? Qualifier : undefined),
  );
  const payload = payloadOf(request);
  const invocationType = String(request.InvocationType ?? 'RequestResponse');
  if (invocationType === 'DryRun') return { StatusCode: 204 };
  if (invocationType === 'Event') {
    return { StatusCode: 202, RequestId: lambda.invokeAsync(definition.functionName, payload) };
  }
  const result = await lambda.invoke(definition.functionName, payload);
  const log =
    request.LogType === 'Tail'
      ? Buffer.from(`${invocationLog(logs, definition.logGroupName, result).join('\n')}\n`)
      : undefined;
  return {
    StatusCode: 200,
    ExecutedVersion: '$LATEST',
    RequestId: result.requestId,
    ...(result.functionError ? { FunctionError: result.functionError } : {}),
    ...(log === undefined
      ? {}
      : { LogResult: log.subarray(Math.max(0, log.length - LOG_TAIL_BYTES)).toString('base64') }),
    Payload: JSON.stringify(result.payload),
  };
}
