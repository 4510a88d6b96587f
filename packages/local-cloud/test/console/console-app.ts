import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOneStackAssembly } from '../cloud/fixtures/one-stack-assembly';

export const CONSOLE_APP_STACK = 'ConsoleApp';
/** The source queue's maxReceiveCount: a message failed this often moves to the dead-letter queue. */
// Three: one delivery lost to a slow cold start on a loaded machine does not dead-letter a
// message the tests expect processed.
export const MAX_RECEIVE_COUNT = 3;
export const REJECTION_ERROR = 'customerAddress: is required';

/**
 * The consumer: logs each record as a JSON line (straight to stdout, as Powertools' logger does), lists bodies starting with `fail` as batch item
 * failures, and forwards bodies starting with `reject` to the dead-letter queue with a
 * `RejectionReason` and `RejectionErrors`, as the order pipeline does.
 */
const CONSUMER_SOURCE = `
// Loaded at the first rejection only, so that a cold start stays short.
let sqs;
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const failing = record.body.startsWith('fail');
    process.stdout.write(JSON.stringify({ level: failing ? 'WARN' : 'INFO', message: 'received', body: record.body }) + '\\n');
    if (failing) batchItemFailures.push({ itemIdentifier: record.messageId });
    else if (record.body.startsWith('reject')) {
      const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
      sqs ??= new SQSClient({});
      await sqs.send(new SendMessageCommand({
        QueueUrl: process.env.DLQ_URL,
        MessageBody: record.body,
        MessageAttributes: {
          RejectionReason: { DataType: 'String', StringValue: 'VALIDATION_FAILED' },
          RejectionErrors: { DataType: 'String', StringValue: JSON.stringify([${JSON.stringify(REJECTION_ERROR)}]) },
        },
      }));
    }
  }
  return { batchItemFailures };
};
`;

/**
 * Writes a cloud assembly for the console's tests: `Inbox` (visibility timeout 10 s, redriving to
 * `InboxDlq` after {@link MAX_RECEIVE_COUNT} receives) read by `Consumer` in batches of up to 5
 * with ReportBatchItemFailures, an `Items` table, and an alarm on the dead-letter queue's depth.
 */
export function writeConsoleAppAssembly(directory: string): void {
  const asset = join(directory, 'asset.consumer');
  mkdirSync(asset, { recursive: true });
  writeFileSync(join(asset, 'index.js'), CONSUMER_SOURCE);
  const template = {
    Resources: {
      InboxDlq: { Type: 'AWS::SQS::Queue' },
      Inbox: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          VisibilityTimeout: 10,
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': ['InboxDlq', 'Arn'] },
            maxReceiveCount: MAX_RECEIVE_COUNT,
          },
        },
      },
      Consumer: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: { S3Key: 'consumer.zip' },
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          // Real seconds: room for a cold start and the first SDK call on a machine loaded with other suites.
          Timeout: 30,
          Environment: { Variables: { DLQ_URL: { Ref: 'InboxDlq' } } },
        },
        Metadata: { 'aws:asset:path': 'asset.consumer', 'aws:asset:property': 'Code' },
      },
      ConsumerMapping: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          EventSourceArn: { 'Fn::GetAtt': ['Inbox', 'Arn'] },
          FunctionName: { Ref: 'Consumer' },
          BatchSize: 5,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: 2 },
        },
      },
      Items: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        },
      },
      DeadLettersAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['InboxDlq', 'QueueName'] } }],
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        },
      },
    },
    Outputs: { InboxUrl: { Value: { Ref: 'Inbox' } } },
  };
  writeOneStackAssembly(directory, CONSOLE_APP_STACK, template);
}
