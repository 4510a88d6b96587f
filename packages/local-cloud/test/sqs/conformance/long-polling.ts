import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { timed } from '../support';
import type { SqsConformanceContext } from './context';

/** Long polls: woken by a send or a visibility timeout, ended by their wait time. */
export function longPollingTests(context: SqsConformanceContext): void {
  const { clock, createQueue, parked, receive } = context;
  let sqs: SQSClient;
  beforeAll(() => {
    ({ sqs } = context);
  });

  it('returns the moment a message is sent, without waiting out WaitTimeSeconds', async () => {
    const QueueUrl = await createQueue();
    const waiting = timed(() => receive(QueueUrl, { WaitTimeSeconds: 20 }));
    await parked(QueueUrl);

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const { result, ms } = await waiting;

    expect(result.map((message) => message.Body)).toStrictEqual(['wake up']);
    expect(ms).toBeLessThan(1_000);
  });

  it('returns empty when the wait runs out, and wakes when a visibility timeout ends', async () => {
    const QueueUrl = await createQueue({ VisibilityTimeout: '10' });
    const empty = receive(QueueUrl, { WaitTimeSeconds: 20 });
    await parked(QueueUrl);
    clock.advance(20_000);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'comes back' }));
    await receive(QueueUrl);

    const waiting = receive(QueueUrl, { WaitTimeSeconds: 20 });
    await parked(QueueUrl);
    clock.advance(10_000);

    expect(await empty).toStrictEqual([]);
    expect((await waiting).map((message) => message.Body)).toStrictEqual(['comes back']);
  });

  it('uses the queue ReceiveMessageWaitTimeSeconds when the request gives none', async () => {
    const QueueUrl = await createQueue({ ReceiveMessageWaitTimeSeconds: '20' });
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    await parked(QueueUrl);

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'polled' }));

    expect((await waiting).Messages?.[0].Body).toBe('polled');
  });
}
