import type { Page } from 'playwright-core';
import { describeInBrowser } from './support/browser';
import { type ConsoleCloud, runTheDemo, startConsoleCloud } from './support/console-cloud';

/** How long the page may take to show what the cloud did, on a machine busy with other suites. */
const SHOWN_WITHIN_MS = 30_000;
/** The middle of the first lane: under the time axis (24 px) and its function's heading (22 px). */
const FIRST_LANE_MIDDLE_PX = 24 + 22 + 10;
/** Clicks along a lane this far apart hit every bar, as a click within 4 px of one opens it. */
const CLICK_STEP_PX = 6;

/** The `data-testid` of the element that has the focus, else its id, else its tag name. */
const focusedElement = (page: Page): Promise<string> =>
  // A string, evaluated in the page: this project's type check has no DOM library.
  page.evaluate(
    "(({ activeElement: active }) => active?.getAttribute('data-testid') || active?.id || active?.tagName || 'none')(document)",
  );

describeInBrowser('the invocation panel gives the focus back to the timeline when it closes', (session) => {
  let consoleCloud: ConsoleCloud;
  let page: Page;

  beforeAll(async () => {
    consoleCloud = await startConsoleCloud();
    const outcome = await runTheDemo(consoleCloud);
    if (!outcome.settled) throw new Error('the demo did not settle');
    page = session().page;
    await page.goto(`${consoleCloud.server.url}#timeline`);
    await page.getByTestId('timeline-canvas').waitFor({ timeout: SHOWN_WITHIN_MS });
  }, 180_000);

  afterAll(async () => {
    await consoleCloud?.stop();
  });

  /** Opens the first bar from the keyboard: focus the canvas, Home, Enter. */
  async function openFirstBar(): Promise<void> {
    const canvas = page.getByTestId('timeline-canvas');
    await canvas.focus();
    await canvas.press('Home');
    await canvas.press('Enter');
    await page.getByTestId('invocation-detail').waitFor({ timeout: SHOWN_WITHIN_MS });
  }

  /** Clicks along the first lane until a click lands on a bar (within 4 px of one) and its panel opens. */
  async function clickFirstLaneBar(): Promise<void> {
    const canvas = page.getByTestId('timeline-canvas');
    const box = await canvas.boundingBox();
    if (box === null) throw new Error('the timeline canvas is not shown');
    const detail = page.getByTestId('invocation-detail');
    for (let x = 2; x < box.width; x += CLICK_STEP_PX) {
      await page.mouse.click(box.x + x, box.y + FIRST_LANE_MIDDLE_PX);
      if (await detail.isVisible()) return;
    }
    throw new Error('no click along the first lane opened a bar');
  }

  async function closedWith(close: () => Promise<void>): Promise<string> {
    await close();
    await page.getByTestId('invocation-detail').waitFor({ state: 'detached' });
    return focusedElement(page);
  }

  test('Enter opens the focused bar and moves the focus to the panel; Escape closes it and the canvas has the focus again', async () => {
    await openFirstBar();
    expect(await focusedElement(page)).toBe('invocation-detail-heading');

    expect(await closedWith(() => page.keyboard.press('Escape'))).toBe('timeline-canvas');
    // The same bar is still focused, so the arrows carry on from where the user was.
    expect(await page.getByTestId('timeline-focus').textContent()).toMatch(/Enter opens it\.$/);
  });

  test('the Close button gives the focus back to the canvas too', async () => {
    await openFirstBar();
    const close = page.getByTestId('invocation-detail').getByRole('button', { name: /Close/ });

    expect(await closedWith(() => close.click())).toBe('timeline-canvas');
  });

  test('a bar opened with a click gives the focus back to the canvas on Escape', async () => {
    await clickFirstLaneBar();
    expect(await focusedElement(page)).toBe('invocation-detail-heading');

    expect(await closedWith(() => page.keyboard.press('Escape'))).toBe('timeline-canvas');
  });

  test("the panel says which clock each duration is on: the REPORT line's real time, and the cloud's with its time scale", async () => {
    await openFirstBar();
    const detail = page.getByTestId('invocation-detail');
    await detail
      .getByText('Duration (REPORT, real time)', { exact: true })
      .waitFor({ timeout: SHOWN_WITHIN_MS });

    expect(await detail.textContent()).toMatch(/START to END on the cloud's clock.*time scale 5/);
    await page.keyboard.press('Escape');
    expect(session().pageErrors).toStrictEqual([]);
  });
});
