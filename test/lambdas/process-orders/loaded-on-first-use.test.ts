import { loadedOnFirstUse } from '../../../lambdas/process-orders/loaded-on-first-use';
import type { DeadLetterForwarder } from '../../../lambdas/process-orders/types';
import { rejectionFactory } from '../support/sqs-record-factory';
import { RecordingForwarder } from './fakes';

describe('loadedOnFirstUse', () => {
  it('loads nothing until the first forward, then forwards through what it loaded', async () => {
    const loaded = new RecordingForwarder();
    const load = jest.fn(async (): Promise<DeadLetterForwarder> => loaded);

    const forwarder = loadedOnFirstUse(load);

    expect(load).not.toHaveBeenCalled();
    await expect(forwarder.forward(rejectionFactory())).resolves.toBe('dlq-1');
    expect(load).toHaveBeenCalledTimes(1);
    expect(loaded.forwarded).toStrictEqual([rejectionFactory()]);
  });

  it('shares one load between concurrent first forwards and loads no more afterwards', async () => {
    const loaded = new RecordingForwarder();
    const load = jest.fn(async (): Promise<DeadLetterForwarder> => loaded);
    const forwarder = loadedOnFirstUse(load);

    await Promise.all(
      ['m-1', 'm-2', 'm-3'].map((sourceMessageId) =>
        forwarder.forward(rejectionFactory({ sourceMessageId })),
      ),
    );
    await forwarder.forward(rejectionFactory({ sourceMessageId: 'm-4' }));

    expect(load).toHaveBeenCalledTimes(1);
    expect(loaded.forwarded.map(({ sourceMessageId }) => sourceMessageId)).toStrictEqual([
      'm-1',
      'm-2',
      'm-3',
      'm-4',
    ]);
  });

  it("rejects the forward that met a failed load with the load's error, and loads again on the next", async () => {
    const loadError = new Error('Cannot find module @aws-sdk/client-sqs');
    const loaded = new RecordingForwarder();
    const load = jest
      .fn<Promise<DeadLetterForwarder>, []>()
      .mockRejectedValueOnce(loadError)
      .mockResolvedValue(loaded);
    const forwarder = loadedOnFirstUse(load);

    await expect(forwarder.forward(rejectionFactory({ sourceMessageId: 'm-1' }))).rejects.toBe(loadError);
    await expect(forwarder.forward(rejectionFactory({ sourceMessageId: 'm-2' }))).resolves.toBe('dlq-1');

    expect(load).toHaveBeenCalledTimes(2);
    expect(loaded.forwarded.map(({ sourceMessageId }) => sourceMessageId)).toStrictEqual(['m-2']);
  });

  it('rejects every forward that waited on a failed load with its error', async () => {
    const loadError = new Error('Cannot find module @aws-sdk/client-sqs');
    const load = jest.fn<Promise<DeadLetterForwarder>, []>().mockRejectedValueOnce(loadError);
    const forwarder = loadedOnFirstUse(load);

    const results = await Promise.allSettled([
      forwarder.forward(rejectionFactory({ sourceMessageId: 'm-1' })),
      forwarder.forward(rejectionFactory({ sourceMessageId: 'm-2' })),
    ]);

    expect(results).toStrictEqual([
      { status: 'rejected', reason: loadError },
      { status: 'rejected', reason: loadError },
    ]);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
