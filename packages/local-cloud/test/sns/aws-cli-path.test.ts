import { describeSnsCliConformance, pathAwsCli } from './aws-cli';

// The pip AWS CLI (botocore) where present: SNS's service model declares the Query protocol alone.
describeSnsCliConformance(pathAwsCli());
