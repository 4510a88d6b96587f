import { randomBytes } from 'node:crypto';

/** Lambda's log stream names: `YYYY/MM/DD/[<version>]<32 hex>`, the date in UTC. */
export const LOG_STREAM_NAME_PATTERN = /^(\d{4})\/(\d{2})\/(\d{2})\/\[([^\]]+)\]([0-9a-f]{32})$/;

/**
 * A log stream name as Lambda gives each instance (execution environment) of a function.
 *
 * @example
 * lambdaLogStreamName(Date.UTC(2026, 10, 25)); // '2026/11/25/[$LATEST]4f1c…' (32 hex digits)
 */
export function lambdaLogStreamName(
  timestamp: number,
  version = '$LATEST',
  instanceId: string = randomBytes(16).toString('hex'),
): string {
  const date = new Date(timestamp);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getUTCFullYear()}/${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/[${version}]${instanceId}`;
}

/** The first 8 hex digits of a Lambda log stream's instance id, enough to tell instances apart. */
export function shortLogStreamId(logStreamName: string): string {
  const match = LOG_STREAM_NAME_PATTERN.exec(logStreamName);
  return match ? match[5].slice(0, 8) : logStreamName.slice(-8);
}
