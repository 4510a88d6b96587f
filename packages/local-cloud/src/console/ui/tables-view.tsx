import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { TableItemsPage, TableView } from '../console-contract';
import { segment } from './api';
import { ErrorMessage } from './messages';
import { routeHash } from './route';
import { attributeNamesSeen, groupByChoices } from './table-groups';
import { GroupBySelect } from './table-groups-select';
import { TableGroups } from './table-groups-view';
import { useApi } from './use-api';

const PAGE_SIZE = 25;

type Items = readonly Readonly<Record<string, unknown>>[];

interface TablesViewProps {
  readonly selected?: string;
  /** The attribute the selected table's items are grouped by, from the address (`?groupBy=`). */
  readonly groupBy?: string;
  readonly onSelect: (name: string) => void;
  /** Called with the attribute chosen to group by, or undefined for none. */
  readonly onGroupBy: (attribute: string | undefined) => void;
}

/** Every table; the selected one scanned a page at a time, or grouped by an attribute. */
export function TablesView({ selected, groupBy, onSelect, onGroupBy }: TablesViewProps) {
  const tables = useApi<TableView[]>('tables');
  const table = tables.data?.find((one) => one.tableName === selected);
  return (
    <section aria-labelledby="tables-heading">
      <h2 id="tables-heading">Tables</h2>
      <ErrorMessage error={tables.error} />
      <ul class="pick-list">
        {(tables.data ?? []).map((one) => (
          <li key={one.tableName}>
            <a
              href={routeHash({ view: 'tables', item: one.tableName })}
              aria-current={one.tableName === selected ? 'true' : undefined}
              onClick={() => onSelect(one.tableName)}
            >
              {one.tableName}
            </a>{' '}
            <span class="muted">
              {one.itemCount.toLocaleString('en')} items · key{' '}
              {one.keySchema.map((key) => `${key.attributeName} (${key.keyType})`).join(', ')}
            </span>
          </li>
        ))}
      </ul>
      {table && <TableDetail key={table.tableName} table={table} groupBy={groupBy} onGroupBy={onGroupBy} />}
    </section>
  );
}

interface TableDetailProps {
  readonly table: TableView;
  readonly groupBy?: string;
  readonly onGroupBy: (attribute: string | undefined) => void;
}

/** A table's items: its "Group by" choice, then its groups or its pages. */
function TableDetail({ table, groupBy, onGroupBy }: TableDetailProps) {
  const keys = useMemo(() => table.keySchema.map((key) => key.attributeName), [table]);
  // The names grow with every page and grouping seen, so the choice keeps what was offered.
  const [names, setNames] = useState<readonly string[]>(keys);
  const onItemsSeen = useCallback(
    (items: Items) => setNames((known) => attributeNamesSeen(known, items, keys)),
    [keys],
  );
  return (
    <>
      <div class="toolbar">
        <GroupBySelect names={groupByChoices(names, groupBy)} value={groupBy} onChange={onGroupBy} />
      </div>
      {groupBy === undefined ? (
        <TableScan table={table} onItemsSeen={onItemsSeen} />
      ) : (
        <TableGroups tableName={table.tableName} attribute={groupBy} onItemsSeen={onItemsSeen} />
      )}
    </>
  );
}

function TableScan({
  table,
  onItemsSeen,
}: {
  readonly table: TableView;
  readonly onItemsSeen: (items: Items) => void;
}) {
  // The start keys of the pages before this one, so Previous goes back without a reverse scan.
  const [starts, setStarts] = useState<readonly string[]>([]);
  const start = starts[starts.length - 1];
  const path = `tables/${segment(table.tableName)}/items?limit=${PAGE_SIZE}${start ? `&start=${encodeURIComponent(start)}` : ''}`;
  const page = useApi<TableItemsPage>(path);
  useEffect(() => {
    if (page.data) onItemsSeen(page.data.items);
  }, [page.data, onItemsSeen]);
  const keys = table.keySchema.map((key) => key.attributeName);
  return (
    <section aria-labelledby="scan-heading">
      <h3 id="scan-heading">
        {table.tableName}: page {starts.length + 1}
      </h3>
      <ErrorMessage error={page.error} />
      <div class="toolbar">
        <button type="button" disabled={starts.length === 0} onClick={() => setStarts(starts.slice(0, -1))}>
          Previous page
        </button>
        <button
          type="button"
          disabled={!page.data?.nextStart}
          onClick={() => page.data?.nextStart && setStarts([...starts, page.data.nextStart])}
          data-testid="table-next-page"
        >
          Next page
        </button>
      </div>
      {page.data && page.data.items.length === 0 && <p>No items.</p>}
      <ul class="items">
        {(page.data?.items ?? []).map((item, index) => (
          <li key={index} data-testid="table-row">
            <details>
              <summary>{keys.map((key) => `${key}: ${String(item[key])}`).join(' · ')}</summary>
              <pre class="json">{JSON.stringify(item, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
