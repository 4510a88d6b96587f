import type { TableGroupView } from '../console-contract';

/**
 * The top-level attribute names of `items` added to those already `known`: the key attributes
 * first, in key order, then the others alphabetically. The same array comes back when nothing is
 * new, so a state built on it does not render again.
 */
export function attributeNamesSeen(
  known: readonly string[],
  items: readonly Readonly<Record<string, unknown>>[],
  keyNames: readonly string[],
): readonly string[] {
  const names = new Set(known);
  const before = names.size;
  for (const name of keyNames) names.add(name);
  for (const item of items) for (const name of Object.keys(item)) names.add(name);
  if (names.size === before) return known;
  const others = [...names].filter((name) => !keyNames.includes(name)).sort();
  return [...keyNames, ...others];
}

/** The names a "Group by" choice offers: those seen, and the one grouped by even when no item seen had it. */
export function groupByChoices(seen: readonly string[], groupBy: string | undefined): readonly string[] {
  return groupBy === undefined || seen.includes(groupBy) ? seen : [...seen, groupBy];
}

/** The API path of a table's items grouped by `attribute`. */
export function tableGroupsPath(tableName: string, attribute: string): string {
  return `tables/${encodeURIComponent(tableName)}/groups?attribute=${encodeURIComponent(attribute)}`;
}

/** What a group's items read as: how many, and how many of them the page shows when not all. */
export function groupItemsText(group: Pick<TableGroupView, 'count' | 'samples'>): string {
  const items = `${group.count.toLocaleString('en')} ${group.count === 1 ? 'item' : 'items'}`;
  return group.samples.length < group.count ? `${items}, the first ${group.samples.length} shown` : items;
}

/** A short line for a grouping: items scanned, groups, and whether the scan stopped before the table's end. */
export function groupingSummary(scannedItems: number, groups: number, lowerBound: boolean): string {
  const scanned = `${scannedItems.toLocaleString('en')} ${scannedItems === 1 ? 'item' : 'items'}`;
  const grouped = `${groups} ${groups === 1 ? 'group' : 'groups'}`;
  return lowerBound
    ? `${grouped} in the first ${scanned} scanned: the table holds more, which are not counted`
    : `${grouped}, ${scanned}`;
}
