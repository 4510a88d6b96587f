import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The repository's root, where the README and docs/ live. */
export const REPOSITORY = join(__dirname, '..', '..', '..');

/** The folders whose every Markdown file is documentation the tests keep honest. */
const DOCUMENTATION_FOLDERS = ['docs', 'packages/local-cloud/docs'];

/** Single documentation files outside those folders. */
const DOCUMENTATION_FILES = [
  'README.md',
  'packages/local-cloud/README.md',
  'packages/local-cloud/src/sqs/README.md',
];

/** One fenced code block of a Markdown file. */
export interface FencedBlock {
  /** The file, relative to the repository, e.g. `docs/runbook.md`. */
  readonly document: string;
  /** The info string's first word (`bash`, `text`, `ts`), or '' when the fence has none. */
  readonly language: string;
  /** The block's text, without its fences. */
  readonly text: string;
  /** The 1-based line of the opening fence, to name the block in a failure. */
  readonly line: number;
}

/** A relative link of a Markdown file: a target in the repository, maybe with an anchor. */
export interface RelativeLink {
  readonly document: string;
  readonly target: string;
  readonly line: number;
}

/** Every documentation file, relative to the repository; a new page in docs/ is included by itself. */
export function documentationFiles(root = REPOSITORY): string[] {
  const inFolders = DOCUMENTATION_FOLDERS.flatMap((folder) =>
    existsSync(join(root, folder))
      ? readdirSync(join(root, folder))
          .filter((name) => name.endsWith('.md'))
          .map((name) => `${folder}/${name}`)
      : [],
  );
  return [...DOCUMENTATION_FILES, ...inFolders.sort()];
}

/** Reads one documentation file, relative to the repository. */
export function readDocument(document: string, root = REPOSITORY): string {
  return readFileSync(join(root, document), 'utf8');
}

/** The fenced code blocks (```` ``` ```` fences) of a Markdown text, in order. */
export function fencedBlocks(document: string, markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const opening = /^```(.*)$/.exec(lines[index]);
    if (opening === null) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    if (end === -1) throw new Error(`${document}:${index + 1}: a code fence is never closed`);
    const language = opening[1].trim().split(/\s+/)[0] ?? '';
    blocks.push({ document, language, text: lines.slice(index + 1, end).join('\n'), line: index + 1 });
    index = end;
  }
  return blocks;
}

/** The Markdown text with its fenced blocks blanked out, line numbers kept. */
function proseOf(markdown: string): string[] {
  let inFence = false;
  return markdown.split('\n').map((line) => {
    if (line.startsWith('```')) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : line;
  });
}

/** The links of a Markdown text that point into the repository (not http:, mailto: or the page itself). */
export function relativeLinks(document: string, markdown: string): RelativeLink[] {
  const links: RelativeLink[] = [];
  proseOf(markdown).forEach((line, index) => {
    for (const match of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      links.push({ document, target, line: index + 1 });
    }
  });
  return links;
}

/** The anchors GitHub gives a Markdown file's headings (`## The fault-injection suite` → `the-fault-injection-suite`). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of proseOf(markdown)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading === null) continue;
    anchors.add(
      heading[1]
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

/**
 * What is wrong with one relative link: its file does not exist, or its anchor names no heading of
 * that file. Undefined when it resolves.
 */
export function brokenLink(link: RelativeLink, root = REPOSITORY): string | undefined {
  const [path, anchor] = link.target.split('#');
  const file = path === '' ? join(root, link.document) : join(root, dirname(link.document), path);
  const where = `${link.document}:${link.line}: ${link.target}`;
  if (!existsSync(file)) return `${where}: ${relative(root, file)} does not exist`;
  if (anchor === undefined || anchor === '' || !file.endsWith('.md')) return undefined;
  return headingAnchors(readFileSync(file, 'utf8')).has(anchor)
    ? undefined
    : `${where}: ${relative(root, file)} has no heading with the anchor #${anchor}`;
}
