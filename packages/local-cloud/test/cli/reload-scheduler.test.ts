import { setTimeout as sleep } from 'node:timers/promises';
import { ReloadScheduler } from '../../src/cli/reload-scheduler';

/** Long enough that a loaded machine's timer jitter does not end a burst early. */
const QUIET_MS = 200;

/** A scheduler whose reloads last `reloadMs` each, and what it did. */
function schedulerWith(reloadMs = 0) {
  const runs: number[] = [];
  const errors: unknown[] = [];
  let running = 0;
  let overlapped = false;
  const scheduler = new ReloadScheduler({
    quietMs: QUIET_MS,
    run: async (firstChangeAt) => {
      running++;
      overlapped ||= running > 1;
      runs.push(firstChangeAt);
      await sleep(reloadMs);
      running--;
    },
    onError: (error) => errors.push(error),
  });
  return { scheduler, runs, errors, overlapped: () => overlapped };
}

describe('reloads of a watched app', () => {
  test('a burst of changes is one reload, once the burst has been quiet, timed from its first change', async () => {
    const { scheduler, runs } = schedulerWith();
    const first = Date.now();
    for (let change = 0; change < 5; change++) {
      scheduler.changed();
      await sleep(QUIET_MS / 10);
    }
    expect(runs).toHaveLength(0);

    await sleep(QUIET_MS * 3);
    await scheduler.close();

    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeGreaterThanOrEqual(first);
    expect(runs[0]).toBeLessThan(first + QUIET_MS);
  });

  test('a change during a reload starts one more reload after it, never two at once', async () => {
    const { scheduler, runs, overlapped } = schedulerWith(QUIET_MS * 4);
    scheduler.changed();
    await sleep(QUIET_MS * 2);
    expect(runs).toHaveLength(1);

    scheduler.changed();
    scheduler.changed();
    await sleep(QUIET_MS * 8);
    await scheduler.close();

    expect(runs).toHaveLength(2);
    expect(overlapped()).toBe(false);
  });

  test('a reload that fails is reported, and the next change reloads again', async () => {
    const errors: unknown[] = [];
    let attempts = 0;
    const scheduler = new ReloadScheduler({
      quietMs: QUIET_MS,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error('synthesis failed');
      },
      onError: (error) => errors.push(error),
    });

    scheduler.changed();
    await sleep(QUIET_MS * 3);
    scheduler.changed();
    await sleep(QUIET_MS * 3);
    await scheduler.close();

    expect(attempts).toBe(2);
    expect(errors).toEqual([new Error('synthesis failed')]);
  });

  test('after close, changes reload nothing and a pending reload does not start', async () => {
    const { scheduler, runs } = schedulerWith();
    scheduler.changed();
    await scheduler.close();
    scheduler.changed();
    await sleep(QUIET_MS * 3);

    expect(runs).toHaveLength(0);
  });
});
