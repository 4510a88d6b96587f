import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's chromium, the one `.ci/run` installs and the console's browser tests drive. The bench
 * launches it itself rather than import the tests' harness: bench and test trees stay independent
 * of each other, and the bench needs none of the harness's error collecting or jest wiring.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The window the console is made readable at, as in the browser tests. */
const VIEWPORT = { width: 1280, height: 800 } as const;

/** Why chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `no ${CHROMIUM_PATH} (apt-get install chromium, as .ci/run does)`;
}

/** A headless chromium with one page at the console's size. */
export interface ChromiumPage {
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught errors and console errors of the page, which would make its figures meaningless. */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/** Launches chromium headless (no sandbox: this container runs as root) with one page. */
export async function openChromiumPage(): Promise<ChromiumPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    timeout: 30_000,
  });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(`uncaught ${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console.error: ${message.text()}`);
    });
    return { browser, page, pageErrors, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
