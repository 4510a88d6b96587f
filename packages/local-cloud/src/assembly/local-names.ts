import { createHash } from 'node:crypto';

/** The longest names AWS allows, by resource type. */
const MAXIMUM_NAME_LENGTH: Record<string, number> = {
  'AWS::SQS::Queue': 80,
  'AWS::DynamoDB::Table': 255,
  'AWS::DynamoDB::GlobalTable': 255,
  'AWS::Lambda::Function': 64,
  'AWS::Logs::LogGroup': 512,
  'AWS::IAM::Role': 64,
  'AWS::SNS::Topic': 256,
};

/**
 * The name the local cloud gives a resource whose template sets none: `<stack>-<logicalId>`, as
 * CloudFormation would without its random suffix, so the same template always yields the same names.
 * A name over the type's limit is cut and ends with a hash of the whole, to stay unique.
 *
 * @example
 * generatedName('OrderPipeline', 'QueuesOrdersQueue1A584920', 'AWS::SQS::Queue');
 * // 'OrderPipeline-QueuesOrdersQueue1A584920'
 */
export function generatedName(stackName: string, logicalId: string, type: string, suffix = ''): string {
  const name = `${stackName}-${logicalId}`;
  const maximum = (MAXIMUM_NAME_LENGTH[type] ?? 255) - suffix.length;
  if (name.length <= maximum) return `${name}${suffix}`;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, maximum - hash.length - 1)}-${hash}${suffix}`;
}
