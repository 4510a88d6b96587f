/** The console's views, in the nav's order. */
export const VIEWS = ['overview', 'timeline', 'queues', 'dead-letters', 'logs', 'tables', 'alarms'] as const;

export type ViewName = (typeof VIEWS)[number];

/** What the nav shows for each view. */
export const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  overview: 'Overview',
  timeline: 'Timeline',
  queues: 'Queues',
  'dead-letters': 'Dead letters',
  logs: 'Logs',
  tables: 'Tables',
  alarms: 'Alarms',
};

/** Where the page is: a view, the item it shows (a queue, a table), and an open invocation. */
export interface ConsoleRoute {
  readonly view: ViewName;
  readonly item?: string;
  readonly invocation?: string;
  /** The top-level attribute a table's items are grouped by, e.g. `reason`. */
  readonly groupBy?: string;
}

/**
 * Reads the address's fragment: `#<view>[/<item>][/invocation/<requestId>][?groupBy=<attribute>]`,
 * e.g. `#queues/orders`, `#dead-letters/invocation/abc` or `#tables/Rejected?groupBy=reason`; a
 * leading `/` (`#/tables/...`) is read the same. Anything else is the overview.
 */
export function parseRoute(hash: string): ConsoleRoute {
  const fragment = hash.replace(/^#\/?/, '');
  const queryAt = fragment.indexOf('?');
  const path = queryAt < 0 ? fragment : fragment.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : fragment.slice(queryAt + 1));
  const parts = path.split('/').map(decodePart);
  const view = VIEWS.find((name) => name === parts[0]);
  if (view === undefined) return { view: 'overview' };
  const invocationAt = parts.indexOf('invocation', 1);
  const item = invocationAt === 1 || parts.length < 2 || parts[1] === '' ? undefined : parts[1];
  const invocation = invocationAt > 0 && parts[invocationAt + 1] ? parts[invocationAt + 1] : undefined;
  const groupBy = query.get('groupBy') || undefined;
  return {
    view,
    ...(item === undefined ? {} : { item }),
    ...(invocation === undefined ? {} : { invocation }),
    ...(groupBy === undefined ? {} : { groupBy }),
  };
}

/** The fragment of a route, the inverse of {@link parseRoute}. */
export function routeHash(route: ConsoleRoute): string {
  const parts: string[] = [route.view];
  if (route.item !== undefined) parts.push(encodeURIComponent(route.item));
  if (route.invocation !== undefined) parts.push('invocation', encodeURIComponent(route.invocation));
  const query = route.groupBy === undefined ? '' : `?groupBy=${encodeURIComponent(route.groupBy)}`;
  return `#${parts.join('/')}${query}`;
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
