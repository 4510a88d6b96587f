/**
 * What `npm start` adds around a demo run for the local cloud's web console: the console itself,
 * `--keep-open`, and `--report-html`.
 */
import { writeFile } from 'node:fs/promises';
import {
  ConsolePortInUseError,
  type ConsoleServer,
  type LocalCloud,
  renderRunReport,
  startConsoleServer,
} from 'local-cloud';
import type { RejectedOrderRecord } from '../shared/order-records';
import { stackOutput } from './pipeline-run';
import { DEFAULT_CONSOLE_PORT } from './run-options';

/** The line that gives the console's address, printed at start by the demo and by `--serve`. */
export function consoleAddressLine(url: string): string {
  return `Web console: ${url}  (the timeline, queues, dead letters and logs, live)`;
}

/**
 * The attribute of the rejected-orders table that holds why an order was rejected: FailedOrders
 * writes each {@link RejectedOrderRecord} with its `reason` (`INVALID_ORDER`, `RETRIES_EXHAUSTED`, ...).
 */
const REJECTION_REASON_ATTRIBUTE: keyof RejectedOrderRecord = 'reason';

/**
 * The console's address of the rejected-orders table grouped by reason: the Tables view's
 * `#tables/NAME?groupBy=ATTRIBUTE`, the table named by the stack's output.
 */
export function rejectedOrdersByReasonUrl(cloud: LocalCloud, consoleUrl: string): string {
  const table = encodeURIComponent(stackOutput(cloud, 'RejectedOrdersTableName'));
  return `${consoleUrl}#tables/${table}?groupBy=${encodeURIComponent(REJECTION_REASON_ATTRIBUTE)}`;
}

/** The line printed under the console's address that links to the rejected orders grouped by reason. */
export function rejectedOrdersLine(cloud: LocalCloud, consoleUrl: string): string {
  return `Rejected orders by reason: ${rejectedOrdersByReasonUrl(cloud, consoleUrl)}`;
}

/**
 * Starts the web console of a demo run on `--console-port`, else on {@link DEFAULT_CONSOLE_PORT}.
 * When the user gave no port and the default one is taken (`--serve` or another run holds it), the
 * console takes a free port instead and says so; a port the user chose fails the run.
 *
 * @throws ConsolePortInUseError when the port the user chose is taken
 */
export async function startRunConsole(
  cloud: LocalCloud,
  requestedPort: number | undefined,
  write: (line: string) => void,
): Promise<ConsoleServer> {
  const port = requestedPort ?? DEFAULT_CONSOLE_PORT;
  try {
    return await startConsoleServer(cloud, { port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (requestedPort !== undefined) throw new ConsolePortInUseError(port);
    write(`Port ${port} is in use (--serve or another run's console?): the web console takes a free one.`);
    return startConsoleServer(cloud, { port: 0 });
  }
}

/** What the HTML report of a run shows besides the timeline. */
export interface HtmlReportText {
  readonly title: string;
  /** The summary, as `npm start` printed it. */
  readonly summaryLines: readonly string[];
}

/**
 * Writes the run's timeline and summary as one HTML file that opens offline (`--report-html`).
 *
 * @throws HtmlReportError naming the file when it cannot be written
 */
export async function writeHtmlReport(cloud: LocalCloud, file: string, text: HtmlReportText): Promise<void> {
  const html = await renderRunReport({ ...text, timeline: cloud.activity.timeline() });
  try {
    await writeFile(file, html);
  } catch (error) {
    throw new HtmlReportError(file, error);
  }
}

/** The HTML report of a run could not be written. */
export class HtmlReportError extends Error {
  constructor(file: string, cause: unknown) {
    super(
      `could not write the HTML report to ${file}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.name = 'HtmlReportError';
  }
}

/**
 * Resolves at the first SIGINT (Ctrl+C) or SIGTERM, then stops listening for them, so a second
 * Ctrl+C ends the process the usual way.
 */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
