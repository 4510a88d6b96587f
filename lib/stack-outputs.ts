/**
 * The stack's outputs, by name: what `cdk deploy` prints, what the README's walkthrough reads with
 * `aws cloudformation describe-stacks`, and how the local cloud finds the pipeline's resources.
 */
export const STACK_OUTPUT_NAMES = [
  'OrdersQueueUrl',
  'DeadLetterQueueUrl',
  'GenerateOrdersFunctionName',
  'ProcessOrdersFunctionName',
  'FailedOrdersFunctionName',
  'GenerateOrdersLogGroupName',
  'ProcessOrdersLogGroupName',
  'FailedOrdersLogGroupName',
  'OrdersTableName',
  'RejectedOrdersTableName',
  'DeadLetteredOrdersAlarmName',
  'AlarmTopicArn',
] as const;

export type StackOutputName = (typeof STACK_OUTPUT_NAMES)[number];
