import type { InvocationSummary } from '../console-contract';
import { parsePlatformLine } from '../platform-line';

/** One line of an invocation's durations: what it measures, its value, and how to read it. */
export interface DurationFact {
  readonly term: string;
  readonly value: string;
  readonly note?: string;
}

/** A duration as people read it: `312 ms`, `3.12 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * The durations of an invocation, each saying which clock measured it. The REPORT line's are real
 * milliseconds, as CloudWatch shows them (function code runs in real time); START to END is read
 * from the log timestamps, which are the cloud's clock, `timeScale` times faster than real time.
 * With a REPORT line, its real duration comes first, since that is what a user compares with
 * CloudWatch; the cloud's clock follows, as the timeline draws it.
 *
 * @example
 * durationFacts({ ...summary, startMs: 0, endMs: 3120 }, 'REPORT RequestId: r\tDuration: 312.00 ms', 10);
 * // [{ term: 'Duration (REPORT, real time)', value: '312 ms' },
 * //  { term: "START to END on the cloud's clock", value: '3.12 s',
 //    note: "time scale 10: the cloud's clock runs 10× as fast as real time, so about 312 ms of real time" }]
 */
export function durationFacts(
  summary: InvocationSummary,
  reportLine: string | undefined,
  timeScale: number | undefined,
): DurationFact[] {
  const report = reportLine === undefined ? undefined : parsePlatformLine(reportLine);
  const real = report?.kind === 'report' ? report : undefined;
  const facts: DurationFact[] = [];
  if (real?.durationMs !== undefined)
    facts.push({ term: 'Duration (REPORT, real time)', value: formatDuration(real.durationMs) });
  if (real?.initDurationMs !== undefined)
    facts.push({ term: 'Init duration (REPORT, real time)', value: formatDuration(real.initDurationMs) });
  const cloud = summary.endMs === undefined ? undefined : summary.endMs - summary.startMs;
  facts.push({
    term: "START to END on the cloud's clock",
    value: cloud === undefined ? 'running' : formatDuration(cloud),
    note: clockNote(cloud, timeScale),
  });
  if (summary.initDurationMs !== undefined) {
    facts.push({
      term: "Cold start (INIT) on the cloud's clock",
      value: formatDuration(summary.initDurationMs),
    });
  }
  return facts;
}

function clockNote(cloudMs: number | undefined, timeScale: number | undefined): string {
  if (timeScale === undefined) return 'the clock the timeline draws; its time scale was not recorded';
  if (timeScale === 1) return 'time scale 1: the same as real time';
  const real = cloudMs === undefined ? '' : `, so about ${formatDuration(cloudMs / timeScale)} of real time`;
  return `time scale ${timeScale}: the cloud's clock runs ${timeScale}× as fast as real time${real}`;
}
