import { backoffMilliseconds } from '../../../lambdas/generate-orders/retry-backoff';

const settings = { baseBackoffMilliseconds: 100, maxBackoffMilliseconds: 1000 };

describe('backoffMilliseconds', () => {
  test('doubles its ceiling with each failed attempt, up to the maximum', () => {
    const ceilings = [1, 2, 3, 4, 5, 6].map((attempt) => backoffMilliseconds(attempt, settings, () => 1));

    expect(ceilings).toStrictEqual([100, 200, 400, 800, 1000, 1000]);
  });

  test('draws the delay between zero and the ceiling', () => {
    expect(backoffMilliseconds(3, settings, () => 0)).toBe(0);
    expect(backoffMilliseconds(3, settings, () => 0.5)).toBe(200);
    expect(backoffMilliseconds(3, settings, () => 0.999)).toBe(399);
  });

  test('is random by default, and never above the ceiling', () => {
    const delays = Array.from({ length: 200 }, () => backoffMilliseconds(4, settings));

    expect(Math.max(...delays)).toBeLessThan(800);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});
