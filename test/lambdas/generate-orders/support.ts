import type {
  SendMessageBatchRequest,
  SendMessageBatchRequestEntry,
  SendMessageBatchResult,
} from '@aws-sdk/client-sqs';
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
