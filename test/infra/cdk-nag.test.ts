import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildApp } from './synthesize';

describe("cdk-nag's AwsSolutions checks, with the CDK's built-in CloudFormation validation on", () => {
  test('pass on the pipeline with SQS-managed encryption, bundles included', () => {
    expect(() => buildApp({}, {}, { full: true }).app.synth()).not.toThrow();
  });

  test('pass on the pipeline with a customer managed KMS key', () => {
    expect(() => buildApp({ queueEncryption: 'KMS' }).app.synth()).not.toThrow();
  });

  test('run on every synth: a queue without a DLQ or TLS policy fails it', () => {
    const { app, stack } = buildApp();
    new Queue(stack, 'NonCompliantQueue');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3|AwsSolutions-SQS4/);
  });
});
