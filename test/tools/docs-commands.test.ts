import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCKS_NOT_RUN, isRun, KNOWN_LANGUAGES, staleEntries } from './docs/blocks-not-run';
import { DocShell } from './docs/doc-shell';
import {
  brokenLink,
  documentationFiles,
  fencedBlocks,
  headingAnchors,
  REPOSITORY,
  readDocument,
  relativeLinks,
} from './docs/markdown';

const documents = documentationFiles();
const blocks = documents.flatMap((document) => fencedBlocks(document, readDocument(document)));

describe('the docs, read as a newcomer reads them', () => {
  test('cover the README, every page of docs/ and the package READMEs', () => {
    expect(documents).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/design.md',
        'docs/security.md',
        'docs/runbook.md',
        'docs/reliability.md',
        'docs/benchmarks.md',
        'packages/local-cloud/README.md',
      ]),
    );
  });

  test('the root README stays a front page of about 200 lines', () => {
    expect(readDocument('README.md').split('\n').length).toBeLessThanOrEqual(210);
  });

  test('every fence names its language, so no command hides in an untagged block', () => {
    const unknown = blocks
      .filter((block) => !KNOWN_LANGUAGES.includes(block.language))
      .map((block) => `${block.document}:${block.line}: \`\`\`${block.language}`);
    expect(unknown).toEqual([]);
  });

  test('every relative link points to a file that exists, and every anchor to one of its headings', () => {
    const links = documents.flatMap((document) => relativeLinks(document, readDocument(document)));
    expect(links.length).toBeGreaterThan(20);
    expect(links.map((link) => brokenLink(link)).filter(Boolean)).toEqual([]);
  });

  test('every entry of the list of blocks not run names exactly one block, with a reason', () => {
    expect(staleEntries(blocks)).toEqual([]);
    for (const entry of BLOCKS_NOT_RUN) expect(entry.reason.length).toBeGreaterThan(20);
  });

  test('the runnable blocks include the runbook, the logs page and the SQS endpoint', () => {
    const runDocuments = new Set(blocks.filter(isRun).map((block) => block.document));
    expect([...runDocuments]).toEqual(
      expect.arrayContaining([
        'docs/runbook.md',
        'docs/running-locally.md',
        'packages/local-cloud/docs/logs.md',
        'packages/local-cloud/src/sqs/README.md',
      ]),
    );
  });
});

describe('the link check', () => {
  test('names a missing file and a missing anchor, and passes a good one', () => {
    const markdown = 'See [x](missing.md), [y](../README.md#no-such-heading) and [z](design.md#settings).\n';
    const problems = relativeLinks('docs/page.md', markdown).map((link) => brokenLink(link));
    expect(problems).toEqual([
      'docs/page.md:1: missing.md: docs/missing.md does not exist',
      'docs/page.md:1: ../README.md#no-such-heading: README.md has no heading with the anchor #no-such-heading',
      undefined,
    ]);
  });

  test('makes anchors as GitHub does', () => {
    expect([
      ...headingAnchors(
        '## 100,000 orders through `npm start`\n## Raising maxConcurrency (`--only pipeline`)',
      ),
    ]).toEqual(['100000-orders-through-npm-start', 'raising-maxconcurrency---only-pipeline']);
  });

  test('skips links inside code fences and external links', () => {
    const markdown = '[a](https://aws.amazon.com)\n```text\n[b](nowhere.md)\n```\n[c](docs/x.md)\n';
    expect(relativeLinks('README.md', markdown).map((link) => link.target)).toEqual(['docs/x.md']);
  });
});

describe('a DocShell, which runs the documented blocks', () => {
  const folder = mkdtempSync(join(tmpdir(), 'doc-shell-'));
  let shell: DocShell;

  beforeAll(() => {
    shell = DocShell.start({ cwd: REPOSITORY, workDirectory: folder, substitutions: [['9324', '1']] });
  });

  afterAll(() => {
    shell.close();
    rmSync(folder, { recursive: true, force: true });
  });

  test('keeps what one block defines for the next, as one terminal does', async () => {
    expect((await shell.run('greet() { echo "hello $1"; }\nNAME=reader', 10_000)).failedCommands).toEqual([]);
    expect(await shell.run('greet "$NAME"  # a comment', 10_000)).toEqual({
      output: 'hello reader\n',
      failedCommands: [],
    });
  });

  test('fails a block on a typo in any of its commands, not only the last', async () => {
    const outcome = await shell.run('echo first\nnpm run no-such-script --silent\necho last', 30_000);
    expect(outcome.failedCommands).toEqual(['npm run no-such-script --silent']);
    expect(outcome.output).toContain('last');
  });

  test('fails a block whose pipeline fails before its end', async () => {
    // bash names a pipeline by its last command.
    expect((await shell.run('false | sort', 10_000)).failedCommands).toEqual(['sort']);
  });

  test('applies the substitutions: the documented port becomes the served one', async () => {
    expect((await shell.run('echo 127.0.0.1:9324', 10_000)).output).toBe('127.0.0.1:1\n');
  });

  test('ends a block that never ends, with its reason', async () => {
    const hanging = DocShell.start({
      cwd: REPOSITORY,
      workDirectory: mkdtempSync(join(folder, 'hanging-')),
      substitutions: [],
    });
    await expect(hanging.run('sleep 60', 500)).rejects.toThrow('did not end within 500 ms');
  });
});
