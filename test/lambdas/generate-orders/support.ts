import type {
  SendMessageBatchRequest,
  SendMessageBatchRequestEntry,
  SendMessageBatchResult,
} from '@aws-sdk/client-sqs';
import type { Context } from 'aws-lambda';
import type { OutgoingMessage } from '../../../lambdas/generate-orders/outgoing-message';

/** A message as `encodeOrders` makes it, for the order at `index` with the given body. */
export function outgoingMessageFactory(index: number, body = `{"n":${index}}`): OutgoingMessage {
  return { entryId: String(index), orderId: `order-${index}`, body, bytes: Buffer.byteLength(body, 'utf8') };
}

/** The answer SQS gives when it accepts every entry of the request. */
export function acceptEverything(request: SendMessageBatchRequest): SendMessageBatchResult {
  return {
    Successful: (request.Entries ?? []).map((entry) => ({
      Id: entry.Id,
      MessageId: `message-${entry.Id}`,
      MD5OfMessageBody: 'not checked by the mock',
    })),
    Failed: [],
  };
}

/** Every entry sent, in request order (entry ids are positions in the request). */
export function entriesInRequestOrder(
  requests: readonly SendMessageBatchRequest[],
): SendMessageBatchRequestEntry[] {
  return requests.flatMap((request) => request.Entries ?? []).sort((a, b) => Number(a.Id) - Number(b.Id));
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function instantSleep(): { sleep: (milliseconds: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (milliseconds) => {
      waits.push(milliseconds);
    },
  };
}

/** A Lambda context for an invocation with `remainingMilliseconds` left. */
export function lambdaContextFactory(remainingMilliseconds: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'GenerateOrders',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:GenerateOrders',
    memoryLimitInMB: '256',
    awsRequestId: 'request-1',
    logGroupName: '/aws/lambda/GenerateOrders',
    logStreamName: 'stream-1',
    getRemainingTimeInMillis: () => remainingMilliseconds,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
