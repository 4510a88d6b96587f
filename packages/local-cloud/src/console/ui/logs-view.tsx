import { useEffect, useState } from 'preact/hooks';
import type { LogGroupView, LogLineView } from '../console-contract';
import { LogFilterForm } from './log-filter-form';
import { LogLine } from './log-line';
import { followLogGroup, MAX_SHOWN_LINES } from './log-tail';
import { ErrorMessage } from './messages';
import { useApi } from './use-api';

/** A live tail of one log group, filtered with CloudWatch Logs' filter pattern syntax. */
export function LogsView() {
  const groups = useApi<LogGroupView[]>('logs/groups');
  const [group, setGroup] = useState<string>();
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
      <LogFilterForm groups={groups.data ?? []} group={chosen} onGroup={setGroup} onFilter={setFilter} />
      <p class="muted" role="status">
        {error ? '' : live ? followingText(chosen, lines.length) : 'Loading…'}
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

function followingText(logGroup: string | undefined, shown: number): string {
  const most = MAX_SHOWN_LINES.toLocaleString('en');
  return `Following ${logGroup}: ${shown.toLocaleString('en')} lines shown (the last ${most} at most).`;
}
