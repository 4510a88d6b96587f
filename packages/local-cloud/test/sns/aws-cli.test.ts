import { debianAwsCli, describeSnsCliConformance, pathAwsCli } from './aws-cli';

// SNS speaks the Query protocol alone, and every AWS CLI serializes it with botocore's one Query
// serializer, so one CLI proves the endpoint: Debian's awscli 2.9 where installed (CI installs it),
// else the first aws on PATH. SQS, which two CLIs speak in two protocols, runs with both.
const debian = debianAwsCli();
describeSnsCliConformance(typeof debian === 'string' ? pathAwsCli() : debian);
