/** Where the local cloud pretends to be: the values of the pseudo parameters and the service endpoints. */
export interface LocalEnvironment {
  /** AWS::AccountId, in every ARN and queue URL. @default '000000000000' */
  readonly accountId: string;
  /** AWS::Region, in every ARN and in the functions' AWS_REGION. @default 'us-east-1' */
  readonly region: string;
  /** AWS::Partition. @default 'aws' */
  readonly partition: string;
  /** AWS::URLSuffix. @default 'amazonaws.com' */
  readonly urlSuffix: string;
  /** The local SQS endpoint, such as `http://127.0.0.1:9324`: queue URLs start with it. */
  readonly sqsEndpoint: string;
  /** The local DynamoDB endpoint, such as `http://127.0.0.1:8000`. */
  readonly dynamodbEndpoint: string;
  /**
   * The one address of every service, when a gateway serves them all on one port (Lambda,
   * CloudWatch Logs, CloudWatch and CloudFormation are only reachable there).
   * @default - no gateway: only the SQS and DynamoDB endpoints exist
   */
  readonly publicEndpoint?: string;
}

export const LOCAL_ENVIRONMENT_DEFAULTS = {
  accountId: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
  urlSuffix: 'amazonaws.com',
} as const;

/** A full {@link LocalEnvironment} from the endpoints and any overrides, defaults applied. */
export function localEnvironment(
  settings: Pick<LocalEnvironment, 'sqsEndpoint' | 'dynamodbEndpoint'> & Partial<LocalEnvironment>,
): LocalEnvironment {
  return {
    ...LOCAL_ENVIRONMENT_DEFAULTS,
    ...settings,
    sqsEndpoint: settings.sqsEndpoint.replace(/\/+$/, ''),
    dynamodbEndpoint: settings.dynamodbEndpoint.replace(/\/+$/, ''),
    // Left out rather than undefined, so an environment without a gateway compares equal to one made before.
    ...(settings.publicEndpoint === undefined
      ? {}
      : { publicEndpoint: settings.publicEndpoint.replace(/\/+$/, '') }),
  };
}

/**
 * The services the gateway serves, by the suffix the AWS SDK v3 reads them under: it looks for
 * `AWS_ENDPOINT_URL_<service id, upper case, spaces as underscores>` (`CloudWatch Logs` is
 * `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`), then `AWS_ENDPOINT_URL`.
 */
export const GATEWAY_SERVICES = ['LAMBDA', 'CLOUDWATCH_LOGS', 'CLOUDWATCH', 'CLOUDFORMATION', 'SNS'] as const;

/**
 * The endpoint variables that point the AWS SDK v3 (and the AWS CLI) at the local services: one per
 * emulated service, plus `AWS_ENDPOINT_URL` for everything else when a gateway serves it all.
 * Without a gateway only SQS and DynamoDB have an endpoint, and only they are set. DynamoDB is
 * always called directly: the gateway would only proxy its requests, one hop more per call.
 *
 * @example
 * serviceEndpointVariables(localEnvironment({ sqsEndpoint, dynamodbEndpoint, publicEndpoint: 'http://127.0.0.1:4566' }));
 * // { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_ENDPOINT_URL_SQS: ..., AWS_ENDPOINT_URL_LAMBDA: 'http://127.0.0.1:4566', ... }
 */
export function serviceEndpointVariables(environment: LocalEnvironment): Record<string, string> {
  const variables: Record<string, string> = {
    AWS_ENDPOINT_URL_SQS: environment.sqsEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: environment.dynamodbEndpoint,
  };
  const gateway = environment.publicEndpoint;
  if (gateway === undefined) return variables;
  variables.AWS_ENDPOINT_URL = gateway;
  for (const service of GATEWAY_SERVICES) variables[`AWS_ENDPOINT_URL_${service}`] = gateway;
  return variables;
}

/** Credentials the local services accept and never check; the SDK needs some to sign requests. */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'LOCALCLOUDACCESSKEY',
  AWS_SECRET_ACCESS_KEY: 'local-cloud-secret-access-key',
  AWS_SESSION_TOKEN: 'local-cloud-session-token',
} as const;
