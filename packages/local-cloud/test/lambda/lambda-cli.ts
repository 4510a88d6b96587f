import { runAwsCli } from '../../src/testing/aws-cli-driver';
import { notRunHere } from '../../src/testing/not-run-here';
import { awsCliEnvironment, debianAwsCli } from '../sqs/aws-cli';

/** Debian's AWS CLI (CI installs it), or why it is not here. */
export const awsCli = debianAwsCli();

/** What one AWS CLI command printed, and its exit code. */
export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs `aws lambda <args> --endpoint-url <endpoint> --output json`, with dummy credentials. */
export function awsLambda(endpoint: string, args: readonly string[]): Promise<CliResult> {
  if (typeof awsCli === 'string') throw new Error(awsCli);
  const { path } = awsCli;
  return runAwsCli(path, ['lambda', ...args, '--endpoint-url', endpoint, '--output', 'json'], {
    env: awsCliEnvironment(),
  });
}

/** `test`, or a test that says why it is skipped when the AWS CLI is absent. */
export const cliTest: (name: string, body: () => Promise<void>, timeout?: number) => void =
  typeof awsCli === 'string'
    ? (name) => notRunHere(name, awsCli as string)
    : (name, body, timeout) => test(name, body, timeout);
