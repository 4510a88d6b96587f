import { forEachWithConcurrency } from '../../../lambdas/generate-orders/bounded-concurrency';

describe('forEachWithConcurrency', () => {
  test('keeps at most the limit pending, uses all of it, and handles every item once', async () => {
    let pending = 0;
    let mostPending = 0;
    const handled: number[] = [];

    await forEachWithConcurrency([...Array(20).keys()], 3, async (item) => {
      pending += 1;
      mostPending = Math.max(mostPending, pending);
      await new Promise((resolve) => setImmediate(resolve));
      handled.push(item);
      pending -= 1;
    });

    expect(mostPending).toBe(3);
    expect(handled.sort((a, b) => a - b)).toStrictEqual([...Array(20).keys()]);
  });

  test('does nothing for no items', async () => {
    const work = jest.fn(async () => {});

    await forEachWithConcurrency([], 4, work);

    expect(work).not.toHaveBeenCalled();
  });
});
