/** A number as filter patterns write them: an optional sign, a decimal, an optional exponent. */
export const FILTER_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Whether a field's text equals a filter pattern's value, where `*` at the start or end of the value
 * matches any text there (`4*`, `*Event`, `*html*`) and a `*` inside is a literal character, as
 * CloudWatch Logs documents it.
 */
export function matchesWildcard(text: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const leading = pattern.startsWith('*');
  const trailing = pattern.endsWith('*');
  const core = pattern.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  if (leading && trailing) return text.includes(core);
  if (leading) return text.endsWith(core);
  if (trailing) return text.startsWith(core);
  return text === core;
}
