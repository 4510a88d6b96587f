import type { LocalEnvironment } from './local-environment';
import type { TemplateResource } from './template';

/** What a resource type resolves to locally: its `Ref` value and its `Fn::GetAtt` attributes. */
export interface LocalResourceType {
  /** The property that names the resource in the template, when the template may set one. */
  readonly nameProperty?: string;
  /** Appended to a generated name, such as `.fifo` for a FIFO queue. */
  readonly generatedSuffix?: (resource: TemplateResource) => string;
  readonly ref: (name: string, environment: LocalEnvironment) => string;
  readonly attributes: Record<string, (name: string, environment: LocalEnvironment) => string>;
}

export const arn = (
  environment: LocalEnvironment,
  service: string,
  resource: string,
  global = false,
): string =>
  `arn:${environment.partition}:${service}:${global ? '' : environment.region}:${environment.accountId}:${resource}`;

const queueUrl = (name: string, environment: LocalEnvironment): string =>
  `${environment.sqsEndpoint}/${environment.accountId}/${name}`;

/** A DynamoDB table's name and ARN. */
const DYNAMODB_TABLE: LocalResourceType = {
  nameProperty: 'TableName',
  ref: (name) => name,
  attributes: { Arn: (name, environment) => arn(environment, 'dynamodb', `table/${name}`) },
};

/** The resource types whose `Ref` and `Fn::GetAtt` the local cloud knows. */
export const LOCAL_RESOURCE_TYPES: Record<string, LocalResourceType> = {
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    generatedSuffix: (resource) => (isTrue(resource.Properties?.FifoQueue) ? '.fifo' : ''),
    ref: queueUrl,
    attributes: {
      Arn: (name, environment) => arn(environment, 'sqs', name),
      QueueName: (name) => name,
      QueueUrl: queueUrl,
    },
  },
  'AWS::DynamoDB::Table': DYNAMODB_TABLE,
  // CDK's TableV2: served as one table, so its name and ARN are a table's.
  'AWS::DynamoDB::GlobalTable': DYNAMODB_TABLE,
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'lambda', `function:${name}`) },
  },
  // Every layer is version 1 locally: the template holds one version of each.
  'AWS::Lambda::LayerVersion': {
    nameProperty: 'LayerName',
    ref: (name, environment) => arn(environment, 'lambda', `layer:${name}:1`),
    attributes: { LayerVersionArn: (name, environment) => arn(environment, 'lambda', `layer:${name}:1`) },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'logs', `log-group:${name}:*`) },
  },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: (name) => name,
    attributes: {
      Arn: (name, environment) => arn(environment, 'iam', `role/${name}`, true),
      RoleId: (name) => `AROA${name.slice(0, 17).toUpperCase()}`,
    },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    generatedSuffix: (resource) => (isTrue(resource.Properties?.FifoTopic) ? '.fifo' : ''),
    ref: (name, environment) => arn(environment, 'sns', name),
    attributes: {
      TopicArn: (name, environment) => arn(environment, 'sns', name),
      TopicName: (name) => name,
    },
  },
  'AWS::CloudWatch::Alarm': {
    nameProperty: 'AlarmName',
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'cloudwatch', `alarm:${name}`) },
  },
  'AWS::KMS::Key': {
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'kms', `key/${name}`), KeyId: (name) => name },
  },
  'AWS::Lambda::EventSourceMapping': {
    ref: (name) => name,
    attributes: { Id: (name) => name },
  },
};

/**
 * `Fn::GetAtt` attributes of types the local cloud does not run that echo one of the resource's own
 * properties, by attribute: the property it echoes, resolved as the template gives it.
 */
export const PROPERTY_ATTRIBUTES: Record<string, Record<string, string>> = {
  // CDK's `fn.logGroup` (before its logGroup prop) is this custom resource's LogGroupName, which is
  // the log group it was given: the function's own, which the local cloud keeps.
  'Custom::LogRetention': { LogGroupName: 'LogGroupName' },
};

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
