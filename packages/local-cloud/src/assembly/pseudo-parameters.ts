import type { LocalEnvironment } from './local-environment';
import { arn } from './local-resource-types';

/** The value of a pseudo parameter (`AWS::Region`, ...) in the local cloud; undefined for any other name. */
export function pseudoParameter(
  name: string,
  environment: LocalEnvironment,
  stackName: string,
): string | undefined {
  switch (name) {
    case 'AWS::Partition':
      return environment.partition;
    case 'AWS::Region':
      return environment.region;
    case 'AWS::AccountId':
      return environment.accountId;
    case 'AWS::URLSuffix':
      return environment.urlSuffix;
    case 'AWS::StackName':
      return stackName;
    case 'AWS::StackId':
      return arn(environment, 'cloudformation', `stack/${stackName}/local`);
    default:
      return undefined;
  }
}
