import { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsDeadLetterForwarder } from './sqs-dead-letter-forwarder';
import type { DeadLetterForwarder } from './types';

/**
 * The dead-letter forwarder with its SQS client, region and endpoint from the environment. The
 * stack bundles this module into a file of its own (`PipelineFunction`'s `separateBundles`), which
 * the handler requires when the first invalid order comes: the SQS client stays out of the init.
 */
export function connectDeadLetterForwarder(queueUrl: string): DeadLetterForwarder {
  return createSqsDeadLetterForwarder(new SQSClient({}), queueUrl);
}
