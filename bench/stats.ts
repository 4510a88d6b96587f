/**
 * A set of samples reduced to its median and spread: what every figure of `npm run bench` reports,
 * so one number never hides how much the runs disagreed.
 */
export interface Spread {
  readonly count: number;
  readonly median: number;
  readonly min: number;
  readonly p25: number;
  readonly p75: number;
  readonly max: number;
}

/**
 * The `fraction` quantile of sorted samples, interpolating linearly between the two nearest ranks
 * (the method of NumPy's and R's default), so the median of an even count is the mean of the middle two.
 *
 * @param sorted samples in ascending order, at least one
 * @param fraction from 0 (the minimum) to 1 (the maximum)
 * @example quantile([1, 2, 3, 4], 0.5) === 2.5
 */
export function quantile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) throw new RangeError('a quantile needs at least one sample (given none)');
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new RangeError(`a quantile's fraction must be between 0 and 1 (given ${fraction})`);
  }
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * The median and spread of samples, in any order.
 *
 * @example summarize([5, 1, 3]) // { count: 3, median: 3, min: 1, p25: 2, p75: 4, max: 5 }
 */
export function summarize(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((left, right) => left - right);
  return {
    count: sorted.length,
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1],
  };
}

/**
 * A number for a table: thousands separated, and as many decimals as make sense for its size
 * (two below 10, one below 100, none above).
 *
 * @example formatNumber(1234.56) === '1,235'; formatNumber(2.71828) === '2.72'
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * The spread of a figure as the table's detail column shows it.
 *
 * @example formatSpread(summarize([1, 2, 3])) === 'n=3, min 1.00, p25 1.50, p75 2.50, max 3.00'
 */
export function formatSpread(spread: Spread): string {
  return (
    `n=${spread.count}, min ${formatNumber(spread.min)}, p25 ${formatNumber(spread.p25)}, ` +
    `p75 ${formatNumber(spread.p75)}, max ${formatNumber(spread.max)}`
  );
}

/**
 * How much slower `open` is than `none`, in percent of `none` (negative: faster).
 *
 * @example slowdownPercent(1000, 960) === 4
 */
export function slowdownPercent(none: number, open: number): number {
  return ((none - open) / none) * 100;
}
