import type { LogAttributes, RecordLogger } from '../../../shared/record-logger';

/** One line a {@link RecordingLogger} kept. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: LogAttributes;
}

/** A logger that keeps its lines. */
export class RecordingLogger implements RecordLogger {
  readonly lines: LogLine[] = [];
  info(message: string, attributes: LogAttributes): void {
    this.lines.push({ level: 'info', message, attributes });
  }
  warn(message: string, attributes: LogAttributes): void {
    this.lines.push({ level: 'warn', message, attributes });
  }
  error(message: string, attributes: LogAttributes): void {
    this.lines.push({ level: 'error', message, attributes });
  }
}
