import { parseBarDescription } from './support/timeline-reading';

// The browser tests read every bar through its description; the page writes it in `timeline-facts.ts`.
describe("reading a timeline bar's description", () => {
  test('a batch, with its cold start', () => {
    expect(
      parseBarDescription(
        'OrderPipeline-ProcessOrders, batch of 10, partial, 31 ms, cold start 120 ms, started at +1.250 s on 2026/12/03/[$LATEST]abc. Enter opens it.',
      ),
    ).toStrictEqual({
      functionName: 'OrderPipeline-ProcessOrders',
      batchSize: 10,
      outcome: 'partial',
      durationMs: 31,
      startSeconds: 1.25,
      logStreamName: '2026/12/03/[$LATEST]abc',
    });
  });

  test('a retried asynchronous invocation says which attempt it was', () => {
    expect(
      parseBarDescription(
        'Thrower, direct invoke, attempt 2 of 3 of its request, error, 4 ms, started at +60.000 s on s2. Enter opens it.',
      ),
    ).toStrictEqual({
      functionName: 'Thrower',
      attempt: 2,
      attempts: 3,
      outcome: 'error',
      durationMs: 4,
      startSeconds: 60,
      logStreamName: 's2',
    });
  });

  test('anything else is refused, with the text', () => {
    expect(() => parseBarDescription('a bar')).toThrow(/not a bar's description: "a bar"/);
  });
});
