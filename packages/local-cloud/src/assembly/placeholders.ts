import { createHash } from 'node:crypto';
import type { LocalEnvironment } from './local-environment';

/** What a placeholder is made from: the resource, its local name and where the cloud pretends to be. */
export interface PlaceholderSubject {
  readonly type: string;
  readonly logicalId: string;
  readonly stackName: string;
  /** The name the template sets, or `<stack>-<logicalId>`. */
  readonly name: string;
  readonly environment: LocalEnvironment;
}

type PlaceholderValue = (subject: PlaceholderSubject) => string;

/** How CloudFormation answers `Ref` and `Fn::GetAtt` for a type the local cloud does not emulate. */
interface PlaceholderType {
  /** The property that names the resource, such as `BucketName`. */
  readonly nameProperty?: string;
  readonly ref: PlaceholderValue;
  readonly attributes?: Record<string, PlaceholderValue>;
}

/** Service names in ARNs and hosts that are not the type's namespace in lower case. */
const SERVICES: Record<string, string> = {
  ApiGateway: 'apigateway',
  ApiGatewayV2: 'apigateway',
  StepFunctions: 'states',
  Cognito: 'cognito-idp',
  ElasticLoadBalancingV2: 'elasticloadbalancing',
  CertificateManager: 'acm',
  CloudFormation: 'cloudformation',
};

/** `AWS::S3::Bucket` -> `s3`; custom resources belong to CloudFormation. */
export function serviceOf(type: string): string {
  const namespace = type.startsWith('Custom::') ? 'CloudFormation' : (type.split('::')[1] ?? type);
  return SERVICES[namespace] ?? namespace.toLowerCase();
}

/** `AWS::Events::EventBus` -> `event-bus`, the resource part of most ARNs. */
function resourceKind(type: string): string {
  const last = type.split('::').at(-1) ?? type;
  return last.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** A stable id from the resource, so the same template always gives the same placeholders. */
function digest(subject: PlaceholderSubject): string {
  return createHash('sha256').update(`${subject.stackName}/${subject.logicalId}`).digest('hex');
}

/** A lower-case alphanumeric id of `length`, as API Gateway's and Lambda URLs' ids look. */
const idOf =
  (length: number, prefix = ''): PlaceholderValue =>
  (subject) =>
    `${prefix}${digest(subject).slice(0, length)}`;

const arnOf =
  (
    resource: (subject: PlaceholderSubject) => string,
    scope: 'regional' | 'global' | 'partition' = 'regional',
  ) =>
  (subject: PlaceholderSubject): string => {
    const { partition, region, accountId } = subject.environment;
    const where =
      scope === 'regional' ? `${region}:${accountId}` : scope === 'global' ? `:${accountId}` : ':';
    return `arn:${partition}:${serviceOf(subject.type)}:${where}:${resource(subject)}`;
  };

const kindArn = arnOf((subject) => `${resourceKind(subject.type)}/${subject.name}`);
const name: PlaceholderValue = (subject) => subject.name;
const host =
  (service: string, suffix?: string): PlaceholderValue =>
  (subject) =>
    `${idOf(10)(subject)}.${service}.${subject.environment.region}.${suffix ?? subject.environment.urlSuffix}`;
const bucketName: PlaceholderValue = (subject) =>
  subject.name
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .slice(0, 63);

/** The types of CDK's sample apps, as CloudFormation documents their `Ref` and attributes. */
const PLACEHOLDER_TYPES: Record<string, PlaceholderType> = {
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    ref: bucketName,
    attributes: {
      Arn: arnOf(bucketName, 'partition'),
      DomainName: (subject) => `${bucketName(subject)}.s3.${subject.environment.urlSuffix}`,
      RegionalDomainName: (subject) =>
        `${bucketName(subject)}.s3.${subject.environment.region}.${subject.environment.urlSuffix}`,
      WebsiteURL: (subject) =>
        `http://${bucketName(subject)}.s3-website-${subject.environment.region}.${subject.environment.urlSuffix}`,
    },
  },
  'AWS::ApiGateway::RestApi': { ref: idOf(10), attributes: { RootResourceId: idOf(10) } },
  'AWS::ApiGateway::Stage': { nameProperty: 'StageName', ref: name },
  'AWS::ApiGateway::Resource': { ref: idOf(6), attributes: { ResourceId: idOf(6) } },
  'AWS::ApiGatewayV2::Api': {
    ref: idOf(10),
    attributes: {
      ApiId: idOf(10),
      ApiEndpoint: (subject) => `https://${host('execute-api')(subject)}`,
    },
  },
  'AWS::ApiGatewayV2::Stage': { nameProperty: 'StageName', ref: name },
  'AWS::Lambda::Url': {
    ref: arnOf((subject) => `function:${subject.name}`),
    attributes: {
      FunctionUrl: (subject) =>
        `https://${idOf(32)(subject)}.lambda-url.${subject.environment.region}.on.aws/`,
      FunctionArn: arnOf((subject) => `function:${subject.name}`),
    },
  },
  'AWS::Lambda::Version': { ref: arnOf((subject) => `function:${subject.name}:1`) },
  'AWS::Lambda::LayerVersion': { ref: arnOf((subject) => `layer:${subject.name}:1`) },
  'AWS::SSM::Parameter': { nameProperty: 'Name', ref: name, attributes: { Type: () => 'String' } },
  'AWS::SecretsManager::Secret': {
    nameProperty: 'Name',
    ref: arnOf((subject) => `secret:${subject.name}-${idOf(6)(subject)}`),
  },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    ref: arnOf((subject) => `stateMachine:${subject.name}`),
    attributes: { Name: name },
  },
  'AWS::Events::Rule': { nameProperty: 'Name', ref: name },
  'AWS::Events::EventBus': { nameProperty: 'Name', ref: name },
  'AWS::Kinesis::Stream': { nameProperty: 'Name', ref: name },
  'AWS::ECR::Repository': {
    nameProperty: 'RepositoryName',
    ref: (subject) => subject.name.toLowerCase(),
    attributes: {
      RepositoryUri: (subject) =>
        `${subject.environment.accountId}.dkr.ecr.${subject.environment.region}.${subject.environment.urlSuffix}/${subject.name.toLowerCase()}`,
    },
  },
  'AWS::CloudFront::Distribution': {
    ref: (subject) => `E${digest(subject).slice(0, 13).toUpperCase()}`,
    attributes: { DomainName: (subject) => `d${idOf(13)(subject)}.cloudfront.net` },
  },
  'AWS::Cognito::UserPool': {
    ref: (subject) => `${subject.environment.region}_${digest(subject).slice(0, 9)}`,
    attributes: {
      ProviderName: (subject) =>
        `cognito-idp.${subject.environment.region}.amazonaws.com/${subject.environment.region}_${digest(subject).slice(0, 9)}`,
      ProviderURL: (subject) =>
        `https://cognito-idp.${subject.environment.region}.amazonaws.com/${subject.environment.region}_${digest(subject).slice(0, 9)}`,
    },
  },
  'AWS::Cognito::UserPoolClient': { ref: idOf(26) },
  'AWS::EC2::VPC': { ref: idOf(17, 'vpc-') },
  'AWS::EC2::Subnet': { ref: idOf(17, 'subnet-') },
  'AWS::EC2::SecurityGroup': { ref: idOf(17, 'sg-'), attributes: { GroupId: idOf(17, 'sg-') } },
  'AWS::IAM::ManagedPolicy': { ref: arnOf((subject) => `policy/${subject.name}`, 'global') },
  'AWS::AppSync::GraphQLApi': {
    ref: kindArn,
    attributes: {
      ApiId: idOf(26),
      GraphQLUrl: (subject) => `https://${host('appsync-api')(subject)}/graphql`,
    },
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    ref: arnOf((subject) => `loadbalancer/app/${subject.name.slice(0, 32)}/${idOf(16)(subject)}`),
    attributes: {
      DNSName: (subject) => `${subject.name.slice(0, 32)}-1.${subject.environment.region}.elb.amazonaws.com`,
    },
  },
  'AWS::DynamoDB::Table': {
    ref: name,
    attributes: {
      StreamArn: arnOf((subject) => `table/${subject.name}/stream/1970-01-01T00:00:00.000`),
    },
  },
};

/** The property that names a resource of this type, when the placeholder should use the template's name. */
export function placeholderNameProperty(type: string): string | undefined {
  return PLACEHOLDER_TYPES[type]?.nameProperty;
}

/** A value of `Ref` for a resource the local cloud does not emulate: a name, an id or an ARN, as on AWS. */
export function placeholderRef(subject: PlaceholderSubject): string {
  return (PLACEHOLDER_TYPES[subject.type]?.ref ?? name)(subject);
}

/**
 * A value of `Fn::GetAtt` for an attribute the local cloud does not emulate: the type's documented
 * shape when it is known, otherwise one read off the attribute's name (`...Arn` an ARN, `...Url` or
 * `...Endpoint` a URL, `...DomainName` a host name, `...Id` an id, anything else a name).
 */
export function placeholderAttribute(subject: PlaceholderSubject, attribute: string): string {
  const known = PLACEHOLDER_TYPES[subject.type]?.attributes?.[attribute];
  if (known !== undefined) return known(subject);
  const last = attribute.split('.').at(-1) ?? attribute;
  if (/Arn$/i.test(last)) return kindArn(subject);
  if (/(Url|Uri|Endpoint)$/i.test(last)) return `https://${host(serviceOf(subject.type))(subject)}/`;
  if (/(DomainName|DnsName)$/i.test(last)) return host(serviceOf(subject.type))(subject);
  if (/Id$/.test(last)) return idOf(17)(subject);
  return `${subject.name}-${last}`;
}
