import type { SendMessageBatchRequest, SendMessageBatchResult } from '@aws-sdk/client-sqs';
import { resendBodies } from '../../bin/redrive/resend-bodies';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders';
const noWait = async () => {};

/** A SendMessageBatch stand-in that answers each call with `answer`, recording the requests. */
function fakeSqs(answer: (request: SendMessageBatchRequest, call: number) => SendMessageBatchResult | Error) {
  const requests: SendMessageBatchRequest[] = [];
  const sendMessageBatch = async (request: SendMessageBatchRequest) => {
    requests.push(request);
    const result = answer(request, requests.length);
    if (result instanceof Error) throw result;
    return result;
  };
  return { requests, sendMessageBatch };
}

const succeedAll = (request: SendMessageBatchRequest): SendMessageBatchResult => ({
  Successful: (request.Entries ?? []).map(({ Id }) => ({
    Id,
    MessageId: `new-${Id}`,
    MD5OfMessageBody: '',
  })),
  Failed: [],
});

describe('resendBodies', () => {
  test('sends each body untouched, in batches of at most 10, and maps each record to its new message id', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => ({
      recordId: `r-${i}`,
      body: ` {"orderId": "o-${i}"} `,
    }));
    const sqs = fakeSqs(succeedAll);
    const outcome = await resendBodies(bodies, {
      queueUrl: QUEUE_URL,
      sendMessageBatch: sqs.sendMessageBatch,
      sleep: noWait,
    });
    expect(sqs.requests.map((request) => request.Entries?.length)).toStrictEqual([10, 2]);
    expect(
      sqs.requests.flatMap((request) => request.Entries?.map((entry) => entry.MessageBody)),
    ).toStrictEqual(bodies.map(({ body }) => body));
    expect(outcome.failed).toStrictEqual([]);
    expect(outcome.sent.get('r-11')).toBe('new-11');
    expect(outcome.sent.size).toBe(12);
  });

  test('resends only the entries SQS reported as Failed through no fault of the sender', async () => {
    const sqs = fakeSqs((request, call) =>
      call === 1
        ? {
            Successful: [{ Id: '0', MessageId: 'new-0', MD5OfMessageBody: '' }],
            Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false, Message: 'try again' }],
          }
        : succeedAll(request),
    );
    const outcome = await resendBodies(
      [
        { recordId: 'r-0', body: 'a' },
        { recordId: 'r-1', body: 'b' },
      ],
      { queueUrl: QUEUE_URL, sendMessageBatch: sqs.sendMessageBatch, sleep: noWait },
    );
    expect(sqs.requests[1].Entries).toStrictEqual([{ Id: '1', MessageBody: 'b' }]);
    expect([...outcome.sent.keys()].sort()).toStrictEqual(['r-0', 'r-1']);
    expect(outcome.failed).toStrictEqual([]);
  });

  test('reports a sender fault at once, and gives up on a failing call after maxAttempts', async () => {
    const faulty = fakeSqs(() => ({
      Successful: [],
      Failed: [{ Id: '0', Code: 'InvalidMessageContents', SenderFault: true, Message: 'bad' }],
    }));
    const faultOutcome = await resendBodies([{ recordId: 'r-0', body: 'a' }], {
      queueUrl: QUEUE_URL,
      sendMessageBatch: faulty.sendMessageBatch,
      sleep: noWait,
    });
    expect(faulty.requests).toHaveLength(1);
    expect(faultOutcome.failed).toStrictEqual([
      { recordId: 'r-0', reason: 'InvalidMessageContents: bad (a sender fault, not retried)' },
    ]);

    const down = fakeSqs(() => new Error('connect ECONNREFUSED'));
    const downOutcome = await resendBodies([{ recordId: 'r-0', body: 'a' }], {
      queueUrl: QUEUE_URL,
      sendMessageBatch: down.sendMessageBatch,
      sleep: noWait,
    });
    expect(down.requests).toHaveLength(5);
    expect(downOutcome.sent.size).toBe(0);
    expect(downOutcome.failed).toStrictEqual([
      { recordId: 'r-0', reason: 'Error: connect ECONNREFUSED (still failing after 5 attempts)' },
    ]);
  });
});
