import { rmSync } from 'node:fs';
import { localStackDefinition, supportReport } from '../../src/assembly';
import type { TemplateResource } from '../../src/assembly/template';
import { assetFolder, nodeFunction, supportStack } from './stack-support-factory';
import { TEST_ENVIRONMENT } from './template-factory';

const EVENT_BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/default';

/** An `AWS::Lambda::EventInvokeConfig` for `App`, as CDK's `configureAsyncInvoke` writes it. */
function invokeConfig(properties: Record<string, unknown> = {}): TemplateResource {
  return {
    Type: 'AWS::Lambda::EventInvokeConfig',
    Properties: { FunctionName: { Ref: 'App' }, Qualifier: '$LATEST', ...properties },
  };
}

describe('EventInvokeConfig and DeadLetterConfig of the template', () => {
  let directory: string;

  beforeEach(() => {
    directory = assetFolder();
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  const define = (resources: Record<string, TemplateResource>) =>
    localStackDefinition(supportStack(directory, resources), TEST_ENVIRONMENT);

  test("gives a function its $LATEST's retries, event age, destinations and dead-letter queue", () => {
    const local = define({
      Failures: { Type: 'AWS::SQS::Queue' },
      Successes: { Type: 'AWS::SNS::Topic' },
      Dlq: { Type: 'AWS::SQS::Queue' },
      App: nodeFunction({ DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } }),
      AppInvokeConfig: invokeConfig({
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 120,
        DestinationConfig: {
          OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } },
          OnSuccess: { Destination: { Ref: 'Successes' } },
        },
      }),
    });

    const [app] = local.functions;
    expect(app.deadLetterTargetArn).toBe('arn:aws:sqs:us-east-1:000000000000:App-Dlq');
    expect(app.eventInvokeConfig).toStrictEqual({
      logicalId: 'AppInvokeConfig',
      maximumRetryAttempts: 0,
      maximumEventAgeSeconds: 120,
      onFailure: 'arn:aws:sqs:us-east-1:000000000000:App-Failures',
      onSuccess: 'arn:aws:sns:us-east-1:000000000000:App-Successes',
    });
    expect(local.warnings).toStrictEqual([]);
    expect(supportReport(local).find((row) => row.logicalId === 'AppInvokeConfig')).toStrictEqual({
      logicalId: 'AppInvokeConfig',
      type: 'AWS::Lambda::EventInvokeConfig',
      status: 'emulated',
      reason: "retries, event age and destinations of App's asynchronous invocations",
    });
  });

  test('a setting outside Lambda’s limits is a start warning naming the config and the value, not an error', () => {
    const local = define({
      App: nodeFunction(),
      AppInvokeConfig: invokeConfig({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 30 }),
    });

    expect(local.functions[0].eventInvokeConfig).toStrictEqual({ logicalId: 'AppInvokeConfig' });
    expect(local.warnings.map((warning) => warning.message)).toStrictEqual([
      "EventInvokeConfig AppInvokeConfig of function App: MaximumRetryAttempts must be a whole number between 0 and 2 (given 3); Lambda's default applies locally",
      "EventInvokeConfig AppInvokeConfig of function App: MaximumEventAgeInSeconds must be a whole number between 60 and 21600 (given 30); Lambda's default applies locally",
    ]);
  });

  test('a config for an alias is not applied, and said so at start and in the report', () => {
    const local = define({ App: nodeFunction(), LiveConfig: invokeConfig({ Qualifier: 'live' }) });

    expect(local.functions[0].eventInvokeConfig).toBeUndefined();
    const message =
      'EventInvokeConfig LiveConfig is not applied: its qualifier live is a version or alias, and only $LATEST runs locally';
    expect(local.warnings.map((warning) => warning.message)).toStrictEqual([message]);
    expect(supportReport(local).find((row) => row.logicalId === 'LiveConfig')).toMatchObject({
      status: 'ignored',
      reason: message,
    });
  });

  test('an EventBridge destination and a FIFO dead-letter queue are start warnings', () => {
    const local = define({
      Dlq: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
      App: nodeFunction({ DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } } }),
      AppInvokeConfig: invokeConfig({ DestinationConfig: { OnFailure: { Destination: EVENT_BUS } } }),
    });

    expect(local.warnings.map((warning) => warning.message)).toStrictEqual([
      'function App: its dead-letter queue arn:aws:sqs:us-east-1:000000000000:App-Dlq.fifo is FIFO, which Lambda does not send to: records sent there are reported as lost',
      `function App: its on-failure destination ${EVENT_BUS} is not emulated: records sent there are reported as lost`,
    ]);
  });
});
