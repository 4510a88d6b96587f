import type { Template } from 'aws-cdk-lib/assertions';
import { logicalIdOf, synthesizeTemplate } from './synthesize';

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

  test('GenerateOrders may only send to the orders queue', () => {
    const statements = statementsOf(template, 'GenerateOrders');
    const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(actionsOf).sort()).toStrictEqual([
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    expect(sqs.flatMap(resourceIdsOf)).toStrictEqual([ordersQueue]);
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

  test('FailedOrders consumes the dead-letter queue and puts into the rejected-orders table only', () => {
    const statements = statementsOf(template, 'FailedOrders');
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.flatMap(actionsOf)).toStrictEqual(['dynamodb:PutItem']);
    expect(dynamo.flatMap(resourceIdsOf)).toStrictEqual([rejectedTable]);
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
  expect(kmsActions('ProcessOrders')).toStrictEqual(['kms:Decrypt', 'kms:Decrypt', 'kms:GenerateDataKey']);
  expect(kmsActions('FailedOrders')).toStrictEqual(['kms:Decrypt']);
});
