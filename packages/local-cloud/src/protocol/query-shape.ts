/**
 * Which members of a Query request are lists and maps, and how they are flattened into form
 * parameters, so that a request reads into the same JSON shape as its AWS JSON form. Knowing the
 * lists is what reads an empty one right: boto3 and Debian's AWS CLI send it as the bare name with
 * no value (`AttributeNames=`, `TagKeys=`, `Entries=`), which AWS reads as an empty list.
 */

/** The parameters of a Query request, or of one list item or map value, by name. */
export type QueryParameters = ReadonlyMap<string, string>;

/** A list member: `Name.member.N` (or, flattened, `Name.N`), each item a string or a structure. */
export interface QueryList {
  readonly type: 'list';
  /** The parameter name, where it is not the member's: SQS's `AttributeName` for `AttributeNames`. @default - the member's name */
  readonly queryName?: string;
  /** Items are `Name.N` rather than `Name.member.N`. @default false */
  readonly flattened?: boolean;
  /** The lists and maps of each item, for a list of structures. @default - the items are strings */
  readonly items?: QueryStructure;
}

/** A map member: `Name.entry.N.key` and `Name.entry.N.value` (or, flattened, `Name.N.key`...). */
export interface QueryMap {
  readonly type: 'map';
  /** The parameter name, where it is not the member's: SQS's `Attribute` for `Attributes`. @default - the member's name */
  readonly queryName?: string;
  /** Entries are `Name.N.…` rather than `Name.entry.N.…`. @default false */
  readonly flattened?: boolean;
  /** @default 'key' */
  readonly keyName?: string;
  /** @default 'value' */
  readonly valueName?: string;
  /** The lists and maps of each value, for a map of structures. @default - the values are strings */
  readonly values?: QueryStructure;
}

/** The lists and maps of a structure, by member name; every other parameter reads as a string. */
export type QueryStructure = Readonly<Record<string, QueryList | QueryMap>>;

/** The {@link QueryStructure} of each operation's input, by operation name. */
export type QueryOperationShapes = Readonly<Record<string, QueryStructure>>;

/** A {@link QueryList}. @example queryList({ queryName: 'TagKey', flattened: true }) */
export function queryList(options: Omit<QueryList, 'type'> = {}): QueryList {
  return { type: 'list', ...options };
}

/** A {@link QueryMap}. @example queryMap({ queryName: 'Attribute', flattened: true, keyName: 'Name', valueName: 'Value' }) */
export function queryMap(options: Omit<QueryMap, 'type'> = {}): QueryMap {
  return { type: 'map', ...options };
}

/** The parameters under `prefix.`, by the rest of their name; `''` keys `prefix` itself. */
export function parametersUnder(parameters: QueryParameters, prefix: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of parameters) {
    if (key === prefix) found.set('', value);
    else if (key.startsWith(`${prefix}.`)) found.set(key.slice(prefix.length + 1), value);
  }
  return found;
}

/**
 * The numbered items under `prefix.` (`prefix.1…`, `prefix.2…`), each as its own parameters ('' for
 * the item's bare value), ordered by number. Numbers start at 1; other names are ignored.
 *
 * @example
 * numberedItems(parameters, 'Tags.member') // Tags.member.1.Key=a → [Map { 'Key' => 'a' }]
 */
export function numberedItems(parameters: QueryParameters, prefix: string): Map<string, string>[] {
  const byIndex = new Map<number, Map<string, string>>();
  for (const [key, value] of parametersUnder(parameters, prefix)) {
    const dot = key.indexOf('.');
    const index = dot < 0 ? key : key.slice(0, dot);
    if (!/^[1-9]\d*$/.test(index)) continue;
    const item = byIndex.get(Number(index)) ?? new Map<string, string>();
    item.set(dot < 0 ? '' : key.slice(dot + 1), value);
    byIndex.set(Number(index), item);
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
}

/** A list's items: strings, or structures read with the list's `items`. */
export function readQueryList(parameters: QueryParameters, name: string, shape: QueryList): unknown[] {
  const items = numberedItems(parameters, shape.flattened ? name : `${name}.member`);
  if (shape.items === undefined) return items.flatMap((item) => (item.has('') ? [item.get('')] : []));
  const structure = shape.items;
  return items.map((item) => readQueryStructure(item, structure));
}

/** A map's entries: string values, or structures read with the map's `values`. */
export function readQueryMap(
  parameters: QueryParameters,
  name: string,
  shape: QueryMap,
): Record<string, unknown> {
  const { keyName = 'key', valueName = 'value' } = shape;
  const result: Record<string, unknown> = {};
  for (const entry of numberedItems(parameters, shape.flattened ? name : `${name}.entry`)) {
    const key = entry.get(keyName);
    if (key === undefined) continue;
    result[key] =
      shape.values === undefined
        ? (entry.get(valueName) ?? '')
        : readQueryStructure(parametersUnder(entry, valueName), shape.values);
  }
  return result;
}

/**
 * Reads Query parameters into the JSON shape of the same request: each list and map of `shape` from
 * its flattened parameters, or, sent as its bare name with no value (its query name or its member
 * name), as empty; every other bare parameter as a string. A list or map sent as a bare name with a
 * value stays that string, for the operation to refuse.
 *
 * @example
 * readQueryStructure(new Map([['AttributeNames', ''], ['QueueUrl', 'q']]), { AttributeNames: queryList({ queryName: 'AttributeName', flattened: true }) })
 * // { AttributeNames: [], QueueUrl: 'q' }
 */
export function readQueryStructure(
  parameters: QueryParameters,
  shape: QueryStructure,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of parameters) if (key !== '' && !key.includes('.')) input[key] = value;
  for (const [member, memberShape] of Object.entries(shape)) {
    const name = memberShape.queryName ?? member;
    const sentEmpty = input[name] === '' || input[member] === '';
    if (input[name] === '') delete input[name];
    const read =
      memberShape.type === 'list'
        ? readQueryList(parameters, name, memberShape)
        : readQueryMap(parameters, name, memberShape);
    const sentItems = Array.isArray(read) ? read.length > 0 : Object.keys(read).length > 0;
    if (sentItems || sentEmpty) input[member] = read;
  }
  return input;
}
