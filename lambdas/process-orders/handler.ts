import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { ENVIRONMENT, requireEnvironment } from '../../shared/environment';
import { SERVICE_NAMES } from '../../shared/observability';
import { createDynamoDbOrderStore } from './dynamodb-order-store';
import { processOrder } from './process-order';
import { createSqsDeadLetterForwarder } from './sqs-dead-letter-forwarder';
import type { ProcessOrderPorts } from './types';

// Module scope: a warm instance reuses the clients' connections. Region and endpoint come from the
// environment (AWS_REGION, AWS_ENDPOINT_URL_*), so the same code runs on AWS and the local cloud.
const logger = new Logger({ serviceName: SERVICE_NAMES.processOrders });
const ports: ProcessOrderPorts = {
  orders: createDynamoDbOrderStore(
    DynamoDBDocumentClient.from(new DynamoDBClient({})),
    requireEnvironment(ENVIRONMENT.ordersTableName),
  ),
  deadLetters: createSqsDeadLetterForwarder(
    new SQSClient({}),
    requireEnvironment(ENVIRONMENT.deadLetterQueueUrl),
  ),
  logger,
  now: () => new Date(),
};
const processor = new BatchProcessor(EventType.SQS);

const recordHandler = (record: SQSRecord) => processOrder(record, ports);

/**
 * ProcessOrders: stores each valid order of an orders-queue batch, forwards each permanently
 * invalid one to the dead-letter queue, and reports only transient failures as batch item
 * failures (the event source mapping has ReportBatchItemFailures on).
 */
export const handler: SQSHandler = async (event, context) => {
  // Per invocation, not per record, so this global state is safe with records in parallel.
  logger.addContext(context);
  return processPartialResponse(event, recordHandler, processor, { context });
};
