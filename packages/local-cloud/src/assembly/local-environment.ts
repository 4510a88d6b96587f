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
  };
}

/** Credentials the local services accept and never check; the SDK needs some to sign requests. */
export const LOCAL_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'LOCALCLOUDACCESSKEY',
  AWS_SECRET_ACCESS_KEY: 'local-cloud-secret-access-key',
  AWS_SESSION_TOKEN: 'local-cloud-session-token',
} as const;
