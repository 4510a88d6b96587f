import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { rejectionMessageAttributes } from './rejection-attributes';
import type { DeadLetterForwarder } from './types';

/**
 * Forwards rejections to the dead-letter queue with `SendMessage`: the body untouched, the reason
 * and errors in message attributes (see `shared/rejection.ts`).
 */
export function createSqsDeadLetterForwarder(client: SQSClient, queueUrl: string): DeadLetterForwarder {
  return {
    async forward(rejection) {
      const { MessageId } = await client.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: rejection.body,
          MessageAttributes: rejectionMessageAttributes(rejection),
        }),
      );
      return MessageId;
    },
  };
}
