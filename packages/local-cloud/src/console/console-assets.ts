import { join } from 'node:path';
import { type BuildOptions, build, type OutputFile } from 'esbuild';
import { CONSOLE_TOKEN_META } from './console-contract';

/*
 * The page is Preact and TSX under `ui/`, bundled by esbuild in memory the first time a console
 * starts: nothing is built ahead, written to disk or loaded from the network, and tsc and Biome
 * check the page's sources like the rest of the package.
 */

/**
 * Set by `bin/local-cloud.js` when it bundles the command line into a cache folder, where
 * `__dirname` is that folder and no longer the one beside this file.
 */
declare const LOCAL_CLOUD_CONSOLE_UI_FOLDER: string | undefined;

/** The folder of the page's sources: `main.tsx`, `report.tsx` and what they import. */
export const CONSOLE_UI_FOLDER =
  typeof LOCAL_CLOUD_CONSOLE_UI_FOLDER === 'string' ? LOCAL_CLOUD_CONSOLE_UI_FOLDER : join(__dirname, 'ui');

/** A file served beside the page, at `/_console/<name>`. */
export interface ConsoleAsset {
  readonly contentType: string;
  readonly body: string;
}

/** What the console server serves: the page's HTML and the files it loads. */
export interface ConsoleAssets {
  /** The HTML of `/_console/`, handing `token` to the page in `<meta name="local-cloud-console-token">`. */
  page(token: string): string;
  /** The files the page loads, by name: `app.js` and `app.css`, served at `/_console/<name>`. */
  readonly files: ReadonlyMap<string, ConsoleAsset>;
}

/** A bundled entry of the page: its script and its styles. */
export interface ConsoleBundle {
  readonly script: string;
  readonly styles: string;
}

/** Raised when the page's sources do not bundle. */
export class ConsoleBundleError extends Error {
  constructor(entry: string, cause: unknown) {
    super(`The console's page (${entry}) did not bundle: ${cause instanceof Error ? cause.message : cause}`);
    this.name = 'ConsoleBundleError';
  }
}

let loading: Promise<ConsoleAssets> | undefined;

/**
 * The console's page, bundled once per process and cached: every console server of the process
 * serves the same files.
 */
export function loadConsoleAssets(): Promise<ConsoleAssets> {
  loading ??= bundleConsoleEntry('main.tsx').then(consoleAssets);
  return loading;
}

function consoleAssets(bundle: ConsoleBundle): ConsoleAssets {
  return {
    page: consolePage,
    files: new Map([
      ['app.js', { contentType: 'text/javascript; charset=utf-8', body: bundle.script }],
      ['app.css', { contentType: 'text/css; charset=utf-8', body: bundle.styles }],
    ]),
  };
}

function consolePage(token: string): string {
  return htmlDocument(
    'local-cloud console',
    [
      `<meta name="${CONSOLE_TOKEN_META}" content="${escapeHtml(token)}">`,
      '<link rel="stylesheet" href="app.css">',
    ],
    ['<div id="app"></div>', '<script src="app.js"></script>'],
  );
}

/**
 * An HTML document in English that follows the system's colour scheme, with `head` and `body`
 * (lines of HTML) after the common parts. It asks for no favicon: the console serves none, and a
 * 404 would show as an error in the page.
 */
export function htmlDocument(title: string, head: readonly string[], body: readonly string[]): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    '<link rel="icon" href="data:,">',
    ...head,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** `text` safe inside an HTML attribute or element. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Bundles one entry of `ui/` (with the CSS it imports) for the browser, minified, in memory.
 * @param entry the file under `ui/`, e.g. `main.tsx`
 */
export async function bundleConsoleEntry(entry: string): Promise<ConsoleBundle> {
  let outputFiles: OutputFile[];
  try {
    ({ outputFiles } = await build(browserBundleOptions(entry)));
  } catch (error) {
    throw new ConsoleBundleError(entry, error);
  }
  const text = (extension: string) => outputFiles.find((file) => file.path.endsWith(extension))?.text ?? '';
  return { script: text('.js'), styles: text('.css') };
}

function browserBundleOptions(entry: string): BuildOptions & { write: false } {
  return {
    entryPoints: [join(CONSOLE_UI_FOLDER, entry)],
    // Only names the outputs: nothing is written.
    outdir: join(CONSOLE_UI_FOLDER, 'out'),
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'silent',
  };
}
