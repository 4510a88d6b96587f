import { InvalidFilterPatternError } from './filter-pattern-error';
import { compileJsonFilterPattern } from './json-filter-pattern';
import { compileSpaceDelimitedFilterPattern } from './space-delimited-filter-pattern';

/** A compiled filter pattern: true when a log event's message matches. */
export type LogEventMatcher = (message: string) => boolean;

/** One term of a text pattern: `ERROR`, `"Task timed out"`, `?WARN`, `-DEBUG`. */
interface Term {
  readonly kind: 'required' | 'optional' | 'excluded';
  readonly text: string;
}

/** Splits a text pattern into terms; double quotes keep a phrase (with `\"` inside) in one term. */
function parseTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  let position = 0;
  let pendingExclusion = false;
  while (position < pattern.length) {
    if (/\s/.test(pattern[position])) {
      position++;
      continue;
    }
    let kind: Term['kind'] = pendingExclusion ? 'excluded' : 'required';
    pendingExclusion = false;
    if (pattern[position] === '?' || pattern[position] === '-') {
      kind = pattern[position] === '?' ? 'optional' : 'excluded';
      position++;
      // `"ERROR" - "Exiting"`: a lone minus excludes the term after it.
      if (position >= pattern.length || /\s/.test(pattern[position])) {
        if (kind === 'optional')
          throw new InvalidFilterPatternError(pattern, '"?" must come right before a term');
        pendingExclusion = true;
        continue;
      }
    }
    let text = '';
    if (pattern[position] === '"') {
      let closed = false;
      for (position++; position < pattern.length; position++) {
        const character = pattern[position];
        if (character === '\\' && position + 1 < pattern.length) text += pattern[++position];
        else if (character === '"') {
          closed = true;
          position++;
          break;
        } else text += character;
      }
      if (!closed) throw new InvalidFilterPatternError(pattern, 'a quoted term needs a closing "');
    } else {
      while (position < pattern.length && !/\s/.test(pattern[position])) {
        if (pattern[position] === '"') {
          throw new InvalidFilterPatternError(
            pattern,
            `a quote inside the term "${text}" (quote the whole term)`,
          );
        }
        text += pattern[position++];
      }
    }
    if (text === '') throw new InvalidFilterPatternError(pattern, 'an empty term ("")');
    terms.push({ kind, text });
  }
  if (pendingExclusion) throw new InvalidFilterPatternError(pattern, '"-" must be followed by a term');
  return terms;
}

function compileTerms(pattern: string): LogEventMatcher {
  const terms = parseTerms(pattern);
  const required = terms.filter((term) => term.kind === 'required').map((term) => term.text);
  const optional = terms.filter((term) => term.kind === 'optional').map((term) => term.text);
  const excluded = terms.filter((term) => term.kind === 'excluded').map((term) => term.text);
  return (message) =>
    required.every((text) => message.includes(text)) &&
    (optional.length === 0 || optional.some((text) => message.includes(text))) &&
    !excluded.some((text) => message.includes(text));
}

function compileRegex(pattern: string, source: string): LogEventMatcher {
  try {
    const regex = new RegExp(source);
    return (message) => regex.test(message);
  } catch (error) {
    throw new InvalidFilterPatternError(pattern, `invalid regular expression: ${(error as Error).message}`);
  }
}

/** The JSON document of a message, or undefined when the message is not a JSON object or array. */
function parseJson(message: string): unknown {
  const text = message.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Compiles a CloudWatch Logs filter pattern into a matcher of log event messages, with the syntax
 * FilterLogEvents, metric filters and `aws logs tail --filter-pattern` share:
 * - empty: every event;
 * - terms, all of which must appear (case-sensitive): `ERROR Exception`; a quoted phrase is one term:
 *   `"Task timed out"`;
 * - `?ERROR ?WARN`: any of the `?` terms (and every plain term, if there are any);
 * - `-DEBUG` or `- "health check"`: none of these;
 * - `%regex%`: a regular expression on the whole message;
 * - `{ $.level = "ERROR" && $.orderId = "o-*" }`: JSON patterns, see {@link compileJsonFilterPattern};
 *   they never match a message that is not JSON, such as Lambda's START and REPORT lines;
 * - `[ip, user, ..., status_code = 4*, bytes > 1000]`: space-delimited patterns, see
 *   {@link compileSpaceDelimitedFilterPattern}.
 *
 * @example
 * const matches = compileFilterPattern('{ $.level = "ERROR" }');
 * matches('{"level":"ERROR","message":"order rejected"}'); // true
 * matches('REPORT RequestId: 1 Duration: 2.00 ms'); // false
 * @throws InvalidFilterPatternError when CloudWatch Logs would refuse the pattern
 */
export function compileFilterPattern(pattern: string): LogEventMatcher {
  const trimmed = pattern.trim();
  if (trimmed === '') return () => true;
  if (trimmed.startsWith('{')) {
    const condition = compileJsonFilterPattern(pattern);
    return (message) => {
      const document = parseJson(message);
      return document !== undefined && condition(document);
    };
  }
  if (trimmed.startsWith('[')) return compileSpaceDelimitedFilterPattern(pattern);
  if (trimmed.length > 1 && trimmed.startsWith('%') && trimmed.endsWith('%')) {
    return compileRegex(pattern, trimmed.slice(1, -1));
  }
  return compileTerms(trimmed);
}
