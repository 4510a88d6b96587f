import type { LocalCloud } from '../../local/cloud';
import { generateOrderLoad, ordersPerInvocation } from '../../local/pipeline-run';

/** A cloud whose GenerateOrders queues what it is asked for, or refuses a chosen invocation. */
function cloudAnswering(refuseInvocation?: number) {
  const payloads: unknown[] = [];
  const cloud = {
    stack: { outputs: { GenerateOrdersFunctionName: 'OrderPipeline-GenerateOrders' } },
    lambda: {
      invoke: async (_name: string, payload: { count: number }) => {
        payloads.push(payload);
        return payloads.length === refuseInvocation
          ? { payload: { error: 'InvalidRequest', message: 'no' } }
          : { payload: { queued: payload.count, failed: [] } };
      },
    },
  } as unknown as LocalCloud;
  return { cloud, payloads };
}

describe('a big load of orders', () => {
  test('fits one invocation at time scale 1, and shrinks with the scale (GenerateOrders has 60 cloud seconds)', () => {
    expect(ordersPerInvocation(1)).toBe(20_000);
    expect(ordersPerInvocation(10)).toBe(2_000);
    expect(ordersPerInvocation(1_000)).toBe(100);
  });

  test('is asked for in invocations of at most that many, adding up to the count', async () => {
    const { cloud, payloads } = cloudAnswering();
    const outcome = await generateOrderLoad(cloud, { count: 4_500, invalidRatio: 0.1, timeScale: 10 });
    expect(payloads).toStrictEqual([
      { count: 2_000, invalidRatio: 0.1 },
      { count: 2_000, invalidRatio: 0.1 },
      { count: 500, invalidRatio: 0.1 },
    ]);
    expect(outcome).toStrictEqual({ kind: 'queued', queued: 4_500, failed: [] });
  });

  test('stops at the first invocation refused', async () => {
    const { cloud, payloads } = cloudAnswering(2);
    const outcome = await generateOrderLoad(cloud, { count: 10_000, invalidRatio: 0, timeScale: 10 });
    expect(payloads).toHaveLength(2);
    expect(outcome).toStrictEqual({ kind: 'refused', message: 'no' });
  });
});
