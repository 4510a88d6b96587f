import { InvalidParameterException } from './errors';

/** A sort key: compared element by element, numbers as numbers and strings as strings. */
export type SortKey = readonly (string | number)[];

function compareKeys(a: SortKey, b: SortKey): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const [x, y] = [a[index], b[index]];
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

function invalidToken(): never {
  throw new InvalidParameterException('The specified nextToken is invalid.');
}

function decodeCursor(token: string): SortKey {
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key;
    }
  } catch {
    // an unreadable token is answered below, as CloudWatch Logs answers it
  }
  return invalidToken();
}

/** The first items, in order, up to `limit` and (past the first item) up to `maximumBytes` in all. */
function takePage<T>(
  items: readonly T[],
  options: { readonly limit: number; readonly sizeOf?: (item: T) => number; readonly maximumBytes?: number },
): T[] {
  const page: T[] = [];
  let bytes = 0;
  for (const item of items) {
    if (page.length === options.limit) break;
    bytes += options.sizeOf?.(item) ?? 0;
    if (page.length > 0 && options.maximumBytes !== undefined && bytes > options.maximumBytes) break;
    page.push(item);
  }
  return page;
}

/** One page of a listing and the token of the next, absent on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/**
 * A page of `items` in the order of their sort keys, starting after the item a `nextToken` names.
 * The token holds the last returned item's key, not an offset, so items added or removed between
 * two calls neither repeat nor get skipped, and a token is returned only when more items follow, so
 * a caller that pages until there is none (`aws logs tail --follow`, the SDK's paginators) stops.
 *
 * @param keyOf a unique key per item, such as `[timestamp, sequence]` or `[name]`
 * @param maximumBytes a page stops short of passing it (with at least one item); `sizeOf` tells an item's size
 */
export function pageAfter<T>(
  items: readonly T[],
  options: {
    readonly keyOf: (item: T) => SortKey;
    readonly limit: number;
    readonly nextToken?: string;
    readonly descending?: boolean;
    readonly sizeOf?: (item: T) => number;
    readonly maximumBytes?: number;
  },
): Page<T> {
  const direction = options.descending ? -1 : 1;
  // Each item's key is made once, not at every comparison of the sort.
  const sorted = items
    .map((item) => ({ item, key: options.keyOf(item) }))
    .sort((a, b) => direction * compareKeys(a.key, b.key));
  const cursor = options.nextToken === undefined ? undefined : decodeCursor(options.nextToken);
  const remaining = (
    cursor === undefined ? sorted : sorted.filter(({ key }) => direction * compareKeys(key, cursor) > 0)
  ).map(({ item }) => item);
  const page = takePage(remaining, options);
  if (page.length === remaining.length) return { items: page };
  const lastKey = options.keyOf(page[page.length - 1]);
  return { items: page, nextToken: Buffer.from(JSON.stringify(lastKey)).toString('base64url') };
}

/** A GetLogEvents position: before (`b`) or from (`f`) the event at `index` in its stream. */
export interface StreamPosition {
  readonly direction: 'f' | 'b';
  readonly index: number;
}

/** Tokens are written as CloudWatch Logs writes them: `f/<56 digits>/s` and `b/<56 digits>/s`. */
const STREAM_TOKEN = /^([fb])\/(\d{1,56})\/s$/;

export function streamToken(position: StreamPosition): string {
  return `${position.direction}/${String(position.index).padStart(56, '0')}/s`;
}

/** @throws InvalidParameterException on a token that this service did not give */
export function parseStreamToken(token: string): StreamPosition {
  const match = STREAM_TOKEN.exec(token);
  if (!match) return invalidToken();
  return { direction: match[1] as 'f' | 'b', index: Number(match[2]) };
}

/** One GetLogEvents answer: the events and the tokens to read on in either direction. */
export interface StreamPage<T> {
  readonly events: T[];
  readonly nextForwardToken: string;
  readonly nextBackwardToken: string;
}

/**
 * GetLogEvents' paging over one stream's events (in stream order, each with its position `index`),
 * as CloudWatch Logs does it: without a token, the last `limit` events, or the first ones with
 * `startFromHead`; with `f/N`, the events from position N on; with `b/N`, the ones before N. At
 * either end nothing more comes and the token given is returned unchanged, which is how a reader
 * that follows `nextForwardToken` knows it has caught up.
 *
 * @param options.end the position the stream's next event will have
 * @param options.maximumBytes a page stops short of passing it (with at least one event), as
 *   CloudWatch's answers stop at 1 MB; `sizeOf` tells an event's size
 */
export function pageStream<T extends { readonly index: number }>(
  events: readonly T[],
  options: {
    readonly limit: number;
    readonly end: number;
    readonly startFromHead?: boolean;
    readonly nextToken?: string;
    readonly sizeOf?: (event: T) => number;
    readonly maximumBytes?: number;
  },
): StreamPage<T> {
  const position: StreamPosition =
    options.nextToken !== undefined
      ? parseStreamToken(options.nextToken)
      : options.startFromHead
        ? { direction: 'f', index: 0 }
        : { direction: 'b', index: options.end };
  const forward = position.direction === 'f';
  const candidates = forward
    ? events.filter((event) => event.index >= position.index)
    : events.filter((event) => event.index < position.index).reverse();
  // Taken from the position outwards: forward from N, or backward from just before N.
  const page = takePage(candidates, options);
  if (!forward) page.reverse();
  if (page.length === 0) {
    const same = streamToken(position);
    const other = streamToken({ direction: position.direction === 'f' ? 'b' : 'f', index: position.index });
    return position.direction === 'f'
      ? { events: page, nextForwardToken: same, nextBackwardToken: other }
      : { events: page, nextForwardToken: other, nextBackwardToken: same };
  }
  return {
    events: page,
    nextForwardToken: streamToken({ direction: 'f', index: page[page.length - 1].index + 1 }),
    nextBackwardToken: streamToken({ direction: 'b', index: page[0].index }),
  };
}
