import type { LocalCloud } from 'local-cloud';
import { generateOrderLoad, ORDERS_PER_INVOCATION } from '../../tools/pipeline-run';

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
  test('is asked for in invocations of at most ORDERS_PER_INVOCATION, adding up to the count', async () => {
    const { cloud, payloads } = cloudAnswering();
    const count = ORDERS_PER_INVOCATION * 2 + 500;
    const outcome = await generateOrderLoad(cloud, { count, invalidRatio: 0.1 });
    expect(payloads).toStrictEqual([
      { count: ORDERS_PER_INVOCATION, invalidRatio: 0.1 },
      { count: ORDERS_PER_INVOCATION, invalidRatio: 0.1 },
      { count: 500, invalidRatio: 0.1 },
    ]);
    expect(outcome).toStrictEqual({ kind: 'queued', queued: count, failed: [] });
  });

  test('stops at the first invocation refused', async () => {
    const { cloud, payloads } = cloudAnswering(2);
    const outcome = await generateOrderLoad(cloud, { count: ORDERS_PER_INVOCATION * 5, invalidRatio: 0 });
    expect(payloads).toHaveLength(2);
    expect(outcome).toStrictEqual({ kind: 'refused', message: 'no' });
  });
});
