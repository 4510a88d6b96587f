import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { connectDynamoDbItems } from '../../shared/dynamodb-items';
import { ENVIRONMENT, requireEnvironment } from '../../shared/environment';
import { SERVICE_NAMES } from '../../shared/observability';
import { createDynamoDbOrderStore } from './dynamodb-order-store';
import { loadedOnFirstUse } from './loaded-on-first-use';
import { processOrder } from './process-order';
import type { ProcessOrderPorts } from './types';

// Module scope: a warm instance reuses the clients' connections. Region and endpoint come from the
// environment (AWS_REGION, AWS_ENDPOINT_URL_*), so the same code runs on AWS and the local cloud.
const logger = new Logger({ serviceName: SERVICE_NAMES.processOrders });
const deadLetterQueueUrl = requireEnvironment(ENVIRONMENT.deadLetterQueueUrl);
const ports: ProcessOrderPorts = {
  orders: createDynamoDbOrderStore(connectDynamoDbItems(), requireEnvironment(ENVIRONMENT.ordersTableName)),
  // Most batches have no invalid order: the SQS client loads when the first one comes, not at init.
  // `.js`: in the bundle this is a file of its own next to index.js (lib/orders-stack.ts). `require`,
  // not `import()`: from a CommonJS bundle, import() goes through Node's ES module loader, which cost
  // every new instance far more CPU than the file itself (docs: the pipeline bench, maxConcurrency 8).
  deadLetters: loadedOnFirstUse(async () =>
    (
      require('./connect-dead-letter-forwarder.js') as typeof import('./connect-dead-letter-forwarder')
    ).connectDeadLetterForwarder(deadLetterQueueUrl),
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
