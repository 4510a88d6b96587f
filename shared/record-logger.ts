/** Structured log attributes; every per-record line carries `messageId`, and `orderId` once known. */
export type LogAttributes = Record<string, unknown>;

/**
 * The part of a structured logger the record logic of every function uses. Powertools' `Logger`
 * fits it; attributes are passed per call rather than appended, because records are processed in
 * parallel and `appendKeys` would leak one record's keys into another's lines.
 */
export interface RecordLogger {
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}
