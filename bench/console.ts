import { loadavg } from 'node:os';
import type { LocalCloud } from 'local-cloud';
import type { Benchmark, BenchmarkResult, BenchmarkRow } from './benchmark';
import { chromiumMissing } from './chromium';
import { type ConsoleWatcher, openConsoleWatcher, type WatchedRun } from './console-open';
import { createEndToEndBenchmark } from './e2e';
import { formatNumber, formatSpread, type Spread, slowdownPercent, summarize } from './stats';

/** Orders per end-to-end run: on 2 cores a run is mostly batching windows and synthesis, and the pairs fit in about 3 minutes. */
export const CONSOLE_BENCH_ORDERS = 2_000;
/** Runs of each condition, taken in turn (none, open, none, open…) so drift hits both alike. */
const RUNS_PER_CONDITION = 5;
/** Once this much has passed, no further pair starts (the first three pairs always run). */
const PAIR_BUDGET_MS = 120_000;
const MIN_RUNS_PER_CONDITION = 3;
/** The target: the console open slows the end-to-end run by less than this. */
const TARGET_PERCENT = 5;

/** One end-to-end run's figures, as `bench/e2e.ts` reports them, with what the watcher saw. */
interface ConditionRun {
  readonly ordersPerSecond: number;
  readonly cpuMillisecondsPerOrder: number;
  readonly stored: number;
  readonly settled: boolean;
  readonly watched?: WatchedRun;
}

/** Runs the end-to-end bench once, with the console open beside it or not. */
async function runOnce(orders: number, withConsole: boolean): Promise<ConditionRun> {
  let watched: WatchedRun | undefined;
  const beside = withConsole
    ? (cloud: LocalCloud) =>
        openConsoleWatcher(cloud, (seen) => {
          watched = seen;
        })
    : undefined;
  const { figures } = await createEndToEndBenchmark({ orders, beside }).run();
  const run = figures as unknown as Omit<ConditionRun, 'watched'>;
  if (watched && watched.pageErrors.length > 0) {
    throw new Error(`the console's page raised errors during the run: ${watched.pageErrors.join('; ')}`);
  }
  return { ...run, watched };
}

/** The two conditions in turn, at least three runs each, more while the budget lasts. */
async function alternate(orders: number): Promise<{ none: ConditionRun[]; open: ConditionRun[] }> {
  const none: ConditionRun[] = [];
  const open: ConditionRun[] = [];
  const started = Date.now();
  for (let pair = 0; pair < RUNS_PER_CONDITION; pair += 1) {
    if (pair >= MIN_RUNS_PER_CONDITION && Date.now() - started > PAIR_BUDGET_MS) break;
    none.push(await runOnce(orders, false));
    open.push(await runOnce(orders, true));
  }
  return { none, open };
}

function watcherLabel(watcher: ConsoleWatcher | undefined): string {
  return watcher === 'chromium'
    ? 'console open: server + page in headless chromium on Timeline, following over SSE'
    : `console open: server + SSE CLIENT ONLY (a Node fetch of /_console/api/events; ${chromiumMissing()})`;
}

function spreadOf(runs: readonly ConditionRun[], figure: (run: ConditionRun) => number): Spread {
  return summarize(runs.map(figure));
}

const rateOf = (run: ConditionRun) => run.ordersPerSecond;
const cpuOf = (run: ConditionRun) => run.cpuMillisecondsPerOrder;

/** Chromium's CPU per order beside the cloud's, when the page ran and /proc could tell. */
function browserCpuRows(open: readonly ConditionRun[]): BenchmarkRow[] {
  const perOrder = open.flatMap((run) =>
    run.watched?.browserCpuMs === undefined ? [] : [run.watched.browserCpuMs / run.stored],
  );
  if (perOrder.length === 0) return [];
  const measure = "console open: chromium's CPU per order (its processes, page shown to run's end), median";
  return [medianRow(measure, summarize(perOrder), 'ms', 2)];
}

/** A row of a figure's median, its spread in the detail. */
function medianRow(measure: string, spread: Spread, unit: string, digits: number): BenchmarkRow {
  return { measure, value: Number(spread.median.toFixed(digits)), unit, detail: formatSpread(spread) };
}

function rows(
  none: readonly ConditionRun[],
  open: readonly ConditionRun[],
  load: readonly [number, number],
): BenchmarkRow[] {
  const [noneRate, openRate] = [spreadOf(none, rateOf), spreadOf(open, rateOf)];
  const [noneCpu, openCpu] = [spreadOf(none, cpuOf), spreadOf(open, cpuOf)];
  const slowdown = slowdownPercent(noneRate.median, openRate.median);
  const watched = open[0]?.watched;
  const unsettled = [...none, ...open].filter((run) => !run.settled).length;
  const seen = open.map((run) => formatNumber(run.watched?.seen ?? 0)).join(', ');
  return [
    medianRow('no console: orders stored/s, median', noneRate, 'orders/s', 0),
    medianRow(`${watcherLabel(watched?.watcher)}: orders stored/s, median`, openRate, 'orders/s', 0),
    {
      measure: `console open vs none, slower by (target under ${TARGET_PERCENT} %)`,
      value: Number(slowdown.toFixed(1)),
      unit: '%',
      detail: `${Math.abs(slowdown) < TARGET_PERCENT ? 'met' : 'NOT met'}; medians of ${none.length} runs each, taken in turn; ${unsettled} runs did not settle`,
    },
    medianRow('no console: CPU per order, median', noneCpu, 'ms', 2),
    medianRow('console open: CPU per order, median', openCpu, 'ms', 2),
    {
      measure: 'console open vs none, more CPU per order by',
      value: Number((-slowdownPercent(noneCpu.median, openCpu.median)).toFixed(1)),
      unit: '%',
      detail:
        "this process's threads only (the cloud, its Lambda workers, the console server), not chromium's",
    },
    ...browserCpuRows(open),
    {
      measure:
        watched?.watcher === 'chromium'
          ? 'invocations the page showed at the end'
          : 'SSE events the client got',
      value: watched?.seen ?? 0,
      unit: 'per run',
      detail: `each run: ${seen}; load average (1 min) ${load[0].toFixed(2)} before, ${load[1].toFixed(2)} after`,
    },
  ];
}

/**
 * The console must not slow the cloud: the end-to-end bench's run with no console against the same
 * run with the web console open and its page following the run, taken in turn.
 */
export function createConsoleBenchmark(orders = CONSOLE_BENCH_ORDERS): Benchmark {
  return {
    name: 'console',
    description:
      `${orders.toLocaleString('en-US')} valid orders through the end-to-end bench's pipeline ` +
      `(-c maxConcurrency=10, time scale 1), with no console and with the console open, in turn`,
    async run(): Promise<BenchmarkResult> {
      const loadBefore = loadavg()[0];
      const { none, open } = await alternate(orders);
      const load = [loadBefore, loadavg()[0]] as const;
      const [noneRate, openRate] = [spreadOf(none, rateOf), spreadOf(open, rateOf)];
      return {
        rows: rows(none, open, load),
        figures: {
          orders,
          timeScale: 1,
          maxConcurrency: 10,
          watcher: open[0]?.watched?.watcher,
          loadAverageBefore: load[0],
          loadAverageAfter: load[1],
          noConsole: { ordersPerSecond: noneRate, runs: none },
          consoleOpen: { ordersPerSecond: openRate, runs: open },
          slowdownPercent: slowdownPercent(noneRate.median, openRate.median),
        },
      };
    },
  };
}
