import { SqsError } from './errors';
import type { HttpReply, WireProtocol } from './wire-protocol';

/** The XML namespace of every SQS Query response. */
export const SQS_XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

type FormTree = { [key: string]: FormTree | string };

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new SqsError(
      'MalformedQueryString',
      `The parameter "${text.slice(0, 100)}" is not correctly URL-encoded.`,
    );
  }
}

/** Parses `a=1&b.1.c=2` into a tree keyed by each dotted segment, failing on bad percent-encoding. */
function parseForm(text: string): FormTree {
  const tree: FormTree = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decodeComponent(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : decodeComponent(pair.slice(equals + 1));
    const path = key.split('.');
    let node = tree;
    for (let index = 0; index < path.length - 1; index++) {
      const segment = path[index];
      const child = node[segment];
      if (typeof child === 'string')
        throw new SqsError(
          'MalformedQueryString',
          `The parameter ${key} conflicts with ${path.slice(0, index + 1).join('.')}.`,
        );
      if (child === undefined) {
        const created: FormTree = {};
        node[segment] = created;
        node = created;
      } else {
        node = child;
      }
    }
    const leaf = path[path.length - 1];
    if (typeof node[leaf] === 'object')
      throw new SqsError('MalformedQueryString', `The parameter ${key} conflicts with another parameter.`);
    node[leaf] = value;
  }
  return tree;
}

function numbered(node: FormTree | string | undefined): (FormTree | string)[] {
  if (node === undefined || typeof node === 'string') return [];
  return Object.keys(node)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => node[key]);
}

function text(node: FormTree | string | undefined): string | undefined {
  return typeof node === 'string' ? node : undefined;
}

function nameValueMap(node: FormTree | string | undefined, keyName: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of numbered(node)) {
    if (typeof entry === 'string') continue;
    const name = text(entry[keyName]);
    if (name !== undefined) result[name] = text(entry.Value) ?? '';
  }
  return result;
}

function attributeValueMap(node: FormTree | string | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const entry of numbered(node)) {
    if (typeof entry === 'string') continue;
    const name = text(entry.Name);
    const value = entry.Value;
    if (name === undefined || value === undefined || typeof value === 'string') continue;
    const converted: Record<string, unknown> = {};
    for (const [field, item] of Object.entries(value)) {
      if (typeof item === 'string') converted[field] = item;
      else if (field === 'StringListValue' || field === 'BinaryListValue')
        converted[`${field}s`] = numbered(item);
    }
    result[name] = converted;
  }
  return result;
}

/** The form names the Query protocol gives lists and maps, and the JSON members they become. */
const STRING_LISTS: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKey: 'TagKeys',
  QueueUrl: 'QueueUrl',
};

/**
 * Lists that boto3 and Debian's AWS CLI send empty as the bare member name with no value
 * (`AttributeNames=`, `Entries=`), which SQS reads as an empty list, under the JSON member each becomes.
 */
const EMPTY_LISTS: Readonly<Record<string, string>> = {
  AttributeNames: 'AttributeNames',
  AttributeName: 'AttributeNames',
  MessageAttributeNames: 'MessageAttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeNames: 'MessageSystemAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKeys: 'TagKeys',
  TagKey: 'TagKeys',
  Entries: 'Entries',
};

/** Turns a parsed form into the AWS JSON shape of the same request. */
function toJsonShape(tree: FormTree): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    if (node === '' && EMPTY_LISTS[key]) input[EMPTY_LISTS[key]] ??= [];
    else if (key === 'Attribute') input.Attributes = nameValueMap(node, 'Name');
    else if (key === 'Tag') {
      // CreateQueue calls the member `tags`, TagQueue `Tags`.
      input.tags = nameValueMap(node, 'Key');
      input.Tags = input.tags;
    } else if (key === 'MessageAttribute') input.MessageAttributes = attributeValueMap(node);
    else if (key === 'MessageSystemAttribute') input.MessageSystemAttributes = attributeValueMap(node);
    else if (key.endsWith('BatchRequestEntry')) {
      input.Entries = numbered(node).map((entry) => (typeof entry === 'string' ? {} : toJsonShape(entry)));
    } else if (typeof node === 'string') input[key] = node;
    else if (STRING_LISTS[key])
      input[STRING_LISTS[key]] = numbered(node).filter((item) => typeof item === 'string');
  }
  return input;
}

function escapeXml(value: string): string {
  // A raw CR would be normalised to LF by the client's XML parser and break the body's MD5.
  return value.replace(/[&<>"'\r]/g, (character) => {
    switch (character) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#xD;';
    }
  });
}

function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

/** The element name under which the Query protocol repeats the items of a list member. */
function listItemName(operation: string, member: string): string | undefined {
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
      return undefined;
  }
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function renderMembers(operation: string, shape: Readonly<Record<string, unknown>>): string {
  let xml = '';
  for (const [member, value] of Object.entries(shape)) {
    if (value === undefined || value === null) continue;
    if (member === 'Attributes' || member === 'Tags') {
      const keyName = member === 'Tags' ? 'Key' : 'Name';
      const itemName = member === 'Tags' ? 'Tag' : 'Attribute';
      for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
        xml += element(itemName, element(keyName, escapeXml(name)) + element('Value', renderValue(item)));
      }
    } else if (member === 'MessageAttributes') {
      for (const [name, item] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        xml += element(
          'MessageAttribute',
          element('Name', escapeXml(name)) + element('Value', renderMembers(operation, item)),
        );
      }
    } else if (Array.isArray(value)) {
      const itemName = listItemName(operation, member) ?? member;
      for (const item of value) {
        xml += element(
          itemName,
          typeof item === 'object' && item !== null
            ? renderMembers(operation, item as Record<string, unknown>)
            : renderValue(item),
        );
      }
    } else {
      xml += element(member, renderValue(value));
    }
  }
  return xml;
}

function responseMetadata(requestId: string): string {
  return element('ResponseMetadata', element('RequestId', requestId));
}

/**
 * The Query protocol, as older SDKs and Debian's AWS CLI speak it: `Action=...` form parameters
 * (in the body or the URL), flattened lists and maps, XML results in the 2012-11-05 namespace.
 * The queue URL may also be the request's path, as the Query API has always allowed.
 */
export const queryProtocol: WireProtocol = {
  parse({ url, body }) {
    const queryIndex = url.indexOf('?');
    const fromUrl = queryIndex >= 0 ? url.slice(queryIndex + 1) : '';
    const path = queryIndex >= 0 ? url.slice(0, queryIndex) : url;
    const form = [fromUrl, body.toString('utf8')].filter((part) => part !== '').join('&');
    const input = toJsonShape(parseForm(form));
    const action = input.Action;
    if (typeof action !== 'string' || action === '') {
      throw new SqsError('MissingParameter', 'The request must contain the parameter Action.');
    }
    delete input.Action;
    delete input.Version;
    if (input.QueueUrl === undefined && /^\/[^/]+\/[^/]+\/?$/.test(path)) input.QueueUrl = path;
    return { operation: action, input };
  },

  reply(operation, result, requestId): HttpReply {
    const members = renderMembers(operation, (result ?? {}) as Record<string, unknown>);
    return {
      status: 200,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: `<?xml version="1.0"?><${operation}Response xmlns="${SQS_XML_NAMESPACE}">${element(`${operation}Result`, members)}${responseMetadata(requestId)}</${operation}Response>`,
    };
  },

  error(error, requestId): HttpReply {
    const detail =
      element('Type', error.senderFault ? 'Sender' : 'Receiver') +
      element('Code', escapeXml(error.queryCode)) +
      element('Message', escapeXml(error.message)) +
      '<Detail/>';
    return {
      status: error.httpStatus,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: `<?xml version="1.0"?><ErrorResponse xmlns="${SQS_XML_NAMESPACE}">${element('Error', detail)}${element('RequestId', requestId)}</ErrorResponse>`,
    };
  },
};
