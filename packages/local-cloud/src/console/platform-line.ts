/**
 * Reads the lines the Lambda platform writes around each invocation (`src/lambda/platform-lines.ts`)
 * back into what they say, for the console's timeline. Any other line is `undefined`, decided by its
 * first characters, so a function's own lines cost next to nothing.
 */

/** What one platform line says. */
export type PlatformLine =
  | { readonly kind: 'init-start' }
  | { readonly kind: 'start'; readonly requestId: string }
  | { readonly kind: 'end'; readonly requestId: string }
  | {
      readonly kind: 'report';
      readonly requestId: string;
      /** `Status:` when the platform ended the invocation. */
      readonly status?: 'timeout' | 'error';
      /** `Duration:`, in real milliseconds (function code runs in real time at any time scale). */
      readonly durationMs?: number;
      /** `Init Duration:`, in real milliseconds. */
      readonly initDurationMs?: number;
    };

const START_PREFIX = 'START RequestId: ';
const END_PREFIX = 'END RequestId: ';
const REPORT_PREFIX = 'REPORT RequestId: ';
const INIT_START_PREFIX = 'INIT_START ';
/** The Node.js runtime's line for an error the handler threw (`ERROR\tInvoke Error \t{...}`). */
const INVOKE_ERROR_MARK = '\tERROR\tInvoke Error ';

/** The request id that follows `prefix`, up to the next space or tab. */
function requestIdAfter(message: string, prefix: string): string {
  const rest = message.slice(prefix.length);
  const end = rest.search(/[ \t]/);
  return end === -1 ? rest : rest.slice(0, end);
}

function reportOf(message: string): PlatformLine {
  const fields = message.split('\t');
  const requestId = requestIdAfter(fields[0] ?? '', REPORT_PREFIX);
  let status: 'timeout' | 'error' | undefined;
  let initDurationMs: number | undefined;
  let durationMs: number | undefined;
  for (const field of fields) {
    if (field.startsWith('Status: ')) {
      const value = field.slice('Status: '.length).trim();
      if (value === 'timeout' || value === 'error') status = value;
    } else if (field.startsWith('Init Duration: ')) {
      initDurationMs = Number.parseFloat(field.slice('Init Duration: '.length));
    } else if (field.startsWith('Duration: ')) {
      durationMs = Number.parseFloat(field.slice('Duration: '.length));
    }
  }
  return {
    kind: 'report',
    requestId,
    ...(status === undefined ? {} : { status }),
    ...(durationMs === undefined || Number.isNaN(durationMs) ? {} : { durationMs }),
    ...(initDurationMs === undefined || Number.isNaN(initDurationMs) ? {} : { initDurationMs }),
  };
}

/**
 * The platform line `message` is, or `undefined` for any other line.
 *
 * @example
 * parsePlatformLine('END RequestId: 6f1c'); // { kind: 'end', requestId: '6f1c' }
 */
export function parsePlatformLine(message: string): PlatformLine | undefined {
  switch (message.charCodeAt(0)) {
    case 83 /* S */:
      return message.startsWith(START_PREFIX)
        ? { kind: 'start', requestId: requestIdAfter(message, START_PREFIX) }
        : undefined;
    case 69 /* E */:
      return message.startsWith(END_PREFIX)
        ? { kind: 'end', requestId: requestIdAfter(message, END_PREFIX) }
        : undefined;
    case 82 /* R */:
      return message.startsWith(REPORT_PREFIX) ? reportOf(message) : undefined;
    case 73 /* I */:
      return message.startsWith(INIT_START_PREFIX) ? { kind: 'init-start' } : undefined;
    default:
      return undefined;
  }
}

/** Whether a function's line is the runtime's report of an error its handler threw. */
export function isInvokeErrorLine(message: string): boolean {
  return message.includes(INVOKE_ERROR_MARK);
}
