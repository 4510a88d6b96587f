import { execFile } from 'node:child_process';
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
  return new Promise((resolve) => {
    execFile(
      path,
      ['lambda', ...args, '--endpoint-url', endpoint, '--output', 'json'],
      { env: awsCliEnvironment(), timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error ? Number((error as { code?: unknown }).code ?? 1) : 0 }),
    );
  });
}

/** `test`, or a test that says why it is skipped when the AWS CLI is absent. */
export const cliTest: (name: string, body: () => Promise<void>, timeout?: number) => void =
  typeof awsCli === 'string'
    ? (name) =>
        test(`${name} (skipped: ${awsCli})`, () => {
          console.warn(`AWS CLI test skipped: ${awsCli}`);
          expect(typeof awsCli).toBe('string');
        })
    : (name, body, timeout) => test(name, body, timeout);
