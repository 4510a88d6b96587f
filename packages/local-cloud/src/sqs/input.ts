import { invalidParameter, missingParameter } from './errors';

/**
 * A request as both protocol adapters hand it to the model: the AWS JSON 1.0 shape, except that
 * numbers and booleans may still be strings (the Query protocol has no other type). The readers
 * below take any narrower request type too, such as `WireInput<SendMessageRequest>`, and then only
 * its parameter names.
 */
export type Input = Readonly<Record<string, unknown>>;

/** A parameter name of the request type `Request`. */
type ParameterOf<Request extends Input> = keyof Request & string;

/** Reads a string parameter; numbers are accepted as their decimal form. */
export function readString<Request extends Input>(
  input: Request,
  name: ParameterOf<Request>,
): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidParameter(name, JSON.stringify(value), 'Must be a string.');
}

/** Reads a required string parameter, failing with MissingParameter when it is absent. */
export function requireString<Request extends Input>(input: Request, name: ParameterOf<Request>): string {
  const value = readString(input, name);
  if (value === undefined) throw missingParameter(name);
  return value;
}

/** Reads an integer parameter within [min, max]; returns undefined when it is absent. */
export function readInteger<Request extends Input>(
  input: Request,
  name: ParameterOf<Request>,
  min: number,
  max: number,
): number | undefined {
  const raw = input[name];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidParameter(name, raw, `Must be between ${min} and ${max}, if provided.`);
  }
  return value;
}

/** Reads a list of strings (AttributeNames, MessageAttributeNames and the like). */
export function readStringList<Request extends Input>(input: Request, name: ParameterOf<Request>): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidParameter(name, JSON.stringify(value), 'Must be a list of strings.');
  }
  return value as string[];
}

/** Reads a map of strings to strings (queue attributes, tags). */
export function readStringMap<Request extends Input>(
  input: Request,
  name: ParameterOf<Request>,
): Record<string, string> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter(name, JSON.stringify(value), 'Must be a map of strings.');
  }
  const result: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') result[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') result[key] = String(item);
    else throw invalidParameter(`${name}.${key}`, JSON.stringify(item), 'Must be a string.');
  }
  return result;
}

/** Reads a list of structures (batch entries). */
export function readObjectList<Request extends Input>(input: Request, name: ParameterOf<Request>): Input[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  if (
    !Array.isArray(value) ||
    value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))
  ) {
    throw invalidParameter(name, '(list)', 'Must be a list of structures.');
  }
  return value as Input[];
}

/** Reads a map of structures (message attributes). */
export function readObjectMap<Request extends Input>(
  input: Request,
  name: ParameterOf<Request>,
): Record<string, Input> {
  const value = input[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter(name, '(map)', 'Must be a map of structures.');
  }
  for (const item of Object.values(value)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw invalidParameter(name, '(map)', 'Must be a map of structures.');
    }
  }
  return value as Record<string, Input>;
}
