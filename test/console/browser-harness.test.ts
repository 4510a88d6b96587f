import { describeInBrowser } from './support/browser';

describeInBrowser("the browser tests' harness (Debian's chromium through playwright-core)", (session) => {
  test('runs a page headless and collects its console errors and uncaught exceptions', async () => {
    const { page, pageErrors } = session();
    const thrown = page.waitForEvent('pageerror', { timeout: 5_000 });
    await page.setContent(
      '<main><h1>harness</h1></main><script>console.error("seen"); setTimeout(() => { throw new TypeError("thrown"); });</script>',
    );
    await thrown;

    expect(await page.textContent('h1')).toBe('harness');
    expect(pageErrors).toStrictEqual([
      'about:blank: console.error: seen',
      'about:blank: uncaught TypeError: thrown',
    ]);
    pageErrors.length = 0;
  });

  test('shows the page at 1280×800', async () => {
    const size = await session().page.evaluate('[innerWidth, innerHeight]');
    expect(size).toStrictEqual([1280, 800]);
  });
});
