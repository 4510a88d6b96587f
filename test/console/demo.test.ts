import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { compileFilterPattern } from 'local-cloud';
import type { Page } from 'playwright-core';
import type { RejectedOrderRecord } from '../../shared/order-records';
import { scanTable } from '../../shared/scan-table';
import { stackOutput } from '../../tools/pipeline-run';
import { rejectedOrdersLine, writeHtmlReport } from '../../tools/run-console';
import { formatRunReport } from '../../tools/run-output';
import { buildRunReport } from '../../tools/run-report';
import { describeInBrowser, openContext } from './support/browser';
import {
  CONSOLE_TEST_TIME_SCALE,
  type ConsoleCloud,
  type DemoOutcome,
  runTheDemo,
  startConsoleCloud,
} from './support/console-cloud';
import { saveScreenshot } from './support/screenshots';
import {
  type BarSeen,
  mostAtOnce,
  type TimelineFacts,
  timelineFacts,
  walkTimeline,
} from './support/timeline-reading';

/**
 * How long the page may take to show what the cloud did: its events come every 250 ms, and a
 * redriven order waits for a batching window and an invocation; generous for a machine busy with
 * the other suites.
 */
const SHOWN_WITHIN_MS = 30_000;

const WARN_PATTERN = '{ $.level = "WARN" }';

describeInBrowser("the web console follows the lecture's demo as it runs", (session) => {
  let consoleCloud: ConsoleCloud;
  let demo: DemoOutcome;
  let page: Page;
  const reportFolder = mkdtempSync(join(tmpdir(), 'console-report-'));

  beforeAll(async () => {
    consoleCloud = await startConsoleCloud();
    page = session().page;
    // Open before the orders go out: what the page shows came live, over its event stream.
    await page.goto(`${consoleCloud.server.url}#timeline`);
    await page.getByTestId('connection').getByText('live').waitFor({ timeout: SHOWN_WITHIN_MS });
    demo = await runTheDemo(consoleCloud);
  }, 180_000);

  afterAll(async () => {
    await consoleCloud?.stop();
    rmSync(reportFolder, { recursive: true, force: true });
  });

  const cloud = () => consoleCloud.pipeline.cloud;
  const functionOf = (mapping: string) =>
    cloud().stack.eventSourceMappings.find((candidate) => candidate.logicalId === mapping)?.functionName;
  /** The settled batches of the run that invoked a function, as the timeline should show them. */
  const invokedBatches = () =>
    consoleCloud.settlements
      .filter((settlement) => settlement.requestId !== undefined)
      .map((settlement) => ({
        functionName: functionOf(settlement.mapping),
        batchSize: settlement.records.length,
      }));

  test('the demo ran: 11 orders queued and every queue emptied', () => {
    expect(demo.producer).toStrictEqual({ kind: 'queued', queued: 11, failed: [] });
    expect(demo.settled).toBe(true);
  });

  describe('the timeline', () => {
    let facts: TimelineFacts;
    let bars: BarSeen[];

    beforeAll(async () => {
      await openView(page, 'timeline');
      const batches = invokedBatches().length;
      await page.waitForSelector(`[data-testid="timeline"][data-batches="${batches}"]`, {
        timeout: SHOWN_WITHIN_MS,
      });
      facts = await timelineFacts(page);
      bars = await walkTimeline(page);
    }, 60_000);

    test('shows at most 2 ProcessOrders lanes busy at once (maxConcurrency 2)', async () => {
      const processOrders = stackOutput(cloud(), 'ProcessOrdersFunctionName');
      const processOrdersBars = bars.filter((bar) => bar.functionName === processOrders);

      expect(processOrdersBars.length).toBeGreaterThanOrEqual(2);
      expect(facts.maxBusy[processOrders]).toBeGreaterThanOrEqual(1);
      expect(facts.maxBusy[processOrders]).toBeLessThanOrEqual(2);
      expect(mostAtOnce(processOrdersBars)).toBeGreaterThanOrEqual(1);
      expect(mostAtOnce(processOrdersBars)).toBeLessThanOrEqual(2);
      await saveScreenshot(page, 'timeline');
    });

    test('shows every batch the run settled, each with its size', () => {
      const shown = bars
        .filter((bar) => bar.batchSize !== undefined)
        .map((bar) => ({ functionName: bar.functionName, batchSize: bar.batchSize }));

      expect(sortBatches(shown)).toStrictEqual(sortBatches(invokedBatches()));
      expect(facts.batches).toBe(invokedBatches().length);
      expect(facts.records).toBe(invokedBatches().reduce((sum, batch) => sum + batch.batchSize, 0));
      expect(facts.invocations).toBe(bars.length);
      expect(facts.lanes).toBe(new Set(bars.map((bar) => bar.logStreamName)).size);
    });

    test('the HTML report of the run opens offline from file:// and shows the same timeline', async () => {
      const file = join(reportFolder, 'demo-run.html');
      const report = await buildRunReport(cloud(), consoleCloud.pipeline.ledger, {
        ordersNotQueued: 0,
        timeScale: CONSOLE_TEST_TIME_SCALE,
        durationMs: demo.durationMs,
      });
      await writeHtmlReport(cloud(), file, { title: 'the demo', summaryLines: formatRunReport(report) });
      const offline = await openContext(session().browser, { offline: true });
      try {
        await offline.page.goto(pathToFileURL(file).href);
        await offline.page.getByTestId('timeline-canvas').waitFor({ timeout: SHOWN_WITHIN_MS });

        expect(await offline.page.getByTestId('report-summary').textContent()).toContain(
          'Every order is accounted for.',
        );
        expect(await timelineFacts(offline.page)).toStrictEqual(facts);
        expect(await walkTimeline(offline.page)).toStrictEqual(bars);
        await offline.page.evaluate('scrollTo(0, 0)');
        await saveScreenshot(offline.page, 'report');
        expect(offline.networkRequests).toStrictEqual([]);
        expect(offline.pageErrors).toStrictEqual([]);
      } finally {
        await offline.context.close();
      }
    });

    test("opens a bar's invocation: its records and its REPORT line", async () => {
      await page.getByTestId('timeline-canvas').press('Home');
      await page.getByTestId('timeline-canvas').press('Enter');
      const detail = page.getByTestId('invocation-detail');
      await detail
        .getByText(/REPORT RequestId/)
        .first()
        .waitFor({ timeout: SHOWN_WITHIN_MS });
      await saveScreenshot(page, 'invocation');
    });
  });

  // Before the dead letters' redrive, which records UserX a second time.
  test('the printed "Rejected orders by reason" link opens the rejected orders grouped by reason: UserX\'s group with its count, and its item with customerAddress: is required', async () => {
    const link = /^Rejected orders by reason: (\S+)$/.exec(
      rejectedOrdersLine(cloud(), consoleCloud.server.url),
    )?.[1];
    const rejected = await scanTable<RejectedOrderRecord>(
      DynamoDBDocumentClient.from(cloud().dynamodb.client),
      stackOutput(cloud(), 'RejectedOrdersTableName'),
    );
    const userX = rejected.find((record) => String(record.body).includes('UserX'));
    if (link === undefined || userX === undefined) throw new Error(`no link (${link}) or no UserX record`);
    const sameReason = rejected.filter((record) => record.reason === userX.reason).length;
    const opened = await openContext(session().browser);
    try {
      await opened.page.goto(link);
      const group = opened.page.locator(`[data-testid="table-group"][data-label="${userX.reason}"]`);
      await group.waitFor({ timeout: SHOWN_WITHIN_MS });

      expect(userX).toMatchObject({ reason: 'INVALID_ORDER', errors: ['customerAddress: is required'] });
      expect(await opened.page.getByLabel('Group by').inputValue()).toBe('reason');
      expect(await group.getByTestId('table-group-count').textContent()).toBe(String(sameReason));
      const toggle = group.getByRole('button', { name: userX.reason });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const item = group.getByTestId('table-group-item').filter({ hasText: userX.messageId });
      expect(JSON.parse((await item.textContent()) ?? '')).toMatchObject({
        messageId: userX.messageId,
        reason: userX.reason,
        errors: ['customerAddress: is required'],
      });
      await saveScreenshot(opened.page, 'tables-grouped');
      expect(opened.pageErrors).toStrictEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  describe('the dead letters', () => {
    const userX = () => {
      const letters = cloud()
        .activity.deadLetters()
        .filter((letter) => letter.body.includes('UserX'));
      if (letters.length === 0) throw new Error('the cloud recorded no dead letter for UserX');
      return letters;
    };

    test('show UserX with customerAddress: is required', async () => {
      await openView(page, 'dead-letters');
      const row = page.locator(`[data-testid="dead-letter-row"][data-message-id="${userX()[0].messageId}"]`);
      await row.waitFor({ timeout: SHOWN_WITHIN_MS });

      expect(await row.getAttribute('data-reason')).toBe('INVALID_ORDER');
      expect(await row.locator('.errors li').allTextContents()).toStrictEqual([
        'customerAddress: is required',
      ]);
      await saveScreenshot(page, 'dead-letters');
    });

    test('redriving UserX from the page sends it back, and it is rejected again with the same reason', async () => {
      const [first] = userX();
      await page.getByLabel(`Select ${first.messageId} for redrive`).check();
      await page.getByTestId('redrive-selected').click();

      const rows = page.locator('[data-testid="dead-letter-row"][data-reason="INVALID_ORDER"]');
      await rows.nth(1).waitFor({ timeout: SHOWN_WITHIN_MS });
      const firstRow = page.locator(`[data-testid="dead-letter-row"][data-message-id="${first.messageId}"]`);
      await firstRow
        .getByTestId('redrive-status')
        .getByText(/redriven.* rejected again: INVALID_ORDER/)
        .waitFor({ timeout: SHOWN_WITHIN_MS });

      const [redriven, again] = userX();
      expect(userX()).toHaveLength(2);
      const receivedAgain = consoleCloud.settlements.filter((settlement) =>
        settlement.records.some((record) => record.messageId === redriven.redriven?.messageId),
      );
      expect(receivedAgain).toHaveLength(1);
      expect(again).toMatchObject({
        reason: 'INVALID_ORDER',
        errors: ['customerAddress: is required'],
        requestId: receivedAgain[0].requestId,
      });
      expect(await rows.nth(1).locator('.errors li').allTextContents()).toStrictEqual([
        'customerAddress: is required',
      ]);
      await saveScreenshot(page, 'dead-letters-redriven');
    }, 120_000);
  });

  test(`the logs view filters with ${WARN_PATTERN}`, async () => {
    const logGroupName = stackOutput(cloud(), 'ProcessOrdersLogGroupName');
    await openView(page, 'logs');
    await page.getByTestId('logs-group').selectOption(logGroupName);
    await page.getByTestId('logs-filter').fill(WARN_PATTERN);
    await page.getByTestId('logs-apply').click();
    await page.getByText(`Filter: ${WARN_PATTERN}`).waitFor({ timeout: SHOWN_WITHIN_MS });
    await page.getByText(/^Following /).waitFor({ timeout: SHOWN_WITHIN_MS });

    const expected = warnLinesOf(logGroupName);
    const lines = page.getByTestId('log-line');
    await lines.nth(expected - 1).waitFor({ timeout: SHOWN_WITHIN_MS });
    expect(expected).toBeGreaterThanOrEqual(2);
    expect(await lines.count()).toBe(expected);
    const levels = await lines.evaluateAll((elements) => elements.map((element) => element.dataset.level));
    expect(new Set(levels)).toStrictEqual(new Set(['WARN']));
    await saveScreenshot(page, 'logs');
  });

  test('the other views show the stack, its queues, the stored orders and the alarms', async () => {
    const ordersTable = stackOutput(cloud(), 'OrdersTableName');
    await openView(page, 'overview');
    await page.locator(`[data-testid="overview-node"][data-label="${ordersTable}"]`).waitFor();
    await saveScreenshot(page, 'overview');

    await openView(page, 'queues');
    await page.getByTestId('queue-row').first().waitFor();
    expect(await page.getByTestId('queue-row').count()).toBe(cloud().stack.queues.length);
    await page.getByRole('link', { name: stackOutput(cloud(), 'OrdersQueueUrl').split('/').pop() }).click();
    await page.getByTestId('send-message-form').waitFor();
    await saveScreenshot(page, 'queues');

    await openView(page, 'tables');
    await page.getByRole('link', { name: ordersTable }).click();
    await page.getByTestId('table-row').nth(9).waitFor();
    expect(await page.getByTestId('table-row').count()).toBe(10);
    await saveScreenshot(page, 'tables');

    await openView(page, 'alarms');
    await page.getByTestId('alarm-row').first().waitFor();
    expect(await page.getByTestId('alarm-row').count()).toBe(cloud().cloudWatch.describeAlarms().length);
    await saveScreenshot(page, 'alarms');
  });

  test('no console errors appeared in the page', () => {
    expect(session().pageErrors).toStrictEqual([]);
  });

  /** The ProcessOrders lines that match the pattern, as CloudWatch Logs' own filter finds them. */
  function warnLinesOf(logGroupName: string): number {
    const matches = compileFilterPattern(WARN_PATTERN);
    return cloud()
      .logs.describeLogStreams(logGroupName)
      .flatMap((stream) => cloud().logs.getLogEvents(logGroupName, stream.logStreamName))
      .filter((event) => matches(event.message)).length;
  }
});

/** Opens a view from the nav, as a user does, and waits until the nav marks it open. */
async function openView(page: Page, view: string): Promise<void> {
  await page.getByTestId(`nav-${view}`).click();
  await page.locator(`[data-testid="nav-${view}"][aria-current="page"]`).waitFor();
}

function sortBatches(batches: readonly { functionName?: string; batchSize?: number }[]): string[] {
  return batches.map((batch) => `${batch.functionName} × ${batch.batchSize}`).sort();
}
