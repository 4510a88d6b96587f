/** A step series reduced to what a range of pixel columns can show. */
export interface BusyColumns {
  /** Each kept column's start (cloud epoch ms), ascending; the last entry is the range's end. */
  readonly times: number[];
  /** The highest count within the column that starts at the same index; the last repeats it. */
  readonly busy: number[];
}

/** A step series: `busy[i]` holds from `times[i]` to `times[i + 1]`, and 0 before `times[0]`. */
export interface StepSeries {
  readonly times: readonly number[];
  readonly busy: readonly number[];
}

/**
 * Reduces a step series to at most one point per pixel column of [`startMs`, `endMs`], each with
 * the HIGHEST count the series reaches within that column (the count carried in from before the
 * column included), so a stepped line over the result never shows less than the series did: a
 * count at the cap stays at the cap however far the view is zoomed out. Neighbouring columns with
 * the same count are merged. Work is proportional to the points in range plus `columns`.
 */
export function busyColumns(
  series: StepSeries,
  startMs: number,
  endMs: number,
  columns: number,
): BusyColumns {
  const count = Math.max(1, Math.floor(columns));
  const widthMs = (endMs - startMs) / count;
  const times: number[] = [];
  const busy: number[] = [];
  if (!(widthMs > 0)) return { times, busy };
  let index = firstAtOrAfter(series.times, startMs);
  let carried = index > 0 ? series.busy[index - 1] : 0;
  for (let column = 0; column < count; column += 1) {
    const columnStart = startMs + column * widthMs;
    const columnEnd = column === count - 1 ? endMs : startMs + (column + 1) * widthMs;
    let most = carried;
    while (index < series.times.length && series.times[index] < columnEnd) {
      carried = series.busy[index];
      most = Math.max(most, carried);
      index += 1;
    }
    if (busy.length === 0 || busy[busy.length - 1] !== most) {
      times.push(columnStart);
      busy.push(most);
    }
  }
  times.push(endMs);
  busy.push(busy[busy.length - 1]);
  return { times, busy };
}

function firstAtOrAfter(times: readonly number[], ms: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] < ms) low = middle + 1;
    else high = middle;
  }
  return low;
}
