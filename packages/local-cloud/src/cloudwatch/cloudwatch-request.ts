import type { MetricDimension } from '../assembly/alarm-definitions';
import type { WireRequest } from '../protocol/wire-request';
import type { AlarmStateValue } from './alarm-evaluation';
import type { Dimension } from './cloudwatch-shapes';
import { CloudWatchError } from './errors';

/**
 * Readers of a CloudWatch request's members. The same request arrives in two protocols: in Query
 * every value is a string (`Period=60`), in AWS JSON 1.0 numbers are numbers and timestamps epoch
 * seconds; each reader accepts both.
 */

const STATE_VALUES: readonly AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

function textOf(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new CloudWatchError(
    'InvalidParameterValue',
    `The parameter ${name} must be a string (given ${JSON.stringify(value)}).`,
  );
}

/** A member as text, or `undefined` when absent. */
export function optionalText<T>(request: WireRequest<T>, name: keyof T & string): string | undefined {
  const value = request[name];
  return value === undefined || value === null ? undefined : textOf(value, name);
}

/** @throws CloudWatchError MissingParameter when the member is absent or empty */
export function requiredText<T>(request: WireRequest<T>, name: keyof T & string): string {
  const value = optionalText(request, name);
  if (value === undefined || value === '') {
    throw new CloudWatchError('MissingParameter', `The parameter ${name} is required.`);
  }
  return value;
}

/** A list member's items (`[]` when absent). */
export function listOf<T>(request: WireRequest<T>, name: keyof T & string): unknown[] {
  const value = request[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new CloudWatchError('InvalidParameterValue', `The parameter ${name} must be a list.`);
  }
  return value;
}

/** A list of strings (`[]` when absent). */
export function textList<T>(request: WireRequest<T>, name: keyof T & string): string[] {
  return listOf(request, name).map((item) => textOf(item, `${name}.member`));
}

/** A list of structures: each item as a request of its own. */
export function structureList<T, Item>(request: WireRequest<T>, name: keyof T & string): WireRequest<Item>[] {
  return listOf(request, name).map((item) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new CloudWatchError('InvalidParameterValue', `The parameter ${name}.member must be a structure.`);
    }
    return item as WireRequest<Item>;
  });
}

/** A metric's dimensions, absent names and values read as empty. */
export function dimensionsOf<T extends { Dimensions?: Dimension[] }>(
  request: WireRequest<T>,
): MetricDimension[] {
  return structureList<T, Dimension>(request, 'Dimensions').map((member) => ({
    name: optionalText(member, 'Name') ?? '',
    value: optionalText(member, 'Value') ?? '',
  }));
}

/** A timestamp, epoch ms, from ISO 8601 (what botocore sends in Query) or epoch seconds. */
export function timestampOf<T>(request: WireRequest<T>, name: keyof T & string): number {
  const value = request[name];
  if (typeof value === 'number') return value * 1000;
  if (value instanceof Date) return value.getTime();
  const text = requiredText(request, name);
  const time = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  if (Number.isNaN(time)) {
    throw new CloudWatchError(
      'InvalidParameterValue',
      `The parameter ${name} is not a valid timestamp (given ${text}).`,
    );
  }
  return time;
}

function asStateValue(value: string, name: string): AlarmStateValue {
  if (STATE_VALUES.includes(value as AlarmStateValue)) return value as AlarmStateValue;
  throw new CloudWatchError(
    'InvalidParameterValue',
    `The parameter ${name} must be one of ${STATE_VALUES.join(', ')} (given ${value}).`,
  );
}

/** An alarm state, or `undefined` when absent. */
export function stateValueOf<T>(
  request: WireRequest<T>,
  name: keyof T & string,
): AlarmStateValue | undefined {
  const value = optionalText(request, name);
  return value === undefined ? undefined : asStateValue(value, name);
}

/** An alarm state that must be there. */
export function requiredStateValue<T>(request: WireRequest<T>, name: keyof T & string): AlarmStateValue {
  return asStateValue(requiredText(request, name), name);
}
