import { invalidParameter, SnsError } from './errors';

/**
 * The parameters of an SNS Query request (`Action=Publish&TopicArn=…`), read the way SNS's service
 * model flattens them: lists as `Name.member.N…`, maps as `Name.entry.N.key` / `.value` (message
 * attributes as `.Name` / `.Value.…`). A list or map sent as its bare name with no value
 * (`Attributes=`, `PublishBatchRequestEntries=`), as botocore does for an empty one, is empty.
 */
export class QueryInput {
  private constructor(private readonly parameters: ReadonlyMap<string, string>) {}

  /** Parses a form-encoded body plus the URL's query string (the body wins on a clash). */
  static parse(body: string, url = '/'): QueryInput {
    const parameters = new Map<string, string>();
    const query = url.indexOf('?');
    const sources = [query >= 0 ? url.slice(query + 1) : '', body];
    for (const source of sources) {
      try {
        for (const [key, value] of new URLSearchParams(source)) parameters.set(key, value);
      } catch {
        throw new SnsError('MalformedQueryString', 'The request is not correctly form-encoded.');
      }
    }
    return new QueryInput(parameters);
  }

  /** Parameters of one list member or one nested structure, by their names below `prefix.`. */
  static of(parameters: ReadonlyMap<string, string>): QueryInput {
    return new QueryInput(parameters);
  }

  /** A scalar parameter; undefined when absent. */
  string(name: string): string | undefined {
    return this.parameters.get(name);
  }

  /** A scalar parameter SNS requires: absent or empty, it is `Invalid parameter: <name>`. */
  required(name: string): string {
    const value = this.parameters.get(name);
    if (value === undefined || value === '') throw invalidParameter(name);
    return value;
  }

  /** A boolean parameter (`true` / `false`, any case); undefined when absent. */
  boolean(name: string): boolean | undefined {
    const value = this.parameters.get(name);
    if (value === undefined) return undefined;
    if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw invalidParameter(name);
  }

  /** Whether the request names this list or map at all, even empty. */
  has(name: string): boolean {
    if (this.parameters.has(name)) return true;
    for (const key of this.parameters.keys()) if (key.startsWith(`${name}.`)) return true;
    return false;
  }

  /** The members of a list parameter, each as the parameters below `Name.member.N.`, in order. */
  members(name: string): QueryInput[] {
    return this.numbered(`${name}.member.`).map((member) => new QueryInput(member));
  }

  /** A list of strings: `Name.member.N`. */
  strings(name: string): string[] {
    return this.numbered(`${name}.member.`).map((member) => member.get('') ?? '');
  }

  /** A string map: `Name.entry.N.key` and `Name.entry.N.value`, in order. */
  map(name: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const entry of this.numbered(`${name}.entry.`)) {
      const key = entry.get('key');
      if (key !== undefined) result[key] = entry.get('value') ?? '';
    }
    return result;
  }

  /** A map of structures: `Name.entry.N.Name` and the `Name.entry.N.Value.…` parameters. */
  structureMap(name: string): Map<string, QueryInput> {
    const result = new Map<string, QueryInput>();
    for (const entry of this.numbered(`${name}.entry.`)) {
      const key = entry.get('Name');
      if (key === undefined) continue;
      const value = new Map<string, string>();
      for (const [field, text] of entry) if (field.startsWith('Value.')) value.set(field.slice(6), text);
      result.set(key, new QueryInput(value));
    }
    return result;
  }

  /** The parameters under `prefix<N>[.rest]`, grouped by N and ordered by it; `''` keys a bare value. */
  private numbered(prefix: string): Map<string, string>[] {
    const byIndex = new Map<number, Map<string, string>>();
    for (const [key, value] of this.parameters) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const dot = rest.indexOf('.');
      const index = Number(dot < 0 ? rest : rest.slice(0, dot));
      if (!Number.isInteger(index) || index < 1) continue;
      const member = byIndex.get(index) ?? new Map<string, string>();
      member.set(dot < 0 ? '' : rest.slice(dot + 1), value);
      byIndex.set(index, member);
    }
    return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, member]) => member);
  }
}
