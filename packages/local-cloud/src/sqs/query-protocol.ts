import { parseQueryRequest, queryErrorReply, queryResultReply } from '../protocol/aws-query';
import { type QueryXmlDialect, XmlList, XmlMap, type XmlValue } from '../protocol/query-xml';
import { SqsError } from './errors';
import { SQS_QUERY_SHAPES } from './query-shapes';
import type { WireProtocol } from './wire-protocol';

/** The XML namespace of every SQS Query response. */
export const SQS_XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** SQS's Query XML: a declaration before each document, and `<Detail/>` in its errors. */
const SQS_XML: QueryXmlDialect = {
  namespace: SQS_XML_NAMESPACE,
  declaration: '<?xml version="1.0"?>',
  errorDetail: true,
};

const FLATTENED_ATTRIBUTES = { entry: 'Attribute', key: 'Name', value: 'Value', flattened: true } as const;
const FLATTENED_TAGS = { entry: 'Tag', key: 'Key', value: 'Value', flattened: true } as const;
const FLATTENED_MESSAGE_ATTRIBUTES = {
  entry: 'MessageAttribute',
  key: 'Name',
  value: 'Value',
  flattened: true,
} as const;

/** The element under which the Query protocol repeats the items of a list member. */
function listItemName(operation: string, member: string): string {
  switch (member) {
    case 'QueueUrls':
    case 'queueUrls':
      return 'QueueUrl';
    case 'Messages':
      return 'Message';
    case 'Successful':
      return `${operation}ResultEntry`;
    case 'Failed':
      return 'BatchResultErrorEntry';
    case 'Results':
      return 'ListMessageMoveTasksResultEntry';
    default:
      return member;
  }
}

function scalar(value: unknown): XmlValue {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : '';
}

function isStructure(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarMap(value: unknown): Record<string, XmlValue> {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, item]) => [k, scalar(item)]),
  );
}

/** A result in the JSON shape, as SQS's Query XML writes it: flattened lists and maps. */
function toXmlValue(
  operation: string,
  shape: Readonly<Record<string, unknown>>,
): { [name: string]: XmlValue } {
  const members: { [name: string]: XmlValue } = {};
  for (const [member, value] of Object.entries(shape)) {
    if (value === undefined || value === null) continue;
    if (member === 'Attributes') members[member] = new XmlMap(scalarMap(value), FLATTENED_ATTRIBUTES);
    else if (member === 'Tags') members[member] = new XmlMap(scalarMap(value), FLATTENED_TAGS);
    else if (member === 'MessageAttributes') {
      const attributes = Object.entries(value as Record<string, Record<string, unknown>>).map(
        ([name, item]) => [name, toXmlValue(operation, item)] as const,
      );
      members[member] = new XmlMap(Object.fromEntries(attributes), FLATTENED_MESSAGE_ATTRIBUTES);
    } else if (Array.isArray(value)) {
      const items = value.map((item) => (isStructure(item) ? toXmlValue(operation, item) : scalar(item)));
      members[member] = new XmlList(items, listItemName(operation, member), true);
    } else members[member] = scalar(value);
  }
  return members;
}

/**
 * The Query protocol, as older SDKs and Debian's AWS CLI speak it: `Action=...` form parameters
 * (in the body or the URL), flattened lists and maps, XML results in the 2012-11-05 namespace.
 * The queue URL may also be the request's path, as the Query API has always allowed.
 */
export const queryProtocol: WireProtocol = {
  parse({ url, body }) {
    const { action, input } = parseQueryRequest(body, url, SQS_QUERY_SHAPES);
    if (!action) throw new SqsError('MissingParameter', 'The request must contain the parameter Action.');
    const queryIndex = url.indexOf('?');
    const path = queryIndex >= 0 ? url.slice(0, queryIndex) : url;
    if (input.QueueUrl === undefined && /^\/[^/]+\/[^/]+\/?$/.test(path)) input.QueueUrl = path;
    return { operation: action, input };
  },

  reply: (operation, result, requestId) =>
    queryResultReply(SQS_XML, operation, toXmlValue(operation, isStructure(result) ? result : {}), {
      requestId,
    }),

  error: (error, requestId) => queryErrorReply(SQS_XML, error, { requestId }),

  unknownOperation: (operation) =>
    new SqsError('InvalidAction', `The action ${operation} is not valid for this endpoint.`),
};
