import { Duration } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { logicalIdOf, synthesizeTemplate } from './synthesize';

const QUEUE = 'AWS::SQS::Queue';
const FUNCTION = 'AWS::Lambda::Function';
const MAPPING = 'AWS::Lambda::EventSourceMapping';

function queueArn(template: Template, prefix: string) {
  return { 'Fn::GetAtt': [logicalIdOf(template, QUEUE, prefix), 'Arn'] };
}

function functionRef(template: Template, prefix: string) {
  return { Ref: logicalIdOf(template, FUNCTION, prefix) };
}

const ALL_QUEUES = ['QueuesOrdersQueue', 'QueuesDeadLetterQueue', 'QueuesFailedInvocationsQueue'];

describe('the orders queue, its dead-letter queue and the failed-invocations queue', () => {
  const template = synthesizeTemplate();

  test('the orders queue dead-letters after 5 receives by default', () => {
    template.hasResourceProperties(QUEUE, {
      RedrivePolicy: { deadLetterTargetArn: queueArn(template, 'QueuesDeadLetterQueue'), maxReceiveCount: 5 },
    });
  });

  test('all three queues are encrypted with SQS-managed keys by default', () => {
    const queues = template.findResources(QUEUE);
    expect(Object.keys(queues)).toHaveLength(3);
    for (const queue of Object.values(queues)) {
      expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      expect(queue.Properties.KmsMasterKeyId).toBeUndefined();
    }
  });

  test('all three queues deny any request not sent over TLS', () => {
    for (const prefix of ALL_QUEUES) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: logicalIdOf(template, QUEUE, prefix) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  test('the orders queue keeps messages 4 days and the two dead-letter queues 14 days', () => {
    const queues = template.findResources(QUEUE);
    const retention = (prefix: string) =>
      queues[logicalIdOf(template, QUEUE, prefix)].Properties.MessageRetentionPeriod;
    expect(retention('QueuesOrdersQueue')).toBe(4 * 24 * 3600);
    expect(retention('QueuesDeadLetterQueue')).toBe(14 * 24 * 3600);
    expect(retention('QueuesFailedInvocationsQueue')).toBe(14 * 24 * 3600);
  });

  test("each queue's visibility timeout is 6 × its consumer's timeout + batching window", () => {
    const functions = template.findResources(FUNCTION);
    const mappings = Object.values(template.findResources(MAPPING));
    const queues = template.findResources(QUEUE);
    for (const [queuePrefix, functionPrefix] of [
      ['QueuesOrdersQueue', 'ProcessOrders'],
      ['QueuesDeadLetterQueue', 'FailedOrders'],
    ]) {
      const queueId = logicalIdOf(template, QUEUE, queuePrefix);
      const functionId = logicalIdOf(template, FUNCTION, functionPrefix);
      const mapping = mappings.find((m) => m.Properties.FunctionName.Ref === functionId);
      const window = mapping?.Properties.MaximumBatchingWindowInSeconds ?? 0;
      const timeout = functions[functionId].Properties.Timeout;
      expect(queues[queueId].Properties.VisibilityTimeout).toBe(6 * timeout + window);
    }
  });

  test('the orders queue visibility timeout follows a longer ProcessOrders timeout', () => {
    const longer = synthesizeTemplate({
      processOrdersTimeout: Duration.seconds(20),
      maxBatchingWindow: Duration.seconds(7),
    });
    longer.hasResourceProperties(QUEUE, { VisibilityTimeout: 6 * 20 + 7, RedrivePolicy: Match.anyValue() });
    longer.hasResourceProperties(FUNCTION, {
      Timeout: 20,
      Environment: { Variables: Match.objectLike({ ORDERS_TABLE_NAME: Match.anyValue() }) },
    });
  });

  test('maxReceiveCount comes from the stack prop, and from `cdk -c` context when no prop is given', () => {
    synthesizeTemplate({ maxReceiveCount: 7 }).hasResourceProperties(QUEUE, {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 7 }),
    });
    synthesizeTemplate({}, { maxReceiveCount: '8' }).hasResourceProperties(QUEUE, {
      RedrivePolicy: Match.objectLike({ maxReceiveCount: 8 }),
    });
  });

  test('a customer managed KMS key with rotation encrypts all three queues when asked for', () => {
    const kms = synthesizeTemplate({ queueEncryption: 'KMS' });
    kms.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const keyArn = { 'Fn::GetAtt': [logicalIdOf(kms, 'AWS::KMS::Key', 'QueuesQueueKey'), 'Arn'] };
    const queues = Object.values(kms.findResources(QUEUE));
    expect(queues).toHaveLength(3);
    for (const queue of queues) {
      expect(queue.Properties.KmsMasterKeyId).toStrictEqual(keyArn);
      expect(queue.Properties.SqsManagedSseEnabled).toBeUndefined();
    }
  });
});

describe('the event source mappings', () => {
  const template = synthesizeTemplate();

  test('ProcessOrders polls the orders queue with the default batch size, window and concurrency', () => {
    template.hasResourceProperties(MAPPING, {
      EventSourceArn: queueArn(template, 'QueuesOrdersQueue'),
      FunctionName: functionRef(template, 'ProcessOrders'),
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('FailedOrders polls the dead-letter queue and reports partial batch failures', () => {
    template.hasResourceProperties(MAPPING, {
      EventSourceArn: queueArn(template, 'QueuesDeadLetterQueue'),
      FunctionName: functionRef(template, 'FailedOrders'),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('batch size, window and concurrency follow the stack props', () => {
    synthesizeTemplate({
      batchSize: 50,
      maxBatchingWindow: Duration.seconds(2),
      maxConcurrency: 5,
    }).hasResourceProperties(MAPPING, {
      BatchSize: 50,
      MaximumBatchingWindowInSeconds: 2,
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  test('batch size and concurrency follow `cdk -c` context', () => {
    synthesizeTemplate(
      {},
      { batchSize: '4', maxConcurrency: '3', maxBatchingWindowSeconds: '1' },
    ).hasResourceProperties(MAPPING, {
      BatchSize: 4,
      MaximumBatchingWindowInSeconds: 1,
      ScalingConfig: { MaximumConcurrency: 3 },
    });
  });
});

describe('the functions', () => {
  const template = synthesizeTemplate();

  test.each(['GenerateOrders', 'ProcessOrders', 'FailedOrders'])(
    '%s runs Node.js 24 on ARM64 with explicit memory, timeout and a log group kept 30 days',
    (prefix) => {
      const fn = template.findResources(FUNCTION)[logicalIdOf(template, FUNCTION, prefix)].Properties;
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures).toStrictEqual(['arm64']);
      expect(fn.MemorySize).toBe(256);
      expect(fn.Timeout).toBeGreaterThan(0);
      const logGroupId = logicalIdOf(template, 'AWS::Logs::LogGroup', `${prefix}LogGroup`);
      expect(fn.LoggingConfig).toStrictEqual({ LogGroup: { Ref: logGroupId } });
      template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 30 } });
    },
  );

  test.each(['GenerateOrders', 'ProcessOrders', 'FailedOrders'])(
    '%s traces actively with X-Ray',
    (prefix) => {
      const fn = template.findResources(FUNCTION)[logicalIdOf(template, FUNCTION, prefix)].Properties;
      expect(fn.TracingConfig).toStrictEqual({ Mode: 'Active' });
    },
  );

  test("GenerateOrders' failed asynchronous invocations go to the failed-invocations queue; the queue-driven functions have no Lambda dead-letter target", () => {
    const functions = template.findResources(FUNCTION);
    const deadLetterConfig = (prefix: string) =>
      functions[logicalIdOf(template, FUNCTION, prefix)].Properties.DeadLetterConfig;
    expect(deadLetterConfig('GenerateOrders')).toStrictEqual({
      TargetArn: queueArn(template, 'QueuesFailedInvocationsQueue'),
    });
    expect(deadLetterConfig('ProcessOrders')).toBeUndefined();
    expect(deadLetterConfig('FailedOrders')).toBeUndefined();
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
  });

  test('each function gets the names of the resources it uses, and its Powertools service name', () => {
    const env = (prefix: string) =>
      template.findResources(FUNCTION)[logicalIdOf(template, FUNCTION, prefix)].Properties.Environment
        .Variables;
    expect(env('GenerateOrders')).toMatchObject({
      ORDERS_QUEUE_URL: { Ref: logicalIdOf(template, QUEUE, 'QueuesOrdersQueue') },
      POWERTOOLS_SERVICE_NAME: 'generate-orders',
    });
    expect(env('ProcessOrders')).toMatchObject({
      ORDERS_TABLE_NAME: { Ref: logicalIdOf(template, 'AWS::DynamoDB::Table', 'TablesOrdersTable') },
      DEAD_LETTER_QUEUE_URL: { Ref: logicalIdOf(template, QUEUE, 'QueuesDeadLetterQueue') },
      POWERTOOLS_SERVICE_NAME: 'process-orders',
    });
    expect(env('FailedOrders')).toMatchObject({
      REJECTED_ORDERS_TABLE_NAME: {
        Ref: logicalIdOf(template, 'AWS::DynamoDB::Table', 'TablesRejectedOrdersTable'),
      },
      ORDERS_TABLE_NAME: { Ref: logicalIdOf(template, 'AWS::DynamoDB::Table', 'TablesOrdersTable') },
      POWERTOOLS_SERVICE_NAME: 'failed-orders',
      POWERTOOLS_METRICS_NAMESPACE: 'OrderPipeline',
    });
  });
});

describe('the tables', () => {
  const template = synthesizeTemplate();

  test.each([
    ['TablesOrdersTable', 'orderId'],
    ['TablesRejectedOrdersTable', 'messageId'],
  ])(
    '%s is on-demand, with point-in-time recovery, keyed by %s, and kept on stack deletion',
    (prefix, key) => {
      const table =
        template.findResources('AWS::DynamoDB::Table')[logicalIdOf(template, 'AWS::DynamoDB::Table', prefix)];
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        KeySchema: [{ AttributeName: key, KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: key, AttributeType: 'S' }],
      });
    },
  );

  test.each(['TablesOrdersTable', 'TablesRejectedOrdersTable'])(
    '%s is encrypted at rest with the AWS managed key, with either queue encryption',
    (prefix) => {
      for (const props of [{}, { queueEncryption: 'KMS' as const }]) {
        const encrypted = synthesizeTemplate(props);
        const table =
          encrypted.findResources('AWS::DynamoDB::Table')[
            logicalIdOf(encrypted, 'AWS::DynamoDB::Table', prefix)
          ];
        expect(table.Properties.SSESpecification).toStrictEqual({ SSEEnabled: true });
      }
    },
  );

  test.each(['TablesOrdersTable', 'TablesRejectedOrdersTable'])(
    '%s denies every request not sent over TLS, by a resource policy with that one statement',
    (prefix) => {
      const table =
        template.findResources('AWS::DynamoDB::Table')[logicalIdOf(template, 'AWS::DynamoDB::Table', prefix)];
      expect(table.Properties.ResourcePolicy).toStrictEqual({
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 'dynamodb:*',
              Resource: '*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        },
      });
    },
  );
});

describe('the alarms', () => {
  const template = synthesizeTemplate();

  test('an alarm fires on any order that FailedOrders records as dead-lettered', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'OrderPipeline',
      MetricName: 'DeadLetteredOrders',
      Dimensions: [{ Name: 'service', Value: 'failed-orders' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  test('an alarm fires when dead-lettered messages wait unrecorded for 15 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalIdOf(template, QUEUE, 'QueuesDeadLetterQueue'), 'QueueName'] },
        },
      ],
      Threshold: 900,
    });
  });

  test('an alarm fires when any failed GenerateOrders invocation waits on the failed-invocations queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [logicalIdOf(template, QUEUE, 'QueuesFailedInvocationsQueue'), 'QueueName'],
          },
        },
      ],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});

describe('the alarm topic', () => {
  test('all three alarms notify a TLS-only topic', () => {
    const template = synthesizeTemplate();
    const topic = { Ref: logicalIdOf(template, 'AWS::SNS::Topic', 'AlarmsAlarmTopic') };
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toStrictEqual([topic]);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [topic],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  test('emails the address given as alarmEmail, by prop or by `cdk -c`', () => {
    for (const template of [
      synthesizeTemplate({ alarmEmail: 'ops@example.com' }),
      synthesizeTemplate({}, { alarmEmail: 'ops@example.com' }),
    ]) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'ops@example.com',
        TopicArn: { Ref: logicalIdOf(template, 'AWS::SNS::Topic', 'AlarmsAlarmTopic') },
      });
    }
  });
});

describe('the outputs', () => {
  test('name the queue URLs, the functions, their log groups and the tables', () => {
    const outputs = Object.keys(synthesizeTemplate().findOutputs('*'));
    expect(outputs.sort()).toStrictEqual(
      [
        'DeadLetterQueueUrl',
        'AlarmTopicArn',
        'DeadLetteredOrdersAlarmName',
        'FailedOrdersFunctionName',
        'FailedOrdersLogGroupName',
        'GenerateOrdersFunctionName',
        'GenerateOrdersLogGroupName',
        'ProcessOrdersLogGroupName',
        'OrdersQueueUrl',
        'OrdersTableName',
        'ProcessOrdersFunctionName',
        'RejectedOrdersTableName',
      ].sort(),
    );
  });
});
