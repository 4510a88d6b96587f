import { CloudAssemblyError } from './errors';
import type { IntrinsicResolver } from './intrinsic-resolver';
import { type LogicalResource, RESOURCE_TYPES } from './template';
import { resolveSome } from './template-properties';

/** An `AWS::DynamoDB::Table` or `GlobalTable`, with the parts of CreateTable that a local table needs. */
export interface LocalTableDefinition {
  readonly logicalId: string;
  readonly tableName: string;
  readonly keySchema: readonly { readonly AttributeName: string; readonly KeyType: 'HASH' | 'RANGE' }[];
  readonly attributeDefinitions: readonly {
    readonly AttributeName: string;
    readonly AttributeType: 'S' | 'N' | 'B';
  }[];
  /** @default 'PROVISIONED', as in CloudFormation */
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly provisionedThroughput?: {
    readonly ReadCapacityUnits: number;
    readonly WriteCapacityUnits: number;
  };
  readonly globalSecondaryIndexes?: readonly Record<string, unknown>[];
  readonly localSecondaryIndexes?: readonly Record<string, unknown>[];
}

export function tableDefinition(resolver: IntrinsicResolver, table: LogicalResource): LocalTableDefinition {
  const { logicalId } = table;
  const resolved = resolveSome(resolver, table, [
    'KeySchema',
    'AttributeDefinitions',
    'BillingMode',
    'ProvisionedThroughput',
    'GlobalSecondaryIndexes',
    'LocalSecondaryIndexes',
  ]);
  if (!Array.isArray(resolved.KeySchema) || !Array.isArray(resolved.AttributeDefinitions)) {
    throw new CloudAssemblyError(
      `table ${logicalId} needs KeySchema and AttributeDefinitions in the template`,
    );
  }
  // A GlobalTable gives its capacity per replica (WriteProvisionedThroughputSettings), which the
  // local table has no use for: capacity is not emulated, so it is served on demand.
  const global = table.resource.Type === RESOURCE_TYPES.globalTable;
  return {
    logicalId,
    tableName: resolver.physicalName(logicalId),
    keySchema: resolved.KeySchema as LocalTableDefinition['keySchema'],
    attributeDefinitions: resolved.AttributeDefinitions as LocalTableDefinition['attributeDefinitions'],
    billingMode: global
      ? 'PAY_PER_REQUEST'
      : ((resolved.BillingMode as LocalTableDefinition['billingMode'] | undefined) ?? 'PROVISIONED'),
    provisionedThroughput: resolved.ProvisionedThroughput as LocalTableDefinition['provisionedThroughput'],
    globalSecondaryIndexes: resolved.GlobalSecondaryIndexes as LocalTableDefinition['globalSecondaryIndexes'],
    localSecondaryIndexes: resolved.LocalSecondaryIndexes as LocalTableDefinition['localSecondaryIndexes'],
  };
}
