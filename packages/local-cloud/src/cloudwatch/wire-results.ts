import type { XmlValue } from '../protocol';

/** A result with each `Date` replaced by `time`, and members that are `undefined` left out. */
function withTimes(value: unknown, time: (date: Date) => string | number): unknown {
  if (value instanceof Date) return time(value);
  if (Array.isArray(value)) return value.map((item) => withTimes(item, time));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, member]) => member !== undefined)
        .map(([name, member]) => [name, withTimes(member, time)]),
    );
  }
  return value;
}

/** A result as AWS JSON 1.0 carries it: timestamps in epoch seconds. */
export function jsonResult(result: object): unknown {
  return withTimes(result, (date) => date.getTime() / 1000);
}

/** A result as the Query protocol writes it: timestamps in ISO 8601, and no result element when empty. */
export function queryResult(result: object): XmlValue {
  if (Object.keys(result).length === 0) return undefined;
  return withTimes(result, (date) => date.toISOString()) as XmlValue;
}
