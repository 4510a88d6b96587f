import { useEffect, useState } from 'preact/hooks';
import type { LogGroupView, LogLineView } from '../console-contract';
import { LogLine } from './log-line';
import { followLogGroup, MAX_SHOWN_LINES } from './log-tail';
import { ErrorMessage } from './messages';
import { useApi } from './use-api';

/** A live tail of one log group, filtered with CloudWatch Logs' filter pattern syntax. */
export function LogsView() {
  const groups = useApi<LogGroupView[]>('logs/groups');
  const [group, setGroup] = useState<string>();
  const [filterText, setFilterText] = useState('');
  const [filter, setFilter] = useState('');
  const [lines, setLines] = useState<readonly LogLineView[]>([]);
  const [error, setError] = useState<string>();
  const [live, setLive] = useState(false);
  const chosen = group ?? groups.data?.[0]?.logGroupName;

  useEffect(() => {
    if (chosen === undefined) return undefined;
    setLines([]);
    setError(undefined);
    setLive(false);
    return followLogGroup(chosen, filter, {
      onLines: (added, replace) =>
        setLines((current) => (replace ? added : [...current, ...added].slice(-MAX_SHOWN_LINES))),
      onError: setError,
      onLive: () => setLive(true),
    });
  }, [chosen, filter]);

  return (
    <section aria-labelledby="logs-heading">
      <h2 id="logs-heading">Logs</h2>
      <ErrorMessage error={groups.error} />
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(filterText);
        }}
      >
        <label for="log-group">Log group</label>
        <select
          id="log-group"
          value={chosen}
          onChange={(event) => setGroup(event.currentTarget.value)}
          data-testid="logs-group"
        >
          {(groups.data ?? []).map((one) => (
            <option key={one.logGroupName} value={one.logGroupName}>
              {one.logGroupName} ({one.storedEvents.toLocaleString('en')} lines)
            </option>
          ))}
        </select>
        <label for="log-filter">Filter pattern</label>
        <input
          id="log-filter"
          class="filter-input"
          data-testid="logs-filter"
          placeholder='{ $.level = "WARN" }, ERROR, or [ts, id, level=ERROR, ...]'
          value={filterText}
          onInput={(event) => setFilterText(event.currentTarget.value)}
        />
        <button type="submit" data-testid="logs-apply">
          Apply
        </button>
      </form>
      <p class="muted" role="status">
        {error
          ? ''
          : live
            ? `Following ${chosen}: ${lines.length.toLocaleString('en')} lines shown (the last ${MAX_SHOWN_LINES.toLocaleString('en')} at most).`
            : 'Loading…'}
        {filter && ` Filter: ${filter}`}
      </p>
      <ErrorMessage error={error} />
      <ol class="log-lines" aria-label="Log lines" data-testid="log-lines">
        {lines.map((line, index) => (
          <LogLine key={index} line={line} showStream />
        ))}
      </ol>
    </section>
  );
}
