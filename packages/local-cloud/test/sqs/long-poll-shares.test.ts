import { ManualClock } from '../../src/clock';
import { burstShares } from '../../src/sqs/burst-shares';
import { SqsModel } from '../../src/sqs/queue-model';

type Received = { Messages?: { Body: string; Attributes?: Record<string, string> }[] };

describe('burstShares', () => {
  test.each([
    [10, [10, 10], [5, 5]],
    [11, [10, 10], [6, 5]],
    [7, [10, 10, 10], [3, 2, 2]],
    [8, [10, 10, 10], [4, 2, 2]],
    [1, [10, 10], [1, 0]],
    [2, [2, 2, 2, 2, 2], [2, 0, 0, 0, 0]],
    [6, [2, 2, 2, 2, 2], [2, 1, 1, 1, 1]],
    [10, [2, 10], [2, 8]],
    [10, [2, 3, 10], [2, 3, 5]],
    [30, [10, 10], [10, 10]],
    [12, [10], [10]],
    [0, [10, 10], [0, 0]],
    [5, [], []],
  ])('splits %i messages over polls asking for %j as %j', (available, capacities, expected) => {
    expect(burstShares(available, capacities)).toStrictEqual(expected);
  });
});

describe('long polls waiting as a burst lands (manual clock)', () => {
  let model: SqsModel;

  beforeEach(() => {
    model = new SqsModel({ clock: new ManualClock(), endpoint: 'http://127.0.0.1:9324' });
  });

  afterEach(() => model.close());

  /** Starts a long poll; it must wait, since the test sends only afterwards. */
  function longPoll(QueueUrl: string, MaxNumberOfMessages = 10): Promise<Received> {
    const result = model.receiveMessage({
      QueueUrl,
      MaxNumberOfMessages,
      WaitTimeSeconds: 20,
      MessageSystemAttributeNames: ['All'],
    });
    if (!(result instanceof Promise)) throw new Error('expected the receive to wait');
    return result as Promise<Received>;
  }

  function sendBatch(QueueUrl: string, bodies: string[], fifoGroup?: string): void {
    model.sendMessageBatch({
      QueueUrl,
      Entries: bodies.map((MessageBody, index) => ({
        Id: String(index),
        MessageBody,
        ...(fifoGroup === undefined
          ? {}
          : { MessageGroupId: fifoGroup, MessageDeduplicationId: MessageBody }),
      })),
    });
  }

  const bodies = (count: number) => Array.from({ length: count }, (_, index) => `m${index}`);
  const bodiesOf = (received: Received) => (received.Messages ?? []).map((message) => message.Body);

  test('a batch of 10 sent while two polls wait is split between them, each message once', async () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'shared' });
    const first = longPoll(QueueUrl);
    const second = longPoll(QueueUrl);

    sendBatch(QueueUrl, bodies(10));

    const [a, b] = [bodiesOf(await first), bodiesOf(await second)];
    expect([a.length, b.length]).toStrictEqual([5, 5]);
    expect([...a, ...b].sort()).toStrictEqual(bodies(10).sort());
  });

  test('a burst too small to go round stays together, for the poll that has waited longest', async () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'small' });
    const polls = [longPoll(QueueUrl, 2), longPoll(QueueUrl, 2), longPoll(QueueUrl, 2)];

    sendBatch(QueueUrl, bodies(2));

    expect(bodiesOf(await polls[0])).toStrictEqual(bodies(2));
    expect(model.pendingReceives(QueueUrl)).toBe(2);
  });

  test('a lone waiting poll still gets the whole batch at once', async () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'lone' });
    const only = longPoll(QueueUrl);

    sendBatch(QueueUrl, bodies(10));

    expect(bodiesOf(await only)).toStrictEqual(bodies(10));
  });

  test('no poll gets more than its MaxNumberOfMessages; what no poll took stays receivable', async () => {
    const { QueueUrl } = model.createQueue({ QueueName: 'capacities' });
    const small = longPoll(QueueUrl, 2);
    const large = longPoll(QueueUrl, 3);

    sendBatch(QueueUrl, bodies(10));

    expect([bodiesOf(await small).length, bodiesOf(await large).length]).toStrictEqual([2, 3]);
    const rest = model.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 }) as Received;
    expect(bodiesOf(rest)).toHaveLength(5);
  });

  test("a FIFO queue hands a group's messages to one poll, in order, and the other keeps waiting", async () => {
    const { QueueUrl } = model.createQueue({
      QueueName: 'ordered.fifo',
      Attributes: { FifoQueue: 'true' },
    });
    const first = longPoll(QueueUrl);
    const second = longPoll(QueueUrl);

    sendBatch(QueueUrl, bodies(10), 'group');

    expect(bodiesOf(await first)).toStrictEqual(bodies(10));
    expect(model.pendingReceives(QueueUrl)).toBe(1);
    model.close();
    expect(bodiesOf(await second)).toStrictEqual([]);
  });
});
