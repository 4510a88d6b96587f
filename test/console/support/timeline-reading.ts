import type { Page } from 'playwright-core';

/** A bar of the timeline, as the page describes the focused bar in words (`timeline-focus`). */
export interface BarSeen {
  readonly functionName: string;
  /** Records in the batch; absent for a direct invoke. */
  readonly batchSize?: number;
  /** Which attempt of its request this was, and of how many; absent for a request that ran once. */
  readonly attempt?: number;
  readonly attempts?: number;
  readonly outcome: string;
  /** Seconds from the first bar's start, to the millisecond. */
  readonly startSeconds: number;
  readonly durationMs: number;
  readonly logStreamName: string;
}

/** What the timeline's root states about what it draws (its `data-*` attributes). */
export interface TimelineFacts {
  readonly lanes: number;
  readonly invocations: number;
  readonly batches: number;
  readonly records: number;
  /** Per function with a mapping, by name: the most of its invocations running at once. */
  readonly maxBusy: Readonly<Record<string, number>>;
}

/** The most lanes a page can have that {@link walkTimeline} walks: more means it is stuck. */
const MAX_LANES = 50;
/** The most bars one lane can have that it walks. */
const MAX_BARS_PER_LANE = 500;

const DESCRIPTION =
  /^(.+?), (?:direct invoke|batch of (\d+))(?:, attempt (\d+) of (\d+) of its request)?, (\w+), (\d+) ms(?:, cold start \d+ ms)?, started at \+([\d.]+) s on (.+)\. Enter opens it\.$/;

/** Reads a bar's description (`timeline-view.tsx`'s `describeBar`). */
export function parseBarDescription(text: string): BarSeen {
  const match = DESCRIPTION.exec(text);
  if (match === null) throw new Error(`not a bar's description: ${JSON.stringify(text)}`);
  const [, functionName, batchSize, attempt, attempts, outcome, durationMs, startSeconds, logStreamName] =
    match;
  return {
    functionName,
    ...(batchSize === undefined ? {} : { batchSize: Number(batchSize) }),
    ...(attempt === undefined ? {} : { attempt: Number(attempt), attempts: Number(attempts) }),
    outcome,
    startSeconds: Number(startSeconds),
    durationMs: Number(durationMs),
    logStreamName,
  };
}

/** The timeline's `data-*` attributes, on the page's timeline view. */
export async function timelineFacts(page: Page): Promise<TimelineFacts> {
  const timeline = page.getByTestId('timeline');
  const number = async (name: string) => Number(await timeline.getAttribute(`data-${name}`));
  return {
    lanes: await number('lanes'),
    invocations: await number('invocations'),
    batches: await number('batches'),
    records: await number('records'),
    maxBusy: JSON.parse((await timeline.getAttribute('data-max-busy')) ?? 'null'),
  };
}

/**
 * Every bar of the timeline, read the way a keyboard user reads them: focus the canvas, Home, then
 * along each lane with the arrows (the page says the focused bar in words), lane after lane.
 */
export async function walkTimeline(page: Page): Promise<BarSeen[]> {
  const canvas = page.getByTestId('timeline-canvas');
  const focusText = async () => (await page.getByTestId('timeline-focus').textContent()) ?? '';
  const move = async (key: string) => {
    await canvas.press(key);
    return focusText();
  };
  const seen: string[] = [];
  await canvas.focus();
  let current = await move('Home');
  for (let lane = 0; lane < MAX_LANES; lane += 1) {
    for (let step = 0; step < MAX_BARS_PER_LANE; step += 1) {
      const previous = await move('ArrowLeft');
      if (previous === current) break;
      current = previous;
    }
    for (let step = 0; step < MAX_BARS_PER_LANE; step += 1) {
      if (!seen.includes(current)) seen.push(current);
      const next = await move('ArrowRight');
      if (next === current) break;
      current = next;
    }
    const below = await move('ArrowDown');
    if (below === current) return seen.map(parseBarDescription);
    current = below;
  }
  throw new Error(`the timeline has more than ${MAX_LANES} lanes, or the walk is stuck`);
}

/** The most bars of one function that overlap in time: a bar ending as another starts does not. */
export function mostAtOnce(bars: readonly BarSeen[]): number {
  const changes = bars.flatMap((bar) => {
    const startMs = Math.round(bar.startSeconds * 1000);
    return [
      [startMs, 1],
      [startMs + bar.durationMs, -1],
    ] as const;
  });
  changes.sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  let running = 0;
  let most = 0;
  for (const [, change] of changes) {
    running += change;
    most = Math.max(most, running);
  }
  return most;
}
