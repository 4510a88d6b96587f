import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AwsCliShim, awsCliShim, debianAwsCli, notRunHere } from 'local-cloud';
import type { ServingCloud } from '../../tools/cli';
import { servePipeline } from './docs/served-pipeline';

const REPOSITORY = join(__dirname, '..', '..');

/** One row of the README's walkthrough table: the step and its local-cloud command. */
interface WalkthroughRow {
  readonly step: string;
  readonly local: string;
}

/** The walkthrough table's rows, read from the README itself, so the test follows the text. */
function walkthroughRows(): WalkthroughRow[] {
  const readme = readFileSync(join(REPOSITORY, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('| step | against AWS | against the local cloud |'));
  const rows: WalkthroughRow[] = [];
  for (const line of table.split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, ''));
    const command = /`([^`]+)`/.exec(cells[2] ?? '')?.[1];
    if (command !== undefined) rows.push({ step: cells[0], local: command });
  }
  return rows;
}

/** Rows that start or stop things, or never end (`--follow`), which the test does itself. */
const NOT_RUN_HERE = /^(npm start|rm |export )|--follow/;

const cli = debianAwsCli();
const rows = walkthroughRows();

if (typeof cli === 'string') {
  describe("the README's walkthrough against the local cloud", () => {
    notRunHere('skipping the README walkthrough', cli);
  });
} else {
  describe("the README's walkthrough, each local-cloud command as written, against `npm start -- --serve`", () => {
    const folder = mkdtempSync(join(tmpdir(), 'order-pipeline-walkthrough-'));
    let serving: ServingCloud;
    let outputsHelper: string;
    let shellSetup: string;
    let awsCli: AwsCliShim;

    beforeAll(async () => {
      awsCli = await awsCliShim(cli.path);
      serving = await servePipeline(folder);
      const helper = rows.find((row) => row.local.startsWith('outputs()'));
      if (helper === undefined) throw new Error('the walkthrough has no outputs helper');
      outputsHelper = helper.local;
      const setup = rows.find((row) => row.local.startsWith('export '));
      if (setup === undefined) throw new Error('the walkthrough does not say how to set up the shell');
      shellSetup = setup.local;
    }, 120_000);

    afterAll(async () => {
      await serving?.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    function run(command: string): Promise<string> {
      // Output goes to a file, as in a terminal: Node gives a child a socket for stdout, and a
      // socket cannot be opened as /dev/stdout, which `aws lambda invoke ... /dev/stdout` does.
      // Appending keeps both the payload written there and the CLI's own answer.
      const outputFile = join(folder, 'command-output');
      const script =
        `set -eo pipefail; ${shellSetup}; E=${serving.endpoint}; ${outputsHelper}\n` +
        `: > ${outputFile}; { ${command}\n} >> ${outputFile}; cat ${outputFile}`;
      return new Promise((resolve, reject) => {
        execFile(
          'bash',
          // --norc: bash reads ~/.bashrc when its stdin is a socket, and a developer's PATH there
          // may put another aws first.
          ['--norc', '--noprofile', '-c', script],
          {
            cwd: REPOSITORY,
            env: {
              ...awsCli.environment,
              PATH: `${awsCli.folder}:/usr/bin:${process.env.PATH ?? ''}`,
              HOME: process.env.HOME ?? '/tmp',
              AWS_PAGER: '',
              AWS_CONFIG_FILE: '/dev/null',
              AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
            },
            timeout: 90_000,
          },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${command}\n${stderr || error.message}`)) : resolve(stdout),
        );
      });
    }

    test('has the rows a newcomer needs', () => {
      expect(rows.map((row) => row.step)).toEqual(
        expect.arrayContaining(['bring the stack up', 'a helper that reads a stack output', 'tear down']),
      );
    });

    test.each(rows.filter((row) => !NOT_RUN_HERE.test(row.local) && !row.local.startsWith('outputs()')))(
      '$step: runs as written',
      async ({ local }) => {
        const output = await run(local);
        expect(output.trim()).not.toBe('');
        if (local.includes("--payload '{}'")) expect(output).toContain('"queued":11');
      },
      // An aws call takes seconds on a busy 2-core machine; run() itself gives up after 90 s.
      100_000,
    );
  });
}
