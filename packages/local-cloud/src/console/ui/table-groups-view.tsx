import { useEffect, useState } from 'preact/hooks';
import type { TableGroupsView, TableGroupView } from '../console-contract';
import { ErrorMessage } from './messages';
import { groupItemsText, groupingSummary, tableGroupsPath } from './table-groups';
import { useApi } from './use-api';
import './table-groups.css';

interface TableGroupsProps {
  readonly tableName: string;
  readonly attribute: string;
  /** Told the items the page received, for the names a "Group by" offers. */
  readonly onItemsSeen: (items: readonly Readonly<Record<string, unknown>>[]) => void;
}

/**
 * A table's items grouped by one attribute, over the whole table (the server scans it): one row per
 * value with its count, the largest group first, each opening to its items as formatted JSON. The
 * grouping is the table as it was at the scan; "Scan again" takes it anew.
 */
export function TableGroups({ tableName, attribute, onItemsSeen }: TableGroupsProps) {
  const answer = useApi<TableGroupsView>(tableGroupsPath(tableName, attribute));
  const grouping = answer.data?.attribute === attribute ? answer.data : undefined;
  useEffect(() => {
    if (grouping) onItemsSeen(grouping.groups.flatMap((group) => group.samples));
  }, [grouping, onItemsSeen]);
  return (
    <section aria-labelledby="groups-heading" data-testid="table-groups">
      <h3 id="groups-heading">
        {tableName} by {attribute}
      </h3>
      <ErrorMessage error={answer.error} />
      {answer.loading && !grouping && <p class="muted">Scanning the table…</p>}
      {grouping && (
        <div class="toolbar">
          <span class="muted" data-testid="table-groups-summary">
            {groupingSummary(grouping.scannedItems, grouping.groups.length, grouping.lowerBound ?? false)}
          </span>
          <button type="button" onClick={answer.reload} disabled={answer.loading}>
            Scan again
          </button>
        </div>
      )}
      {grouping && grouping.groups.length > 0 && (
        <table class="data-table table-groups">
          <thead>
            <tr>
              <th scope="col">{attribute}</th>
              <th scope="col" class="group-count">
                Items
              </th>
            </tr>
          </thead>
          {grouping.groups.map((group, index) => (
            <GroupRows key={`${group.missing ? '-' : '='}${group.label}`} group={group} index={index} />
          ))}
        </table>
      )}
    </section>
  );
}

/** One group: its value as a button that opens its items, and its count. */
function GroupRows({ group, index }: { readonly group: TableGroupView; readonly index: number }) {
  const [open, setOpen] = useState(false);
  const itemsId = `table-group-items-${index}`;
  return (
    <tbody
      data-testid="table-group"
      data-label={group.label}
      data-count={group.count}
      data-missing={group.missing ? 'true' : undefined}
    >
      <tr>
        <td>
          <button
            type="button"
            class="group-toggle"
            aria-expanded={open}
            aria-controls={itemsId}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>{' '}
            <span class={group.missing ? 'muted' : undefined}>{group.label}</span>
          </button>
        </td>
        <td class="group-count" data-testid="table-group-count">
          {group.count.toLocaleString('en')}
        </td>
      </tr>
      <tr id={itemsId} hidden={!open}>
        <td colSpan={2}>
          {open && (
            <>
              <p class="muted">{groupItemsText(group)}</p>
              <ul class="items">
                {group.samples.map((item, position) => (
                  <li key={position} data-testid="table-group-item">
                    <pre class="json">{JSON.stringify(item, null, 2)}</pre>
                  </li>
                ))}
              </ul>
            </>
          )}
        </td>
      </tr>
    </tbody>
  );
}
