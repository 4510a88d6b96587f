import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsCliShim } from 'local-cloud';

/** A documented address and the one this run serves it on: `http://127.0.0.1:4566` → a free port. */
export type Substitution = readonly [documented: string, served: string];

/** Where a DocShell runs and what it changes in the blocks it is given. */
export interface DocShellOptions {
  /** The folder commands run in, as a reader runs them from the repository's root. */
  readonly cwd: string;
  /** An empty folder of the test's own for the blocks, their output and the failures. */
  readonly workDirectory: string;
  /**
   * Applied to each block before it runs: the test serves on free ports, not on the documented
   * 4566 and 9324, so it never collides with a developer's own local cloud.
   */
  readonly substitutions: readonly Substitution[];
  /**
   * The `aws` the blocks run (`awsCliShim` from local-cloud): Debian's CLI, without its start for
   * each command. @default - the first `aws` on the reader's PATH, Debian's first
   */
  readonly awsCli?: AwsCliShim;
}

/** What one block did. */
export interface BlockOutcome {
  /** Its stdout and stderr, interleaved as in a terminal. */
  readonly output: string;
  /** Each command of the block that exited non-zero, as bash saw it. */
  readonly failedCommands: readonly string[];
}

/** The environment of the reader's shell: no AWS settings of the developer's leak into it. */
function readerEnvironment(awsCli?: AwsCliShim): NodeJS.ProcessEnv {
  return {
    ...awsCli?.environment,
    // Debian's CLI first: a developer's PATH may put another aws ahead of it.
    PATH: `${awsCli === undefined ? '' : `${awsCli.folder}:`}/usr/bin:${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? '/tmp',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
}

/**
 * One bash session for one document: its blocks run in order in the same shell, as a reader pastes
 * them into one terminal, so a variable or function a block defines is there for the next. A
 * command that exits non-zero is recorded by an ERR trap (and `pipefail`), so a typo in any command
 * of a block fails it, not only in its last.
 */
export class DocShell {
  private blockCount = 0;

  private constructor(
    private readonly options: DocShellOptions,
    private readonly bash: ChildProcessWithoutNullStreams,
    private readonly failuresFile: string,
  ) {}

  /** Starts the shell, with `pipefail` and the trap that records failing commands. */
  static start(options: DocShellOptions): DocShell {
    const failuresFile = join(options.workDirectory, 'failed-commands');
    writeFileSync(failuresFile, '');
    // --norc: bash reads ~/.bashrc when its stdin is a socket, and a developer's PATH there may put
    // another aws first. Detached, so a block that hangs is ended with its children.
    const bash = spawn('bash', ['--norc', '--noprofile'], {
      cwd: options.cwd,
      env: readerEnvironment(options.awsCli),
      detached: true,
    });
    bash.stdin.write(`set -o pipefail; trap 'printf "%s\\n" "$BASH_COMMAND" >> ${failuresFile}' ERR\n`);
    return new DocShell(options, bash, failuresFile);
  }

  /** Runs one block in the shell and tells what it printed and which of its commands failed. */
  run(block: string, timeoutMs: number): Promise<BlockOutcome> {
    const number = ++this.blockCount;
    const script = join(this.options.workDirectory, `block-${number}.sh`);
    const outputFile = join(this.options.workDirectory, `block-${number}.out`);
    writeFileSync(script, this.substituted(block));
    writeFileSync(this.failuresFile, '');
    const done = `__block_${number}_done__`;
    // Output goes to a file, as in a terminal: `aws lambda invoke ... /dev/stdout` cannot open a
    // pipe's socket. stdin is /dev/null so that no command reads the blocks still to come.
    this.bash.stdin.write(`{ source ${script}; } > ${outputFile} 2>&1 < /dev/null; echo ${done}\n`);
    return this.until(done, timeoutMs).then(() => ({
      output: readFileSync(outputFile, 'utf8'),
      // The block's own `source` fails when its last command did: that command is already listed.
      failedCommands: readFileSync(this.failuresFile, 'utf8')
        .split('\n')
        .filter((line) => line !== '' && line !== `source ${script}`),
    }));
  }

  /** Ends the shell and whatever a block left running in it. */
  close(): void {
    if (this.bash.exitCode !== null || this.bash.pid === undefined) return;
    try {
      process.kill(-this.bash.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }

  private substituted(block: string): string {
    return this.options.substitutions.reduce(
      (text, [documented, served]) => text.split(documented).join(served),
      block,
    );
  }

  private until(marker: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let seen = '';
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.bash.stdout.off('data', onData);
        this.bash.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      const onData = (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes(marker)) finish();
      };
      const onExit = () => finish(new Error('the shell exited before the block ended'));
      const timer = setTimeout(() => {
        this.close();
        finish(new Error(`the block did not end within ${timeoutMs} ms`));
      }, timeoutMs);
      this.bash.stdout.on('data', onData);
      this.bash.on('exit', onExit);
    });
  }
}
