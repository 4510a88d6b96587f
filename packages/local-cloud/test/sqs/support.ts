import { errorTypeRegistries, SQSClient } from '@aws-sdk/client-sqs';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { SQS_XML_NAMESPACE } from '../../src/sqs/query-protocol';

/** Dummy credentials: the local endpoint reads the access key only as SenderId. */
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** The two SDK configurations the conformance suite runs against. */
export type SdkProtocol = 'json' | 'query';

/** An SQS client for the endpoint, speaking AWS JSON 1.0 (the SDK's default) or the Query protocol. */
export function sqsClient(endpoint: string, protocol: SdkProtocol): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: TEST_CREDENTIALS,
    maxAttempts: 1,
    ...(protocol === 'query'
      ? {
          protocol: new AwsQueryProtocol({
            defaultNamespace: 'com.amazonaws.sqs',
            xmlNamespace: SQS_XML_NAMESPACE,
            version: '2012-11-05',
            errorTypeRegistries,
          }),
        }
      : {}),
  });
}

/** Awaits `promise` and returns the error it rejects with, failing the test if it resolves. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<Error & { Code?: string; $fault?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { Code?: string };
  }
  throw new Error('expected the request to fail, but it succeeded');
}

/** Times `action` in wall-clock milliseconds. */
export async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await action();
  return { result, ms: performance.now() - start };
}

/** Polls `condition` every 10 ms until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
