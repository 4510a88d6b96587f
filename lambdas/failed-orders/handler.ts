import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSHandler, SQSRecord } from 'aws-lambda';
import { connectDynamoDbItems } from '../../shared/dynamodb-items';
import { ENVIRONMENT, requireEnvironment } from '../../shared/environment';
import { OBSERVABILITY, SERVICE_NAMES } from '../../shared/observability';
import { readStoredContentHash } from '../../shared/stored-content-hash';
import { createDynamoDbRejectedOrderStore } from './dynamodb-rejected-order-store';
import { recordFailure } from './record-failure';
import type { RecordFailurePorts } from './types';

// Module scope: a warm instance reuses the client's connections. Region and endpoint come from the
// environment (AWS_REGION, AWS_ENDPOINT_URL_*), so the same code runs on AWS and the local cloud.
const metrics = new Metrics({
  namespace: OBSERVABILITY.metricsNamespace,
  serviceName: SERVICE_NAMES.failedOrders,
});
const logger = new Logger({ serviceName: SERVICE_NAMES.failedOrders });
// A dead-lettered message can be anything; an undefined field must not make it unrecordable.
const documents = connectDynamoDbItems({ marshallOptions: { removeUndefinedValues: true } });
const ordersTableName = requireEnvironment(ENVIRONMENT.ordersTableName);
const ports: RecordFailurePorts = {
  rejectedOrders: createDynamoDbRejectedOrderStore(
    documents,
    requireEnvironment(ENVIRONMENT.rejectedOrdersTableName),
  ),
  storedOrders: {
    storedContentHash: (orderId) => readStoredContentHash(documents, ordersTableName, orderId),
  },
  metrics: {
    countDeadLetteredOrder: () =>
      metrics.addMetric(OBSERVABILITY.deadLetteredOrdersMetric, MetricUnit.Count, 1),
  },
  logger,
  now: () => new Date(),
};
const processor = new BatchProcessor(EventType.SQS);

const recordHandler = (record: SQSRecord) => recordFailure(record, ports);

/**
 * FailedOrders: records every dead-lettered message with why it failed, except one SQS
 * dead-lettered although its order is in the orders table with the same content (ProcessOrders
 * stored it, then failed to return). A message it cannot record is a batch item failure and stays
 * in the dead-letter queue. The `DeadLetteredOrders` metric is
 * published once per invocation, whatever happened to the batch.
 */
export const handler: SQSHandler = async (event, context) => {
  // Per invocation, not per record, so this global state is safe with records in parallel.
  logger.addContext(context);
  try {
    return await processPartialResponse(event, recordHandler, processor, { context });
  } finally {
    // Skipped when every message was a redelivery, so the log carries no empty-metrics warning.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
};
