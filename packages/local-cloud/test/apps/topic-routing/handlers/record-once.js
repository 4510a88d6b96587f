// Stores an item once, keyed by its order id (and route): SQS and SNS deliver at least once, so a
// repeated delivery does not store the order again, it only counts one more receipt on the item.
const { ConditionalCheckFailedException, DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

/** Puts `item` (with `receipts: 1`) unless its key is there; if it is, adds one to its receipts. */
exports.recordOnce = async (key, fields) => {
  const TableName = process.env.TABLE_NAME;
  try {
    await documents.send(
      new PutCommand({
        TableName,
        Item: { ...key, ...fields, receipts: 1 },
        ConditionExpression: 'attribute_not_exists(orderId)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    await documents.send(
      new UpdateCommand({
        TableName,
        Key: key,
        UpdateExpression: 'ADD receipts :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }
};
