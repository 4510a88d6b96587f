import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type AwsCliShim, awsCliShim, debianAwsCli, type SqsServer, startSqsServer } from 'local-cloud';
import { isRun } from './blocks-not-run';
import { DocShell, type Substitution } from './doc-shell';
import { documentationFiles, type FencedBlock, fencedBlocks, REPOSITORY, readDocument } from './markdown';

/**
 * Every shell block of the docs that the local cloud can run, by document; the blocks it cannot
 * run are listed, each with its reason, in ./blocks-not-run.ts.
 */
const documentedBlocks = documentationFiles()
  .map((document) => ({ document, blocks: fencedBlocks(document, readDocument(document)).filter(isRun) }))
  .filter(({ blocks }) => blocks.length > 0);

/** How long one documented block may take: the runbook's longest waits for an alarm, 30 s a look. */
const BLOCK_TIMEOUT_MS = 150_000;

/**
 * The tests that run every documented block against a served cloud: each document's blocks in one
 * shell, in order, as a reader pastes them into one terminal.
 *
 * @param endpoint the served cloud's endpoint, known once the caller's beforeAll has started it
 * @param work an empty folder for the shells' scripts and output
 */
export function describeDocumentedBlocks(endpoint: () => string, work: string): void {
  describe("every other documented command the local cloud can run, each document's blocks in one shell, in order", () => {
    let sqs: SqsServer;
    let substitutions: Substitution[];
    let awsCli: AwsCliShim | undefined;

    beforeAll(async () => {
      // The SQS endpoint on its own, for the pages that start one with `npm run sqs -- --port 9324`.
      sqs = await startSqsServer({ port: 0 });
      const debian = debianAwsCli();
      awsCli = typeof debian === 'string' ? undefined : await awsCliShim(debian.path);
      const port = new URL(endpoint()).port;
      substitutions = [
        ['http://127.0.0.1:4566', endpoint()],
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
      return DocShell.start({ cwd: REPOSITORY, workDirectory, substitutions, awsCli });
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

    testThatATypoFails(shellFor, endpoint);
  });
}

/** Proves the runner can fail: a misspelt command fails its block, and a wrong name gets AWS's error. */
function testThatATypoFails(shellFor: (name: string) => DocShell, endpoint: () => string): void {
  test('a typo in a documented command fails its block', async () => {
    const shell = shellFor('typo');
    try {
      const setup = 'export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1';
      const typo = 'aws --endpoint-url http://127.0.0.1:4566 cloudwatch describe-alarmz';
      const outcome = await shell.run(`${setup}\n${typo}`, 60_000);
      expect(outcome.failedCommands).toEqual([typo.replace('http://127.0.0.1:4566', endpoint())]);
      const wrongOutput = 'aws --endpoint-url http://127.0.0.1:4566 dynamodb scan --table-name NoSuchTable';
      expect((await shell.run(wrongOutput, 60_000)).output).toContain('ResourceNotFoundException');
    } finally {
      shell.close();
    }
  }, 130_000);
}
