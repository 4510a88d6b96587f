import { format } from 'node:util';
import { emitLogLine } from './worker-port';

/** Lambda's log level for each `console` method. */
const LEVELS = {
  log: 'INFO',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  debug: 'DEBUG',
  trace: 'TRACE',
} as const;

type StreamName = 'stdout' | 'stderr';
type WriteCallback = (error?: Error | null) => void;

let requestId: string | undefined;
const partialLines: Record<StreamName, string> = { stdout: '', stderr: '' };

/** The invocation whose id the log lines carry from now on. */
export function setLogRequestId(id: string): void {
  requestId = id;
}

/** Writes one line in Lambda's text format: `<time>\t<request id>\t<LEVEL>\t<message>`. */
export function logLine(level: string, message: string): void {
  emitLogLine(`${new Date().toISOString()}\t${requestId}\t${level}\t${message}`);
}

/** Makes `console` write Lambda's text format to the instance's log stream. */
export function captureConsole(): void {
  for (const method of Object.keys(LEVELS) as (keyof typeof LEVELS)[]) {
    console[method] = (...args: unknown[]) => {
      let message = format(...args);
      if (method === 'trace') {
        message = `Trace: ${message}\n${String(new Error().stack).split('\n').slice(2).join('\n')}`;
      }
      logLine(LEVELS[method], message);
    };
  }
}

/**
 * Passes lines written straight to stdout and stderr (Powertools' JSON logs, EMF metrics) to the log
 * stream unchanged, a line at a time: a partial line waits for its end or for {@link flushStreams}.
 */
export function captureStreams(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const write = (
      chunk: string | Uint8Array,
      encoding?: BufferEncoding | WriteCallback,
      callback?: WriteCallback,
    ): boolean => {
      const text =
        typeof chunk === 'string'
          ? chunk
          : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
      const lines = (partialLines[name] + text).split('\n');
      partialLines[name] = lines.pop() ?? '';
      for (const line of lines) emitLogLine(line);
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') process.nextTick(done);
      return true;
    };
    process[name].write = write as typeof process.stdout.write;
  }
}

/** Sends the partial lines still held, so an invocation's output is logged before its result. */
export function flushStreams(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    if (partialLines[name] !== '') emitLogLine(partialLines[name]);
    partialLines[name] = '';
  }
}
