import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { debianAwsCli, type SqsServer, startSqsServer } from 'local-cloud';
import { type ServingCloud, serveLocally } from '../../tools/cli';
import { parseRunOptions } from '../../tools/run-options';
import { notRunHere } from '../support/not-run-here';
import { isRun } from './docs/blocks-not-run';
import { DocShell, type Substitution } from './docs/doc-shell';
import { documentationFiles, type FencedBlock, fencedBlocks, readDocument } from './docs/markdown';

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

/**
 * Every shell block of the docs that the local cloud can run, by document; the blocks it cannot
 * run are listed, each with its reason, in ./docs/blocks-not-run.ts.
 */
const documentedBlocks = documentationFiles()
  .map((document) => ({ document, blocks: fencedBlocks(document, readDocument(document)).filter(isRun) }))
  .filter(({ blocks }) => blocks.length > 0);

/** How long one documented block may take: the runbook's longest waits for an alarm, 30 s a look. */
const BLOCK_TIMEOUT_MS = 150_000;

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

    beforeAll(async () => {
      const options = parseRunOptions(['--serve', '--port', '0']);
      if (options === 'help') throw new Error('unexpected --help');
      serving = await serveLocally(options, new PassThrough() as unknown as NodeJS.WriteStream, {
        assemblyDirectory: join(folder, 'cdk.out'),
        logsRoot: join(folder, 'logs'),
      });
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
              PATH: `/usr/bin:${process.env.PATH ?? ''}`,
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
    );

    describe("every other documented command the local cloud can run, each document's blocks in one shell, in order", () => {
      const work = join(folder, 'docs');
      let sqs: SqsServer;
      let substitutions: Substitution[];

      beforeAll(async () => {
        // The SQS endpoint on its own, for the pages that start one with `npm run sqs -- --port 9324`.
        sqs = await startSqsServer({ port: 0 });
        const port = new URL(serving.endpoint).port;
        substitutions = [
          ['http://127.0.0.1:4566', serving.endpoint],
          ['--port 4566', `--port ${port}`],
          ['http://127.0.0.1:9324', sqs.endpoint],
        ];
      });

      afterAll(async () => {
        await sqs?.close();
      });

      function shellFor(name: string): DocShell {
        const workDirectory = join(work, name.replace(/[^A-Za-z0-9]+/g, '-'));
        mkdirSync(workDirectory, { recursive: true });
        return DocShell.start({ cwd: REPOSITORY, workDirectory, substitutions });
      }

      describe.each(documentedBlocks)('$document', ({ document, blocks }) => {
        let shell: DocShell;
        beforeAll(() => {
          shell = shellFor(document);
        });
        afterAll(() => shell?.close());

        test.each(blocks)(
          'the block at line $line runs as written',
          async (block: FencedBlock) => {
            const { failedCommands, output } = await shell.run(block.text, BLOCK_TIMEOUT_MS);
            // The output says why a command failed: shown beside the failed commands only then.
            expect({ failedCommands, output: failedCommands.length === 0 ? '' : output }).toEqual({
              failedCommands: [],
              output: '',
            });
          },
          BLOCK_TIMEOUT_MS + 10_000,
        );
      });

      test('a typo in a documented command fails its block', async () => {
        const shell = shellFor('typo');
        try {
          const setup =
            'export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1';
          const typo = 'aws --endpoint-url http://127.0.0.1:4566 cloudwatch describe-alarmz';
          const outcome = await shell.run(`${setup}\n${typo}`, 60_000);
          expect(outcome.failedCommands).toEqual([typo.replace('http://127.0.0.1:4566', serving.endpoint)]);
          const wrongOutput =
            'aws --endpoint-url http://127.0.0.1:4566 dynamodb scan --table-name NoSuchTable';
          expect((await shell.run(wrongOutput, 60_000)).output).toContain('ResourceNotFoundException');
        } finally {
          shell.close();
        }
      }, 130_000);
    });
  });
}
