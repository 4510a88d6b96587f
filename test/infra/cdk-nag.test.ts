import { Validations } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildApp } from './synthesize';

/** Every rule acknowledged on a construct, as `path: rule id`, sorted. */
function acknowledgments(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) =>
          Object.entries(entry.data as Record<string, string>).map(([id, reason]) => {
            expect(reason.length).toBeGreaterThan(40);
            return `${construct.node.path}: ${id.replace(/^annotation::/i, '')}`;
          }),
        ),
    )
    .sort();
}

describe("cdk-nag's AwsSolutions and Serverless checks, with the CDK's built-in CloudFormation validation on", () => {
  // The test environment turns the validation off for speed (`test/support/skip-cdk-validation.ts`).
  const validationSetting = process.env.CDK_VALIDATION;
  beforeAll(() => {
    delete process.env.CDK_VALIDATION;
  });
  afterAll(() => {
    if (validationSetting !== undefined) process.env.CDK_VALIDATION = validationSetting;
  });

  test('pass on the pipeline with SQS-managed encryption, bundles included', () => {
    expect(() => buildApp({}, {}, { full: true }).app.synth()).not.toThrow();
  });

  test('pass on the pipeline with a customer managed KMS key and an alarm email', () => {
    expect(() =>
      buildApp({ queueEncryption: 'KMS', alarmEmail: 'ops@example.com' }).app.synth(),
    ).not.toThrow();
  });

  test.each([
    ['AwsSolutions', () => new AwsSolutionsChecks()],
    ['Serverless', () => new ServerlessChecks()],
  ])('the %s pack reports no finding at all, warnings included', (_name, pack) => {
    for (const props of [{}, { queueEncryption: 'KMS' as const, alarmEmail: 'ops@example.com' }]) {
      const { app } = buildApp(props);
      app.synth();
      expect(pack().validateScope(app).violations).toStrictEqual([]);
    }
  });

  test('run on every synth: a queue without a DLQ or TLS policy fails it', () => {
    const { app, stack } = buildApp();
    new Queue(stack, 'NonCompliantQueue');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3|AwsSolutions-SQS4/);
  });

  test('run on every synth: a function with neither tracing nor a dead-letter target fails the Serverless pack', () => {
    const { app, stack } = buildApp();
    new LambdaFunction(stack, 'NonCompliantFunction', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => {};'),
    });
    expect(() => app.synth()).toThrow(/Serverless-LambdaDLQ/);
  });

  test('acknowledge only the findings whose rule does not fit, each with its reason', () => {
    const { app } = buildApp({ alarmEmail: 'ops@example.com' });
    expect(acknowledgments(app)).toStrictEqual([
      'OrderPipeline/Alarms/AlarmTopic/ops@example.com: Serverless-SNSRedrivePolicy',
      'OrderPipeline/Alarms/AlarmTopic: AwsSolutions-SNS2',
      'OrderPipeline/FailedOrders: AwsSolutions-IAM5[Resource::*]',
      'OrderPipeline/FailedOrders: Serverless-LambdaDLQ',
      'OrderPipeline/FailedOrders: Serverless-LambdaEventSourceMappingDestination',
      'OrderPipeline/GenerateOrders: AwsSolutions-IAM5[Resource::*]',
      'OrderPipeline/ProcessOrders: AwsSolutions-IAM5[Resource::*]',
      'OrderPipeline/ProcessOrders: Serverless-LambdaDLQ',
      'OrderPipeline/ProcessOrders: Serverless-LambdaEventSourceMappingDestination',
      'OrderPipeline/Queues/DeadLetterQueue: Serverless-SQSRedrivePolicy',
      'OrderPipeline/Queues/FailedInvocationsQueue: Serverless-SQSRedrivePolicy',
    ]);
  });
});
