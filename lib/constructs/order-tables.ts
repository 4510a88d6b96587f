import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/**
 * Where orders end up: accepted orders keyed by their identity, rejected ones keyed by the id of
 * the message that carried them. Two tables rather than one with a status attribute, because an
 * invalid order may have no usable order id, each function then gets write access to exactly one
 * table, and neither reader has to filter the other's items.
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
      // Orders are business records: `cdk destroy` must not take them with it.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
