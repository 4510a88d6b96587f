import type { FencedBlock } from './markdown';

/** The languages of fenced blocks that hold commands; every other block is output, code or a picture. */
export const SHELL_LANGUAGES: readonly string[] = ['bash', 'sh', 'shell'];

/** The languages a fence may name: an untagged fence could hide a command from the test. */
export const KNOWN_LANGUAGES: readonly string[] = [...SHELL_LANGUAGES, 'text', 'ts', 'json', 'mermaid'];

/** A shell block the docs test does not run, found by a line of its text, with the reason. */
export interface BlockNotRun {
  readonly document: string;
  /** Text the block contains, unique among the document's blocks. */
  readonly contains: string;
  readonly reason: string;
}

/**
 * Every shell block of the docs that the local cloud cannot run, or that must not run inside a
 * test. Each entry must match exactly one block, so an entry outlives neither its block nor a
 * rewording: the docs test fails on an entry that matches nothing.
 */
export const BLOCKS_NOT_RUN: readonly BlockNotRun[] = [
  {
    document: 'README.md',
    contains: 'npm ci && npm start',
    reason:
      'npm ci reinstalls the node_modules this test runs from; npm test is the suite this test is part of; npm start is what the test serves itself',
  },
  {
    document: 'docs/running-locally.md',
    contains: 'npm ci && npm start',
    reason:
      'npm ci reinstalls the node_modules this test runs from; npm start is what the test serves itself',
  },
  {
    document: 'docs/runbook.md',
    contains: 'npm test && npm run deploy',
    reason: 'deploys to an AWS account; npm test is the suite this test is part of',
  },
  {
    document: 'docs/runbook.md',
    contains: 'npm start -- --serve --state .local/state',
    reason: 'serves until Ctrl+C; the test serves the stack itself',
  },
  {
    document: 'docs/benchmarks.md',
    contains: 'npm run bench -- --only NAME',
    reason: 'benchmarks take minutes of both cores; they are measurements, not checks',
  },
  {
    document: 'docs/benchmarks.md',
    contains: 'npm run bench -- --only console --json',
    reason: 'benchmarks take minutes of both cores; they are measurements, not checks',
  },
  {
    document: 'docs/benchmarks.md',
    contains: 'npm run bench -- --only console-timeline',
    reason: 'benchmarks take minutes of both cores; they are measurements, not checks',
  },
  {
    document: 'docs/running-locally.md',
    contains: 'npm run sqs -- --port 9324',
    reason: 'serves until Ctrl+C; the test starts the SQS endpoint itself, for the block after it',
  },
  {
    document: 'packages/local-cloud/src/sqs/README.md',
    contains: 'npm run sqs -- --port 9324',
    reason: 'serves until Ctrl+C; the test starts the SQS endpoint itself, for the block after it',
  },
  {
    document: 'docs/running-locally.md',
    contains: 'npx local-cloud serve --app ../my-cdk-app',
    reason: "serves until Ctrl+C, and ../my-cdk-app is the reader's own app",
  },
  {
    document: 'packages/local-cloud/README.md',
    contains: 'npx local-cloud serve --app ../my-cdk-app',
    reason: "serves until Ctrl+C, and ../my-cdk-app is the reader's own app",
  },
  {
    document: 'docs/console.md',
    contains: 'npm start -- --keep-open --report-html',
    reason:
      'keeps the demo serving until Ctrl+C; test/tools/cli.test.ts runs --keep-open and --report-html itself',
  },
  {
    document: 'packages/local-cloud/docs/console.md',
    contains: 'npx local-cloud serve --app ../my-cdk-app',
    reason: "serves until Ctrl+C, and ../my-cdk-app is the reader's own app",
  },
  {
    document: 'packages/local-cloud/docs/logs.md',
    contains: '--follow',
    reason:
      'follows the log group until Ctrl+C; packages/local-cloud/test/logs runs `aws logs tail --follow` itself',
  },
];

/** The entries of BLOCKS_NOT_RUN that name this block. */
function entriesFor(block: FencedBlock): BlockNotRun[] {
  return BLOCKS_NOT_RUN.filter(
    (entry) => entry.document === block.document && block.text.includes(entry.contains),
  );
}

/** Whether the docs test runs this block: a shell block that no entry of BLOCKS_NOT_RUN names. */
export function isRun(block: FencedBlock): boolean {
  return SHELL_LANGUAGES.includes(block.language) && entriesFor(block).length === 0;
}

/** What is wrong with the list against these blocks: an entry that matches no block, or more than one. */
export function staleEntries(blocks: readonly FencedBlock[]): string[] {
  return BLOCKS_NOT_RUN.flatMap((entry) => {
    const matches = blocks.filter(
      (block) =>
        block.document === entry.document &&
        SHELL_LANGUAGES.includes(block.language) &&
        block.text.includes(entry.contains),
    );
    return matches.length === 1
      ? []
      : [`${entry.document}: "${entry.contains}" matches ${matches.length} shell blocks, not 1`];
  });
}
