import { SNSClient } from '@aws-sdk/client-sns';
import { ManualClock } from '../../src/clock';
import { type SnsServer, SnsService, type SnsServiceOptions, startSnsServer } from '../../src/sns';
import { FakeTargets } from './fake-targets';

/** A queue ARN of the local account. */
export const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
/** A function ARN of the local account. */
export const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** An SNS service with fake targets and no waits between retries. */
export function testService(options: Partial<SnsServiceOptions> = {}): {
  service: SnsService;
  targets: FakeTargets;
  lost: unknown[];
} {
  const targets = new FakeTargets();
  const lost: unknown[] = [];
  const service = SnsService.start({
    targets,
    clock: new ManualClock(),
    retryDelaysMs: [],
    onUndeliverable: (message) => lost.push(message),
    ...options,
  });
  return { service, targets, lost };
}

/** An SNS server on 127.0.0.1 with an SDK v3 client for it. */
export async function testServer(options: Partial<SnsServiceOptions> = {}): Promise<{
  service: SnsService;
  targets: FakeTargets;
  server: SnsServer;
  sns: SNSClient;
  lost: unknown[];
}> {
  const { service, targets, lost } = testService(options);
  const server = await startSnsServer(service);
  const sns = new SNSClient({
    endpoint: server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  return { service, targets, server, sns, lost };
}
