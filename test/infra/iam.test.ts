import { Template } from 'aws-cdk-lib/assertions';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { allPolicyStatements, type PolicyStatementSummary } from './policy-statements';
import { buildApp, logicalIdOf, synthesizeTemplate } from './synthesize';

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** Every statement of the inline policies attached to a function's role. */
function statementsOf(template: Template, functionPrefix: string): Statement[] {
  const fn =
    template.findResources('AWS::Lambda::Function')[
      logicalIdOf(template, 'AWS::Lambda::Function', functionPrefix)
    ];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function resourceIdsOf(statement: Statement): string[] {
  return JSON.stringify(statement.Resource).match(/"(Queues|Tables)[A-Za-z0-9]+"/g) ?? [];
}

describe.each([
  ['SQS-managed', {}],
  ['KMS', { queueEncryption: 'KMS' as const }],
])('least-privilege IAM with %s queue encryption', (_name, props) => {
  const template = synthesizeTemplate(props);
  const ordersQueue = `"${logicalIdOf(template, 'AWS::SQS::Queue', 'QueuesOrdersQueue')}"`;
  const deadLetterQueue = `"${logicalIdOf(template, 'AWS::SQS::Queue', 'QueuesDeadLetterQueue')}"`;
  const failedInvocationsQueue = `"${logicalIdOf(template, 'AWS::SQS::Queue', 'QueuesFailedInvocationsQueue')}"`;
  const ordersTable = `"${logicalIdOf(template, 'AWS::DynamoDB::Table', 'TablesOrdersTable')}"`;
  const rejectedTable = `"${logicalIdOf(template, 'AWS::DynamoDB::Table', 'TablesRejectedOrdersTable')}"`;

  test('no policy statement uses a wildcard action', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
    }
  });

  test('GenerateOrders may only send to the orders queue, and to its failed-invocations queue (which Lambda does with its role)', () => {
    const statements = statementsOf(template, 'GenerateOrders');
    const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    const toOrdersQueue = sqs.filter((s) => resourceIdsOf(s).includes(ordersQueue));
    expect(toOrdersQueue.flatMap(actionsOf).sort()).toStrictEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    const others = sqs.filter((s) => !toOrdersQueue.includes(s));
    expect(others.flatMap(actionsOf)).toStrictEqual(['sqs:SendMessage']);
    expect(others.flatMap(resourceIdsOf)).toStrictEqual([failedInvocationsQueue]);
    expect(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:'))).toStrictEqual([]);
  });

  test('ProcessOrders consumes the orders queue, puts into (and reads) the orders table and sends to the dead-letter queue', () => {
    const statements = statementsOf(template, 'ProcessOrders');
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap(actionsOf).sort()).toStrictEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(dynamo.flatMap(resourceIdsOf)).toStrictEqual([ordersTable]);
    const send = statements.filter((s) => actionsOf(s).includes('sqs:SendMessage'));
    expect(send.flatMap(resourceIdsOf)).toStrictEqual([deadLetterQueue]);
    const consume = statements.filter((s) => actionsOf(s).includes('sqs:DeleteMessage'));
    expect(consume.flatMap(resourceIdsOf)).toStrictEqual([ordersQueue]);
  });

  test('FailedOrders consumes the dead-letter queue, puts into the rejected-orders table and only reads the orders table', () => {
    const statements = statementsOf(template, 'FailedOrders');
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.map((s) => [actionsOf(s), resourceIdsOf(s)])).toStrictEqual([
      [['dynamodb:PutItem'], [rejectedTable]],
      [['dynamodb:GetItem'], [ordersTable]],
    ]);
    expect(statements.flatMap(actionsOf)).not.toContain('sqs:SendMessage');
    const consume = statements.filter((s) => actionsOf(s).includes('sqs:DeleteMessage'));
    expect(consume.flatMap(resourceIdsOf)).toStrictEqual([deadLetterQueue]);
  });
});

test('with a KMS key, producers may generate data keys and consumers may decrypt, and nothing more', () => {
  const template = synthesizeTemplate({ queueEncryption: 'KMS' });
  const kmsActions = (prefix: string) =>
    statementsOf(template, prefix)
      .flatMap(actionsOf)
      .filter((a) => a.startsWith('kms:'))
      .sort();
  expect(kmsActions('GenerateOrders')).toStrictEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  expect(kmsActions('ProcessOrders')).toStrictEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  expect(kmsActions('FailedOrders')).toStrictEqual(['kms:Decrypt']);
});

/**
 * Every policy statement of the template, listed in full: a permission added anywhere (an identity
 * policy, a trust policy, a queue, topic, table or key policy) fails this test until it is
 * reviewed and written down here. Allow statements name specific actions on specific resources;
 * the exceptions are spelled out where they appear.
 */
describe('every policy statement in the template, exactly', () => {
  const allow = (policy: string, actions: string[], resources: string[]): PolicyStatementSummary => ({
    policy,
    effect: 'Allow',
    actions,
    resources,
  });
  const assumedByLambda = (role: string): PolicyStatementSummary => ({
    policy: `${role}.AssumeRolePolicyDocument`,
    effect: 'Allow',
    principal: { Service: 'lambda.amazonaws.com' },
    actions: ['sts:AssumeRole'],
    resources: [],
  });
  const denyWithoutTls = (
    policy: string,
    action: string,
    resource: string,
    principal: unknown = { AWS: '*' },
  ): PolicyStatementSummary => ({
    policy,
    effect: 'Deny',
    principal,
    actions: [action],
    resources: [resource],
    condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const SEND = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'];
  const CONSUME = [
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:GetQueueUrl',
    'sqs:ReceiveMessage',
  ];
  const LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
  // X-Ray's tracing actions support no resource-level permissions: `*` is the only resource.
  const XRAY = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

  const resourcePolicies = [
    denyWithoutTls('QueuesDeadLetterQueuePolicy', 'sqs:*', 'QueuesDeadLetterQueue.Arn'),
    denyWithoutTls('QueuesOrdersQueuePolicy', 'sqs:*', 'QueuesOrdersQueue.Arn'),
    denyWithoutTls('QueuesFailedInvocationsQueuePolicy', 'sqs:*', 'QueuesFailedInvocationsQueue.Arn'),
    // In a table's own resource policy `*` is that table: its generated ARN cannot be referenced.
    denyWithoutTls('TablesOrdersTable.ResourcePolicy', 'dynamodb:*', '*'),
    denyWithoutTls('TablesRejectedOrdersTable.ResourcePolicy', 'dynamodb:*', '*'),
  ];
  const topicPolicy = denyWithoutTls('AlarmsAlarmTopicPolicy', 'sns:Publish', 'AlarmsAlarmTopic', '*');

  /** The statements with SQS-managed encryption; with a KMS key, the key policy and key grants too. */
  const expectedStatements = (kms: boolean): PolicyStatementSummary[] => {
    const key = ['QueuesQueueKey.Arn'];
    const ifKms = (...statements: PolicyStatementSummary[]) => (kms ? statements : []);
    return [
      // The CDK's default key policy: the account administers the key, and IAM policies (the
      // grants below) decide who uses it. Without it, nobody could manage or even delete the key.
      ...ifKms({
        policy: 'QueuesQueueKey.KeyPolicy',
        effect: 'Allow',
        principal: { AWS: 'arn:<AWS::Partition>:iam::<AWS::AccountId>:root' },
        actions: ['kms:*'],
        resources: ['*'],
      }),
      ...resourcePolicies,
      assumedByLambda('GenerateOrdersRole'),
      allow('GenerateOrdersRoleDefaultPolicy', LOGS, ['GenerateOrdersLogGroup.Arn']),
      allow('GenerateOrdersRoleDefaultPolicy', SEND, ['QueuesOrdersQueue.Arn']),
      ...ifKms(allow('GenerateOrdersRoleDefaultPolicy', ['kms:Decrypt', 'kms:GenerateDataKey'], key)),
      // What the function adds itself (its Lambda dead-letter target, tracing), in policies of its
      // own: cdk.json's @aws-cdk/aws-lambda:createNewPoliciesWithAddToRolePolicy.
      allow(
        'GenerateOrdersinlinePolicyAddedToExecutionRole0',
        ['sqs:SendMessage'],
        ['QueuesFailedInvocationsQueue.Arn'],
      ),
      allow('GenerateOrdersinlinePolicyAddedToExecutionRole1', XRAY, ['*']),
      assumedByLambda('ProcessOrdersRole'),
      allow('ProcessOrdersRoleDefaultPolicy', LOGS, ['ProcessOrdersLogGroup.Arn']),
      allow(
        'ProcessOrdersRoleDefaultPolicy',
        ['dynamodb:GetItem', 'dynamodb:PutItem'],
        ['TablesOrdersTable.Arn'],
      ),
      allow('ProcessOrdersRoleDefaultPolicy', SEND, ['QueuesDeadLetterQueue.Arn']),
      // The key grants for sending to the DLQ and for consuming the orders queue, merged into one
      // statement by cdk.json's @aws-cdk/aws-iam:minimizePolicies.
      ...ifKms(allow('ProcessOrdersRoleDefaultPolicy', ['kms:Decrypt', 'kms:GenerateDataKey'], key)),
      allow('ProcessOrdersRoleDefaultPolicy', CONSUME, ['QueuesOrdersQueue.Arn']),
      allow('ProcessOrdersinlinePolicyAddedToExecutionRole0', XRAY, ['*']),
      assumedByLambda('FailedOrdersRole'),
      allow('FailedOrdersRoleDefaultPolicy', LOGS, ['FailedOrdersLogGroup.Arn']),
      allow('FailedOrdersRoleDefaultPolicy', ['dynamodb:PutItem'], ['TablesRejectedOrdersTable.Arn']),
      // Whether a message SQS dead-lettered holds an order that was stored after all.
      allow('FailedOrdersRoleDefaultPolicy', ['dynamodb:GetItem'], ['TablesOrdersTable.Arn']),
      allow('FailedOrdersRoleDefaultPolicy', CONSUME, ['QueuesDeadLetterQueue.Arn']),
      ...ifKms(allow('FailedOrdersRoleDefaultPolicy', ['kms:Decrypt'], key)),
      allow('FailedOrdersinlinePolicyAddedToExecutionRole0', XRAY, ['*']),
      topicPolicy,
    ];
  };

  test('with SQS-managed queue encryption', () => {
    expect(allPolicyStatements(synthesizeTemplate())).toStrictEqual(expectedStatements(false));
  });

  test('with a customer managed KMS key: the key policy and the key grants come in addition', () => {
    expect(allPolicyStatements(synthesizeTemplate({ queueEncryption: 'KMS' }))).toStrictEqual(
      expectedStatements(true),
    );
  });

  test('the listing finds a statement added anywhere, here an inline policy on a new role', () => {
    const { stack } = buildApp();
    new Role(stack, 'ExtraRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        Extra: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['sqs:PurgeQueue'],
              resources: [stack.queues.ordersQueue.queueArn],
            }),
          ],
        }),
      },
    });
    expect(allPolicyStatements(Template.fromStack(stack))).toContainEqual({
      policy: 'ExtraRole.Policies',
      effect: 'Allow',
      actions: ['sqs:PurgeQueue'],
      resources: ['QueuesOrdersQueue.Arn'],
    });
  });
});
