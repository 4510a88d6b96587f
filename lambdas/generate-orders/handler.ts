import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import { ENVIRONMENT, requireEnvironment } from '../../shared/environment';
import { SERVICE_NAMES } from '../../shared/observability';
import { assignOrderIds } from './assign-order-ids';
import { InvalidRequestError, parseGenerateOrdersRequest } from './generate-orders-request';
import { requestedOrders } from './requested-orders';
import { sendOrders, sqsSendMessageBatch } from './send-orders';
import type { SendSummary } from './send-summary';

/** The answer to a payload that is none of the accepted ones; nothing was queued. */
export interface InvalidRequestResult {
  readonly error: 'InvalidRequest';
  /** Names each offending field, the value given and what is allowed, then the accepted payloads. */
  readonly message: string;
  readonly queued: 0;
  readonly failed: [];
}

/** What an invocation of GenerateOrders returns. */
export type GenerateOrdersResult = SendSummary | InvalidRequestResult;

const logger = new Logger({ serviceName: SERVICE_NAMES.generateOrders });

// Region and endpoint come from the environment (AWS_REGION, AWS_ENDPOINT_URL_SQS), so the same
// bundle talks to AWS and to the local cloud; a warm instance reuses the client's connections.
const sendMessageBatch = sqsSendMessageBatch(new SQSClient({}));

/**
 * Queues orders on the orders queue: the demo batch (`{}`, eleven fixed orders, one invalid),
 * generated orders (`{"count": N, "invalidRatio": r}`) or the caller's own (`{"orders": [...]}`),
 * each given an `orderId` when it is an object without one.
 *
 * @returns `{ queued, failed }` with `queued + failed.length` equal to the number of orders, or an
 *   {@link InvalidRequestResult} for any other payload.
 * @throws MissingEnvironmentVariableError when ORDERS_QUEUE_URL is not set (a deployment fault).
 */
export async function handler(event: unknown, context?: Context): Promise<GenerateOrdersResult> {
  if (context !== undefined) logger.addContext(context);
  const queueUrl = requireEnvironment(ENVIRONMENT.ordersQueueUrl);
  let orders: unknown[];
  try {
    orders = assignOrderIds(requestedOrders(parseGenerateOrdersRequest(event)));
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    logger.warn('rejected the request', { error: error.name, problems: error.problems });
    return { error: 'InvalidRequest', message: error.message, queued: 0, failed: [] };
  }
  logger.info('sending orders', { orders: orders.length });
  const summary = await sendOrders(orders, {
    queueUrl,
    sendMessageBatch,
    logger,
    remainingMilliseconds: context === undefined ? undefined : () => context.getRemainingTimeInMillis(),
  });
  for (const { id, reason } of summary.failed) logger.warn('order not queued', { orderId: id, reason });
  logger.info('sent orders', { queued: summary.queued, failed: summary.failed.length });
  return summary;
}
