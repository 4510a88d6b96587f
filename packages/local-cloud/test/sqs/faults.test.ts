import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { sqsClient, timed } from './support';

describe('local SQS fault injection', () => {
  let server: SqsServer;
  let sqs: SQSClient;
  let QueueUrl: string | undefined;

  beforeAll(async () => {
    server = await startSqsServer({ port: 0 });
    sqs = sqsClient(server.endpoint, 'json');
    QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'faulty' }))).QueueUrl;
  });

  afterEach(() => server.setFaults({}));

  afterAll(async () => {
    sqs?.destroy();
    await server?.close();
  });

  const tenEntries = (prefix: string) =>
    Array.from({ length: 10 }, (_, index) => ({
      Id: `${prefix}${index}`,
      MessageBody: `${prefix} ${index}`,
    }));

  async function visibleCount(): Promise<number> {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages);
  }

  it('is off by default', async () => {
    const before = await visibleCount();

    const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: tenEntries('plain') }));

    expect(result.Successful).toHaveLength(10);
    expect(result.Failed ?? []).toHaveLength(0);
    expect((await visibleCount()) - before).toBe(10);
  });

  it('fails the chosen fraction of SendMessageBatch entries as the server fault, sending the rest', async () => {
    let call = 0;
    // Every other draw is below the rate: exactly half of the entries fail.
    server.setFaults({ sendBatchFailureRate: 0.5, random: () => (call++ % 2 === 0 ? 0.1 : 0.9) });
    const before = await visibleCount();

    const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: tenEntries('faulty') }));

    expect(result.Successful?.map((entry) => entry.Id)).toStrictEqual([
      'faulty1',
      'faulty3',
      'faulty5',
      'faulty7',
      'faulty9',
    ]);
    expect(result.Failed?.map((entry) => [entry.Id, entry.Code, entry.SenderFault])).toStrictEqual(
      ['faulty0', 'faulty2', 'faulty4', 'faulty6', 'faulty8'].map((id) => [id, 'InternalError', false]),
    );
    expect((await visibleCount()) - before).toBe(5);
  });

  it('fails every entry at rate 1, with a custom code', async () => {
    server.setFaults({ sendBatchFailureRate: 1, failureCode: 'ServiceUnavailable' });

    const result = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: tenEntries('all') }));

    expect(result.Successful ?? []).toHaveLength(0);
    expect(new Set(result.Failed?.map((entry) => entry.Code))).toStrictEqual(new Set(['ServiceUnavailable']));
  });

  it('delays responses, optionally only of some operations', async () => {
    server.setFaults({ responseDelayMs: 1_000, delayOperations: ['SendMessageBatch'] });

    const slow = await timed(() =>
      sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: tenEntries('slow') })),
    );
    const fast = await timed(() => visibleCount());

    // Wide margins: a loaded machine slows every request, but never by the injected second.
    expect(slow.ms).toBeGreaterThanOrEqual(990);
    expect(fast.ms).toBeLessThan(900);
  });

  it('refuses out-of-range fault settings', () => {
    expect(() => server.setFaults({ sendBatchFailureRate: 1.5 })).toThrow(/between 0 and 1 \(given 1.5\)/);
  });
});
