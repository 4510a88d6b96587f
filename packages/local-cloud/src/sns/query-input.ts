import { parseQueryForm } from '../protocol/aws-query';
import {
  numberedItems,
  parametersUnder,
  type QueryParameters,
  queryList,
  queryMap,
  readQueryList,
  readQueryMap,
} from '../protocol/query-shape';
import { invalidParameter } from './errors';

/**
 * The parameters of an SNS Query request (`Action=Publish&TopicArn=…`), read the way SNS's service
 * model flattens them: lists as `Name.member.N…`, maps as `Name.entry.N.key` / `.value` (message
 * attributes as `.Name` / `.Value.…`). A list or map sent as its bare name with no value
 * (`Attributes=`, `PublishBatchRequestEntries=`), as botocore does for an empty one, is empty.
 */
export class QueryInput {
  private constructor(private readonly parameters: QueryParameters) {}

  /**
   * Parses a form-encoded body plus the URL's query string (the body wins on a clash); bad
   * percent-encoding is a `MalformedQueryString` error.
   */
  static parse(body: string, url = '/'): QueryInput {
    return new QueryInput(parseQueryForm(body, url));
  }

  /** Parameters of one list member or one nested structure, by their names below `prefix.`. */
  static of(parameters: QueryParameters): QueryInput {
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
    return parametersUnder(this.parameters, name).size > 0;
  }

  /** The members of a list parameter, each as the parameters below `Name.member.N.`, in order. */
  members(name: string): QueryInput[] {
    return numberedItems(this.parameters, `${name}.member`).map((member) => new QueryInput(member));
  }

  /** A list of strings: `Name.member.N`. */
  strings(name: string): string[] {
    return readQueryList(this.parameters, name, queryList()) as string[];
  }

  /** A string map: `Name.entry.N.key` and `Name.entry.N.value`, in order. */
  map(name: string): Record<string, string> {
    return readQueryMap(this.parameters, name, queryMap()) as Record<string, string>;
  }

  /** A map of structures: `Name.entry.N.Name` and the `Name.entry.N.Value.…` parameters. */
  structureMap(name: string): Map<string, QueryInput> {
    const result = new Map<string, QueryInput>();
    for (const entry of numberedItems(this.parameters, `${name}.entry`)) {
      const key = entry.get('Name');
      if (key !== undefined) result.set(key, new QueryInput(parametersUnder(entry, 'Value')));
    }
    return result;
  }
}
