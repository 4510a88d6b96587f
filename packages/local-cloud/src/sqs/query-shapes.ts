import { type QueryOperationShapes, type QueryStructure, queryList, queryMap } from '../protocol/query-shape';

/** A flattened list of strings, e.g. `AttributeName.1=All` for `AttributeNames`. */
function names(queryName: string) {
  return queryList({ queryName, flattened: true });
}

const ATTRIBUTES = queryMap({ queryName: 'Attribute', flattened: true, keyName: 'Name', valueName: 'Value' });

const TAGS = queryMap({ queryName: 'Tag', flattened: true, keyName: 'Key', valueName: 'Value' });

/** A message attribute's value: `Value.StringValue`, `Value.DataType` and the flattened list values. */
const MESSAGE_ATTRIBUTE_VALUE: QueryStructure = {
  StringListValues: names('StringListValue'),
  BinaryListValues: names('BinaryListValue'),
};

function messageAttributes(queryName: string) {
  return queryMap({
    queryName,
    flattened: true,
    keyName: 'Name',
    valueName: 'Value',
    values: MESSAGE_ATTRIBUTE_VALUE,
  });
}

/** SendMessage's input, and each entry of SendMessageBatch's. */
const MESSAGE: QueryStructure = {
  MessageAttributes: messageAttributes('MessageAttribute'),
  MessageSystemAttributes: messageAttributes('MessageSystemAttribute'),
};

function batchEntries(queryName: string, items: QueryStructure = {}) {
  return queryList({ queryName, flattened: true, items });
}

/**
 * The lists and maps of each SQS operation's input, as the Query protocol flattens them
 * (`AttributeName.1`, `Attribute.1.Name`, `SendMessageBatchRequestEntry.1.Id`). The other members
 * are strings.
 */
export const SQS_QUERY_SHAPES: QueryOperationShapes = {
  CreateQueue: { Attributes: ATTRIBUTES, tags: TAGS },
  GetQueueAttributes: { AttributeNames: names('AttributeName') },
  SetQueueAttributes: { Attributes: ATTRIBUTES },
  TagQueue: { Tags: TAGS },
  UntagQueue: { TagKeys: names('TagKey') },
  SendMessage: MESSAGE,
  SendMessageBatch: { Entries: batchEntries('SendMessageBatchRequestEntry', MESSAGE) },
  ReceiveMessage: {
    AttributeNames: names('AttributeName'),
    MessageAttributeNames: names('MessageAttributeName'),
    MessageSystemAttributeNames: names('MessageSystemAttributeName'),
  },
  DeleteMessageBatch: { Entries: batchEntries('DeleteMessageBatchRequestEntry') },
  ChangeMessageVisibilityBatch: { Entries: batchEntries('ChangeMessageVisibilityBatchRequestEntry') },
};
