import { describeAwsCliConformance, pathAwsCli } from './aws-cli';

// Any other AWS CLI on PATH (for example a pip-installed v1, which speaks AWS JSON 1.0 to SQS).
describeAwsCliConformance(pathAwsCli());
