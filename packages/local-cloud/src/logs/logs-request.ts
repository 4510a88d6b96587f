import type { WireRequest } from '../protocol/wire-request';
import { InvalidParameterException } from './errors';

/** `arn:aws:logs:<region>:<account>:log-group:<name>`, with or without a trailing `:*`. */
const LOG_GROUP_ARN = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)(:\*)?$/;

/** @throws InvalidParameterException with `message` */
export function invalid(message: string): never {
  throw new InvalidParameterException(message);
}

/** A string member, or `undefined` when absent. @throws InvalidParameterException when not a string */
export function optionalString<T>(request: WireRequest<T>, name: keyof T & string): string | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') invalid(`${name} must be a string (given ${JSON.stringify(value)})`);
  return value;
}

/** A string member that must be there. @throws InvalidParameterException when absent or not a string */
export function requiredString<T>(request: WireRequest<T>, name: keyof T & string): string {
  return optionalString(request, name) ?? invalid(`${name} is required`);
}

/** A list of strings, or `undefined` when absent. */
export function optionalStringList<T>(request: WireRequest<T>, name: keyof T & string): string[] | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    invalid(`${name} must be a list of strings (given ${JSON.stringify(value)})`);
  }
  return value;
}

/** An integer member, or `undefined` when absent. */
export function optionalInteger<T>(request: WireRequest<T>, name: keyof T & string): number | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    invalid(`${name} must be an integer (given ${JSON.stringify(value)})`);
  }
  return value;
}

/** The request's `limit`, between 1 and `maximum`; `maximum` when absent. */
export function limitOf(request: WireRequest<{ limit?: number }>, maximum: number): number {
  const limit = optionalInteger(request, 'limit') ?? maximum;
  if (limit < 1 || limit > maximum) invalid(`limit must be between 1 and ${maximum} (given ${limit})`);
  return limit;
}

/** A log group's name from itself or from its ARN (with or without the trailing `:*`). */
export function logGroupNameFromIdentifier(identifier: string): string {
  return LOG_GROUP_ARN.exec(identifier)?.[1] ?? identifier;
}

/** The group a request names by `logGroupName` or by `logGroupIdentifier` (a name or an ARN), not both. */
export function logGroupNameOf(
  request: WireRequest<{ logGroupName?: string; logGroupIdentifier?: string }>,
): string {
  const name = optionalString(request, 'logGroupName');
  const identifier = optionalString(request, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    invalid('give either logGroupName or logGroupIdentifier, not both');
  }
  if (identifier !== undefined) return logGroupNameFromIdentifier(identifier);
  return name ?? invalid('logGroupName or logGroupIdentifier is required');
}
