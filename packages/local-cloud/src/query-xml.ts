/**
 * The XML of AWS's Query-protocol answers, for the local services that speak it (CloudWatch,
 * CloudFormation); each passes its own XML namespace.
 */

/** A value the Query protocol writes as XML: structures as elements, lists as `<member>`s. */
export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | readonly XmlValue[]
  | XmlMap
  | { readonly [name: string]: XmlValue };

/**
 * A map member, which the Query protocol writes as `<entry><key>…</key><value>…</value></entry>`
 * (SNS's `Attributes`), where a structure's members would be elements named by their keys.
 */
export class XmlMap {
  constructor(readonly entries: Readonly<Record<string, XmlValue>>) {}
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]);
}

/** The content of an element holding `value`; fields that are `undefined` are left out. */
function content(value: XmlValue): string {
  if (value === undefined) return '';
  if (value instanceof XmlMap) {
    return Object.entries(value.entries)
      .map(([key, item]) => `<entry><key>${escaped(key)}</key><value>${content(item)}</value></entry>`)
      .join('');
  }
  if (Array.isArray(value)) return value.map((item) => `<member>${content(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([name, item]) => `<${name}>${content(item)}</${name}>`)
      .join('');
  }
  return escaped(String(value));
}

/**
 * A Query protocol response: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…`,
 * with no result element for an action that returns nothing.
 *
 * @example
 * queryResponse(CLOUDWATCH_XML_NAMESPACE, 'DescribeAlarms', { MetricAlarms: [{ AlarmName: 'a' }] }, 'id');
 * // '<DescribeAlarmsResponse xmlns="…"><DescribeAlarmsResult><MetricAlarms><member><AlarmName>a</AlarmName>…'
 */
export function queryResponse(
  namespace: string,
  action: string,
  result: XmlValue | undefined,
  requestId: string,
): string {
  const resultElement = result === undefined ? '' : `<${action}Result>${content(result)}</${action}Result>`;
  return `<${action}Response xmlns="${namespace}">${resultElement}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/**
 * A Query protocol error response, with the `Sender` fault of a client error unless `type` says the
 * service is at fault (`Receiver`).
 */
export function queryErrorResponse(
  namespace: string,
  code: string,
  message: string,
  requestId: string,
  type: 'Sender' | 'Receiver' = 'Sender',
): string {
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escaped(code)}</Code><Message>${escaped(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
