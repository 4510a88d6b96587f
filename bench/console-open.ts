import { CONSOLE_API_PATH, type LocalCloud, startConsoleServer } from 'local-cloud';
import { chromiumMissing, openChromiumPage } from './chromium';
import { descendantsCpuMs } from './process-tree';

/** How the console was watched during a run: the page in chromium, or only an SSE client. */
export type ConsoleWatcher = 'chromium' | 'sse-client';

/** What a watcher saw of the run, read once the run was measured. */
export interface WatchedRun {
  readonly watcher: ConsoleWatcher;
  /** Invocations the page's Timeline showed at the end (chromium), or SSE events received. */
  readonly seen: number;
  /** Page errors (chromium), which would make the run's figure meaningless. */
  readonly pageErrors: readonly string[];
  /** CPU time of chromium's processes from the page shown to the end of the run (ms), when known. */
  readonly browserCpuMs?: number;
}

/** How long the page may take to show the Timeline view. */
const PAGE_SHOWN_WITHIN_MS = 30_000;
/**
 * How long the page is left to settle once shown, before the run starts: chromium spends 250 to
 * 400 ms of CPU finishing its start-up after the page first draws, which belongs to opening the
 * console, not to following a run (a user opens the page, then sends).
 */
const PAGE_SETTLE_MS = 1_000;
/** The page sends SSE at most every 250 ms: let the last batch of events arrive before reading. */
const LAST_EVENTS_WAIT_MS = 600;
/** The command name of chromium's processes (browser, renderer, GPU, utility) in /proc. */
const CHROMIUM_COMMAND = /chrom/i;

/**
 * Opens the web console on `cloud` and a watcher following it: chromium on the Timeline view, or,
 * without chromium, a Node client reading `/_console/api/events`. Answers how to close both, which
 * also tells what the watcher saw (through `onWatched`).
 */
export async function openConsoleWatcher(
  cloud: LocalCloud,
  onWatched: (watched: WatchedRun) => void,
  watcher: ConsoleWatcher = chromiumMissing() === undefined ? 'chromium' : 'sse-client',
): Promise<() => Promise<void>> {
  const server = await startConsoleServer(cloud, { port: 0 });
  try {
    const close =
      watcher === 'chromium'
        ? await followInChromium(server.url, onWatched)
        : await followWithSseClient(new URL(`${CONSOLE_API_PATH}events`, server.url).href, onWatched);
    return async () => {
      try {
        await close();
      } finally {
        await server.close();
      }
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** The page on its Timeline view, following the run over its EventSource. */
async function followInChromium(
  consoleUrl: string,
  onWatched: (watched: WatchedRun) => void,
): Promise<() => Promise<void>> {
  const chromium = await openChromiumPage();
  let cpuAtOpen: number | undefined;
  try {
    await chromium.page.goto(`${consoleUrl}#timeline`);
    await chromium.page.getByTestId('timeline').waitFor({ timeout: PAGE_SHOWN_WITHIN_MS });
    await delay(PAGE_SETTLE_MS);
    // The launch and the page's first load are not the run's: count from here.
    cpuAtOpen = descendantsCpuMs(process.pid, CHROMIUM_COMMAND);
  } catch (error) {
    await chromium.close();
    throw error;
  }
  return async () => {
    try {
      await delay(LAST_EVENTS_WAIT_MS);
      const shown = await chromium.page.getByTestId('timeline').getAttribute('data-invocations');
      onWatched({
        watcher: 'chromium',
        seen: Number(shown ?? 0),
        pageErrors: [...chromium.pageErrors],
        browserCpuMs: cpuSince(cpuAtOpen, descendantsCpuMs(process.pid, CHROMIUM_COMMAND)),
      });
    } finally {
      await chromium.close();
    }
  };
}

/** A Node client reading the event stream as the page would, counting the events it gets. */
async function followWithSseClient(
  eventsUrl: string,
  onWatched: (watched: WatchedRun) => void,
): Promise<() => Promise<void>> {
  const abort = new AbortController();
  const response = await fetch(eventsUrl, { signal: abort.signal });
  if (!response.ok || response.body === null) {
    throw new Error(`the console's event stream answered ${response.status} at ${eventsUrl}`);
  }
  let events = 0;
  const reading = (async () => {
    const decoder = new TextDecoder();
    // An event ends with a blank line, which may straddle two chunks.
    let unfinished = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        const parts = (unfinished + decoder.decode(chunk, { stream: true })).split('\n\n');
        events += parts.length - 1;
        unfinished = parts[parts.length - 1];
      }
    } catch (error) {
      if (!abort.signal.aborted) throw error;
    }
  })();
  return async () => {
    await delay(LAST_EVENTS_WAIT_MS);
    abort.abort();
    await reading;
    onWatched({ watcher: 'sse-client', seen: events, pageErrors: [] });
  };
}

function cpuSince(atOpen: number | undefined, atClose: number | undefined): number | undefined {
  return atOpen === undefined || atClose === undefined ? undefined : atClose - atOpen;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
