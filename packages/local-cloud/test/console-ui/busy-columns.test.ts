import { busyColumns, type StepSeries } from '../../src/console/ui/busy-columns';

/** The series' highest count over [fromMs, toMs), the count carried in from before included. */
function highestIn(series: StepSeries, fromMs: number, toMs: number): number {
  let most = 0;
  let carried = 0;
  for (let index = 0; index < series.times.length; index += 1) {
    if (series.times[index] < fromMs) carried = series.busy[index];
    else if (series.times[index] < toMs) most = Math.max(most, series.busy[index]);
  }
  return Math.max(most, carried);
}

/** The reduced step's count at `ms`. */
function countAt(reduced: { times: number[]; busy: number[] }, ms: number): number {
  let count = 0;
  for (let index = 0; index < reduced.times.length && reduced.times[index] <= ms; index += 1)
    count = reduced.busy[index];
  return count;
}

/** A deterministic series of `changes` steps between 0 and 3, a few ms apart. */
function steppingSeries(changes: number, seed: number): StepSeries {
  const times: number[] = [];
  const busy: number[] = [];
  let state = seed;
  let ms = 1000;
  for (let index = 0; index < changes; index += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    ms += 1 + (state % 7);
    times.push(ms);
    busy.push(state % 4);
  }
  return { times, busy };
}

describe('busyColumns', () => {
  test.each([
    [2000, 1, 50],
    [20_000, 7, 1236],
    [20_000, 11, 3],
  ])(
    'keeps the highest count of every column exactly (%i changes, seed %i, %i columns)',
    (changes, seed, columns) => {
      const series = steppingSeries(changes, seed);
      const startMs = series.times[10] - 0.5;
      const endMs = series.times[changes - 10];
      const reduced = busyColumns(series, startMs, endMs, columns);
      const widthMs = (endMs - startMs) / columns;

      for (let column = 0; column < columns; column += 1) {
        const from = startMs + column * widthMs;
        const to = column === columns - 1 ? endMs : startMs + (column + 1) * widthMs;
        expect([column, countAt(reduced, from)]).toStrictEqual([column, highestIn(series, from, to)]);
      }
      expect(reduced.times.length).toBeLessThanOrEqual(columns + 1);
      expect(reduced.times[reduced.times.length - 1]).toBe(endMs);
    },
  );

  test('a column with a short peak at the cap shows the cap, however wide the column', () => {
    const series = { times: [0, 10, 11, 500], busy: [1, 2, 1, 0] };

    expect(busyColumns(series, 0, 1000, 2)).toStrictEqual({ times: [0, 500, 1000], busy: [2, 1, 1] });
  });

  test('carries in the count from before the range and merges columns of the same count', () => {
    const series = { times: [0, 100], busy: [2, 0] };

    expect(busyColumns(series, 50, 90, 4)).toStrictEqual({ times: [50, 90], busy: [2, 2] });
  });

  test('an empty range or series gives the counts of nothing', () => {
    expect(busyColumns({ times: [], busy: [] }, 0, 10, 5)).toStrictEqual({ times: [0, 10], busy: [0, 0] });
    expect(busyColumns({ times: [1], busy: [1] }, 10, 10, 5)).toStrictEqual({ times: [], busy: [] });
  });
});
