import { debianAwsCli, describeAwsCliConformance } from './aws-cli';

// Debian's awscli speaks the Query protocol to SQS.
describeAwsCliConformance(debianAwsCli());
