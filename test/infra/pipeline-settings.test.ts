import { Duration } from 'aws-cdk-lib';
import { buildApp } from './synthesize';

describe('synth rejects settings that break a rule, naming the setting, the value and the range', () => {
  test.each([
    [{ batchSize: 0 }, /batchSize must be a whole number between 1 and 10000 \(given 0\)/],
    [{ batchSize: 10_001 }, /batchSize must be a whole number between 1 and 10000 \(given 10001\)/],
    [{ batchSize: 2.5 }, /batchSize must be a whole number between 1 and 10000 \(given 2.5\)/],
    [{ maxConcurrency: 1 }, /maxConcurrency must be a whole number between 2 and 1000 \(given 1\)/],
    [{ maxConcurrency: 1001 }, /maxConcurrency must be a whole number between 2 and 1000 \(given 1001\)/],
    [{ maxReceiveCount: 0 }, /maxReceiveCount must be a whole number between 1 and 1000 \(given 0\)/],
    [{ maxReceiveCount: 1001 }, /maxReceiveCount must be a whole number between 1 and 1000 \(given 1001\)/],
    [
      { maxBatchingWindow: Duration.seconds(301) },
      /maxBatchingWindow must be a whole number of seconds between 0 and 300 \(given 301 s\)/,
    ],
    [
      { maxBatchingWindow: Duration.millis(1500) },
      /maxBatchingWindow must be a whole number of seconds between 0 and 300 \(given 1.5 s\)/,
    ],
    [
      { processOrdersTimeout: Duration.seconds(901) },
      /processOrdersTimeout must be a whole number of seconds between 1 and 900 \(given 901 s\)/,
    ],
    [
      { processOrdersTimeout: Duration.seconds(0) },
      /processOrdersTimeout must be a whole number of seconds between 1 and 900 \(given 0 s\)/,
    ],
    [
      { batchSize: 11, maxBatchingWindow: Duration.seconds(0) },
      /batchSize over 10 needs a maxBatchingWindow of at least 1 second \(given batchSize 11 with maxBatchingWindow 0 s\)/,
    ],
    // biome-ignore lint/suspicious/noExplicitAny: a JavaScript caller or a cdk.json can pass any string
    [{ queueEncryption: 'AES' as any }, /queueEncryption must be one of SQS_MANAGED, KMS \(given "AES"\)/],
  ])('fails if %j', (props, message) => {
    expect(() => buildApp(props)).toThrow(message);
  });

  test('fails if alarmEmail is not an email address', () => {
    expect(() => buildApp({ alarmEmail: 'ops at example' })).toThrow(
      /alarmEmail must be an email address \(given "ops at example"\)/,
    );
  });

  test('fails with every problem listed at once', () => {
    expect(() => buildApp({ batchSize: 0, maxConcurrency: 1 })).toThrow(
      /Invalid order pipeline settings:\n- batchSize .*\(given 0\)\n- maxConcurrency .*\(given 1\)/,
    );
  });

  test('fails if context gives a setting that is not a number', () => {
    expect(() => buildApp({}, { maxConcurrency: 'many' })).toThrow(
      /context maxConcurrency must be a number \(given "many"\)/,
    );
  });

  test('fails if context gives a number outside the range', () => {
    expect(() => buildApp({}, { maxConcurrency: '1' })).toThrow(
      /maxConcurrency must be a whole number between 2 and 1000 \(given 1\)/,
    );
  });

  test('accepts the limits themselves', () => {
    expect(() =>
      buildApp({
        batchSize: 10_000,
        maxBatchingWindow: Duration.seconds(300),
        maxConcurrency: 1000,
        maxReceiveCount: 1000,
        processOrdersTimeout: Duration.seconds(900),
      }),
    ).not.toThrow();
    expect(() =>
      buildApp({
        batchSize: 1,
        maxBatchingWindow: Duration.seconds(0),
        maxConcurrency: 2,
        maxReceiveCount: 1,
      }),
    ).not.toThrow();
  });
});
