/**
 * The lines the Lambda platform writes to a function's log stream around each invocation, in
 * Lambda's text format (fields separated by tabs, as CloudWatch shows them).
 */

const milliseconds = (value: number) => `${value.toFixed(2)} ms`;

/** Written once per instance, before its init phase. */
export function initStartLine(runtimeVersion: string, runtimeVersionArn: string): string {
  return `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}`;
}

/**
 * Written when the init phase fails or runs out of time, before the invocation's START.
 *
 * @example
 * initReportLine(150.79, 'error', 'Runtime.ImportModuleError');
 * // 'INIT_REPORT Init Duration: 150.79 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError'
 */
export function initReportLine(
  initDurationMs: number,
  status: 'error' | 'timeout',
  errorType?: string,
): string {
  const fields = [
    `INIT_REPORT Init Duration: ${milliseconds(initDurationMs)}`,
    'Phase: init',
    `Status: ${status}`,
  ];
  if (errorType !== undefined) fields.push(`Error Type: ${errorType}`);
  return fields.join('\t');
}

/** The runtime's line for an error thrown while loading the handler, with no request id yet. */
export function initErrorLine(
  isoTime: string,
  error: { readonly errorType: string; readonly errorMessage: string; readonly stack: readonly string[] },
): string {
  return `${isoTime}\tundefined\tERROR\tUncaught Exception \t${JSON.stringify(error)}`;
}

export function startLine(requestId: string, version = '$LATEST'): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** What a REPORT line reports about one invocation. */
export interface InvocationReport {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Only on the invocation that started the instance (a cold start). */
  readonly initDurationMs?: number;
  /** `timeout` or `error` when the platform ended the invocation. */
  readonly status?: 'timeout' | 'error';
}

/**
 * @example
 * reportLine({ requestId, durationMs: 12.34, billedDurationMs: 163, memorySizeMb: 256, maxMemoryUsedMb: 80, initDurationMs: 150 });
 * // 'REPORT RequestId: … \tDuration: 12.34 ms\tBilled Duration: 163 ms\tMemory Size: 256 MB\tMax Memory Used: 80 MB\tInit Duration: 150.00 ms'
 */
export function reportLine(report: InvocationReport): string {
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${milliseconds(report.durationMs)}`,
    `Billed Duration: ${report.billedDurationMs} ms`,
    `Memory Size: ${report.memorySizeMb} MB`,
    `Max Memory Used: ${report.maxMemoryUsedMb} MB`,
  ];
  if (report.initDurationMs !== undefined)
    fields.push(`Init Duration: ${milliseconds(report.initDurationMs)}`);
  if (report.status !== undefined) fields.push(`Status: ${report.status}`);
  return fields.join('\t');
}

/**
 * Lambda bills whole milliseconds, and since August 2025 it bills the init phase of managed runtimes
 * too, so a cold start's billed duration includes its init duration.
 */
export function billedDurationMs(durationMs: number, initDurationMs = 0): number {
  return Math.max(1, Math.ceil(durationMs + initDurationMs));
}

/** The line Lambda writes when it stops an invocation at the function's timeout. */
export function timeoutLine(isoTime: string, requestId: string, timeoutSeconds: number): string {
  return `${isoTime} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/**
 * The error type of an invocation whose instance ran past Lambda's init limit. Lambda writes no
 * error type for it, only `INIT_REPORT ... Status: timeout` (see {@link initReportLine}); the local
 * cloud names one of its own, in the family of the other init failures (`Runtime.ImportModuleError`
 * ...), so that callers and event source mappings tell it from a handler's timeout
 * (`Sandbox.Timedout`) and back off as they do for any failed init.
 */
export const INIT_TIMEOUT_ERROR_TYPE = 'Runtime.InitTimeout';

/**
 * The error of an invocation stopped at a time limit of `limitSeconds`: Lambda's `Sandbox.Timedout`
 * for the handler's timeout, {@link INIT_TIMEOUT_ERROR_TYPE} for the init limit.
 */
export function timeoutError(requestId: string, limitSeconds: number, phase: 'init' | 'invoke') {
  return {
    errorType: phase === 'init' ? INIT_TIMEOUT_ERROR_TYPE : 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${limitSeconds.toFixed(2)} seconds`,
    stack: [],
  };
}
