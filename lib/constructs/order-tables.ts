import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * Where orders end up: accepted orders keyed by their identity, rejected ones keyed by the id of
 * the message that carried them. Two tables rather than one with a status attribute, because an
 * invalid order may have no usable order id, each function then gets write access to exactly one
 * table, and neither reader has to filter the other's items.
 *
 * Both are encrypted at rest with the AWS managed key (`aws/dynamodb`), whatever the queues use:
 * every use of it is in CloudTrail, and it needs no key policy nor key grants next to each table
 * grant. Both refuse requests that do not use TLS, through a resource policy.
 */
export class OrderTables extends Construct {
  /** Accepted orders, partition key `orderId`. */
  public readonly ordersTable: Table;
  /** Rejected orders with their reasons, partition key `messageId`. */
  public readonly rejectedOrdersTable: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.ordersTable = this.createTable('OrdersTable', 'orderId');
    this.rejectedOrdersTable = this.createTable('RejectedOrdersTable', 'messageId');
  }

  private createTable(id: string, partitionKey: string): Table {
    return new Table(this, id, {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      resourcePolicy: denyInsecureTransport(),
      // Orders are business records: `cdk destroy` must not take them with it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

/**
 * What `enforceSSL` does for a queue, for a table: deny every action to everyone over plain HTTP.
 * The resource is `*` because a table's own policy cannot reference the table's generated ARN (a
 * circular dependency); in a resource policy, `*` means the table the policy is attached to.
 */
function denyInsecureTransport(): PolicyDocument {
  return new PolicyDocument({
    statements: [
      new PolicyStatement({
        sid: 'DenyInsecureTransport',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['dynamodb:*'],
        resources: ['*'],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ],
  });
}
