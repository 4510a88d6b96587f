/**
 * ProcessOrders written the lecture's way ("Demo – Process Orders (Consumer)"), for the cold-start
 * benchmark to compare with: Ajv compiles the schema when the module loads, the client is built at
 * module scope with an explicit region as the lecture builds its SQSClient, and the records are
 * handled one after the other, the first invalid one failing the whole batch. Where the lecture
 * writes `// process good order`, this stores the order, as the pipeline's consumer does, so both
 * handlers do the same work: validate, then store.
 *
 * Not part of the pipeline: bundled by `bench/cold-start.ts` only.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import Ajv from 'ajv';
import type { SQSHandler } from 'aws-lambda';
import schema from '../../shared/generated/order.schema.json';

// The lecture compiles `schema.definitions["Order"]` from a schema of every exported type; the
// generated schema here has `Order` at its root.
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
