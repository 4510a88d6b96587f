/**
 * The XML of AWS's Query-protocol answers: result documents and `<ErrorResponse>`s, in each
 * service's namespace and with the small differences between services ({@link QueryXmlDialect}).
 */
import type { AwsError } from './aws-error';

/**
 * A value the Query protocol writes as XML: structures as elements named by their members, arrays
 * as `<member>`s, {@link XmlList} and {@link XmlMap} for lists and maps named otherwise.
 * Members that are `undefined` are left out.
 */
export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | readonly XmlValue[]
  | XmlList
  | XmlMap
  | { readonly [name: string]: XmlValue };

/**
 * A list whose items are not `<member>`s: with `flattened`, the items stand in the structure without
 * a wrapper element (SQS's `<QueueUrl>…</QueueUrl><QueueUrl>…</QueueUrl>` for `QueueUrls`).
 */
export class XmlList {
  constructor(
    readonly items: readonly XmlValue[],
    /** The element of each item. */
    readonly itemName: string,
    /** Items in place of the member's element rather than inside it. @default false */
    readonly flattened = false,
  ) {}
}

/** The element names of a map's entries. */
export interface XmlMapNames {
  /** The element of one entry; with `flattened`, it replaces the member's element. @default 'entry' */
  readonly entry?: string;
  /** @default 'key' */
  readonly key?: string;
  /** @default 'value' */
  readonly value?: string;
  /** Entries in place of the member's element rather than inside it. @default false */
  readonly flattened?: boolean;
}

/**
 * A map member, which the Query protocol writes as `<entry><key>…</key><value>…</value></entry>`
 * (SNS's `Attributes`), or flattened under other names (SQS's `<Attribute><Name>…</Name><Value>…`).
 */
export class XmlMap {
  constructor(
    readonly entries: Readonly<Record<string, XmlValue>>,
    readonly names: XmlMapNames = {},
  ) {}
}

/** How a service writes its Query XML, beyond its namespace. */
export interface QueryXmlDialect {
  /** The XML namespace of every answer, e.g. `http://sns.amazonaws.com/doc/2010-03-31/`. */
  readonly namespace: string;
  /** The XML declaration the service starts each document with. @default - none */
  readonly declaration?: string;
  /** Whether its errors carry an empty `<Detail/>`, as SQS's do. @default false */
  readonly errorDetail?: boolean;
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be turned into LF by the client's XML parser, changing a message and its MD5.
  '\r': '&#xD;',
};

/** Text escaped for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (character) => XML_ESCAPES[character]);
}

function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

function mapEntries(map: XmlMap): string {
  const { entry = 'entry', key = 'key', value = 'value' } = map.names;
  return Object.entries(map.entries)
    .map(([name, item]) => element(entry, element(key, escapeXml(name)) + element(value, content(item))))
    .join('');
}

function listItems(list: XmlList): string {
  return list.items.map((item) => element(list.itemName, content(item))).join('');
}

/** The content of an element holding `value`. */
function content(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof XmlMap) return mapEntries(value);
  if (value instanceof XmlList) return listItems(value);
  if (Array.isArray(value)) return value.map((item) => element('member', content(item))).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, XmlValue>)
      .filter(([, item]) => item !== undefined)
      .map(([name, item]) => member(name, item))
      .join('');
  }
  return escapeXml(String(value));
}

/** One member of a structure: its element, or, flattened, its items in place of it. */
function member(name: string, value: XmlValue): string {
  if (value instanceof XmlList && value.flattened) return listItems(value);
  if (value instanceof XmlMap && value.names.flattened) return mapEntries(value);
  return element(name, content(value));
}

/**
 * A Query protocol answer: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`,
 * with no result element when `result` is `undefined` (an action that returns nothing).
 *
 * @example
 * queryResultXml({ namespace: CLOUDWATCH_XML_NAMESPACE }, 'DescribeAlarms', { MetricAlarms: [{ AlarmName: 'a' }] }, 'id');
 * // '<DescribeAlarmsResponse xmlns="…"><DescribeAlarmsResult><MetricAlarms><member><AlarmName>a</AlarmName>…'
 */
export function queryResultXml(
  dialect: QueryXmlDialect,
  action: string,
  result: XmlValue,
  requestId: string,
): string {
  const resultElement = result === undefined ? '' : element(`${action}Result`, content(result));
  const metadata = element('ResponseMetadata', element('RequestId', escapeXml(requestId)));
  return `${dialect.declaration ?? ''}<${action}Response xmlns="${dialect.namespace}">${resultElement}${metadata}</${action}Response>`;
}

/**
 * A Query protocol `<ErrorResponse>`: the error's Query code (its legacy code where it has one),
 * message and `Sender` or `Receiver` type.
 */
export function queryErrorXml(dialect: QueryXmlDialect, error: AwsError, requestId: string): string {
  const detail =
    element('Type', error.faultType) +
    element('Code', escapeXml(error.queryCode)) +
    element('Message', escapeXml(error.message)) +
    (dialect.errorDetail ? '<Detail/>' : '');
  return `${dialect.declaration ?? ''}<ErrorResponse xmlns="${dialect.namespace}">${element('Error', detail)}${element('RequestId', escapeXml(requestId))}</ErrorResponse>`;
}
