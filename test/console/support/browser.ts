import { existsSync } from 'node:fs';
import { notRunHere } from 'local-cloud';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium, which `.ci/run` installs: playwright-core drives it and downloads no browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The window the console is made readable at, and the size of every screenshot. */
export const VIEWPORT = { width: 1280, height: 800 } as const;

/** Why the browser tests cannot run on this machine, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `no ${CHROMIUM_PATH} (apt-get install chromium, as .ci/run does)`;
}

/** A browser context with a page, and every error its pages raised. */
export interface WatchedContext {
  readonly context: BrowserContext;
  /** The context's first page. */
  readonly page: Page;
  /**
   * Console errors and uncaught exceptions of every page of the context, as `page URL: text`, in
   * the order they came; a page free of errors leaves it empty.
   */
  readonly pageErrors: string[];
  /**
   * Every request the pages made for anything but a `file:`, `data:` or `blob:` URL, even one the
   * browser failed offline: a page that works offline makes none.
   */
  readonly networkRequests: string[];
}

/** A headless chromium with one context, and every error its pages raised. */
export interface BrowserSession extends WatchedContext {
  readonly browser: Browser;
  /** Closes the context and the browser; safe to call twice. */
  close(): Promise<void>;
}

/** What a context is like. */
export interface BrowserSessionOptions {
  /**
   * No network at all, as on a machine offline: every request the pages make fails.
   * @default false
   */
  readonly offline?: boolean;
}

/**
 * Launches Debian's chromium headless, opens a context at {@link VIEWPORT} and a page, and collects
 * the errors of every page the context opens.
 */
export async function openBrowser(options: BrowserSessionOptions = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Chromium's sandbox refuses to start as root, which is how tests and CI run in this container
    // (it fails with "Chromium sandboxing failed!"); the pages are our own, on loopback or file://.
    chromiumSandbox: false,
    timeout: 30_000,
  });
  try {
    const watched = await openContext(browser, options);
    let closed = false;
    return {
      ...watched,
      browser,
      close: async () => {
        if (closed) return;
        closed = true;
        await watched.context.close();
        await browser.close();
      },
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Opens another context of the browser at {@link VIEWPORT}, with a page, watching its errors. */
export async function openContext(
  browser: Browser,
  options: BrowserSessionOptions = {},
): Promise<WatchedContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, offline: options.offline === true });
  const pageErrors: string[] = [];
  const networkRequests: string[] = [];
  context.on('page', (page) => watchErrors(page, pageErrors));
  context.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) networkRequests.push(request.url());
  });
  return { context, page: await context.newPage(), pageErrors, networkRequests };
}

function watchErrors(page: Page, pageErrors: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${page.url()}: console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: uncaught ${error.name}: ${error.message}`));
}

/**
 * A `describe` whose tests drive chromium: `body` gets the session once its `beforeAll` has opened
 * it, and the session is closed after the last test. Without chromium on this machine the suite
 * shows as skipped, with the reason, through `notRunHere`.
 */
export function describeInBrowser(
  name: string,
  body: (session: () => BrowserSession) => void,
  options: BrowserSessionOptions = {},
): void {
  const missing = chromiumMissing();
  if (missing !== undefined) {
    describe(name, () => notRunHere(`skipping ${name}`, missing));
    return;
  }
  describe(name, () => {
    let session: BrowserSession | undefined;
    beforeAll(async () => {
      session = await openBrowser(options);
    }, 60_000);
    afterAll(async () => {
      await session?.close();
    });
    body(() => {
      if (session === undefined) throw new Error('the browser did not start (see beforeAll)');
      return session;
    });
  });
}
