import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

const REPOSITORY = resolve(__dirname, '..', '..', '..');

/** Where the browser tests leave a screenshot of each view (git-ignored). */
export const SCREENSHOT_DIRECTORY = join(REPOSITORY, 'test-output', 'screenshots');

/** Where the README's pictures of the console live: `docs/images/console-<view>.png`. */
export const DOCS_IMAGE_DIRECTORY = join(REPOSITORY, 'docs', 'images');

/**
 * Set to `1` by `npm run screenshots` (tools/screenshots.ts): the tests then also copy each
 * screenshot to {@link DOCS_IMAGE_DIRECTORY}, for the README.
 */
export const COPY_SCREENSHOTS_TO_DOCS_VARIABLE = 'CONSOLE_SCREENSHOTS_TO_DOCS';

/**
 * Saves what the page shows (the viewport, 1280×800) as `test-output/screenshots/<view>.png`, and
 * to the docs' images too when {@link COPY_SCREENSHOTS_TO_DOCS_VARIABLE} asks for it.
 *
 * @param view a file name's stem, e.g. `timeline`
 * @returns the path written in `test-output/`
 */
export async function saveScreenshot(page: Page, view: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(view)) throw new Error(`a view's name is kebab-case (given ${view})`);
  mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });
  const path = join(SCREENSHOT_DIRECTORY, `${view}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  if (process.env[COPY_SCREENSHOTS_TO_DOCS_VARIABLE] === '1') {
    mkdirSync(DOCS_IMAGE_DIRECTORY, { recursive: true });
    copyFileSync(path, join(DOCS_IMAGE_DIRECTORY, `console-${view}.png`));
  }
  return path;
}
