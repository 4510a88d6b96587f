import { execFileSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finding an AWS CLI on this machine and the environment to run it in against the local cloud, for
 * tests that drive the cloud the way a user does.
 */

/** An AWS CLI found on this machine. */
export interface AwsCli {
  readonly path: string;
  readonly version: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function versionOf(path: string): string | undefined {
  try {
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
    })
      .trim()
      .split(/\s+/)[0];
  } catch {
    return undefined;
  }
}

/**
 * The environment an AWS CLI runs in against a local endpoint: dummy credentials and region, no
 * pager, and none of the developer's own AWS configuration.
 */
export function awsCliEnvironment(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    PAGER: 'cat',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

/** Debian's awscli package, which speaks the Query protocol to SQS. */
export function debianAwsCli(): AwsCli | string {
  const path = '/usr/bin/aws';
  if (!executable(path)) return `${path} does not exist (apt-get install awscli provides it)`;
  const version = versionOf(path);
  return version ? { path, version } : `${path} --version failed`;
}

/** The first `aws` on PATH, unless it is the Debian one (already covered). */
export function pathAwsCli(): AwsCli | string {
  const directories = (process.env.PATH ?? '').split(delimiter).filter((directory) => directory !== '');
  const path = directories.map((directory) => join(directory, 'aws')).find(executable);
  if (!path) return 'no aws on PATH';
  const debian = debianAwsCli();
  const version = versionOf(path);
  if (!version) return `${path} --version failed`;
  if (realpathSync(path) === '/usr/bin/aws' || (typeof debian !== 'string' && debian.version === version)) {
    return `the aws on PATH (${path}) is the Debian CLI, covered by its own suite`;
  }
  return { path: resolvePyenvShim(path), version };
}

/** The interpreter-specific script behind a pyenv shim: calling it directly skips pyenv's bash layer. */
function resolvePyenvShim(path: string): string {
  if (!path.includes('/.pyenv/shims/')) return path;
  try {
    const resolved = execFileSync('pyenv', ['which', 'aws'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    }).trim();
    return resolved !== '' && executable(resolved) ? resolved : path;
  } catch {
    return path;
  }
}
