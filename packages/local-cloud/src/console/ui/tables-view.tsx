import { useState } from 'preact/hooks';
import type { TableItemsPage, TableView } from '../console-contract';
import { segment } from './api';
import { ErrorMessage } from './messages';
import { useApi } from './use-api';

const PAGE_SIZE = 25;

interface TablesViewProps {
  readonly selected?: string;
  readonly onSelect: (name: string) => void;
}

/** Every table; the selected one scanned a page at a time, each item as formatted JSON. */
export function TablesView({ selected, onSelect }: TablesViewProps) {
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
              href={`#tables/${encodeURIComponent(one.tableName)}`}
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
      {table && <TableScan key={table.tableName} table={table} />}
    </section>
  );
}

function TableScan({ table }: { readonly table: TableView }) {
  // The start keys of the pages before this one, so Previous goes back without a reverse scan.
  const [starts, setStarts] = useState<readonly string[]>([]);
  const start = starts[starts.length - 1];
  const path = `tables/${segment(table.tableName)}/items?limit=${PAGE_SIZE}${start ? `&start=${encodeURIComponent(start)}` : ''}`;
  const page = useApi<TableItemsPage>(path);
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
