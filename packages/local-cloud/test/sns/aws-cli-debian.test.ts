import { debianAwsCli, describeSnsCliConformance } from './aws-cli';

// Debian's awscli 2.9 speaks the Query protocol to SNS (its service model's only protocol).
describeSnsCliConformance(debianAwsCli());
