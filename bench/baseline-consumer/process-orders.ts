/**
 * A baseline ProcessOrders for the cold-start benchmark to compare the pipeline's with: the same
 * work (validate each order, then store it) written the plain way, without what the pipeline does
 * for its cold start and its failures. Ajv compiles the schema when the module loads (the pipeline
 * ships a validator generated at build time); the AWS SDK's DynamoDB client is built at module scope
 * (the pipeline uses aws-lite, and loads its SQS client on first use); there is no Powertools; and
 * the records are handled one after the other, the first invalid one failing the whole batch (the
 * pipeline reports each failed record and forwards invalid orders to the dead-letter queue).
 *
 * Not part of the pipeline: bundled by `bench/cold-start.ts` only.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import Ajv from 'ajv';
import type { SQSHandler } from 'aws-lambda';
import schema from '../../shared/generated/order.schema.json';

// Compiling at load is the init cost the benchmark measures against the generated validator.
const ajv = new Ajv();
const isValidOrder = ajv.compile(schema);

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));

export const handler: SQSHandler = async (event) => {
  try {
    for (const record of event.Records) {
      const messageBody = JSON.parse(record.body);
      if (!isValidOrder(messageBody)) {
        throw new Error(' Bad Order');
      }
      await client.send(new PutCommand({ TableName: process.env.ORDERS_TABLE_NAME, Item: messageBody }));
    }
  } catch (error) {
    throw new Error(JSON.stringify(error));
  }
};
