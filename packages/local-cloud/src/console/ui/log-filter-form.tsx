import { useState } from 'preact/hooks';
import type { LogGroupView } from '../console-contract';

interface LogFilterFormProps {
  readonly groups: readonly LogGroupView[];
  readonly group?: string;
  readonly onGroup: (logGroupName: string) => void;
  /** Called with the pattern when the form is submitted (Enter or Apply). */
  readonly onFilter: (pattern: string) => void;
}

/** The log group to follow and a filter pattern in CloudWatch Logs' syntax. */
export function LogFilterForm({ groups, group, onGroup, onFilter }: LogFilterFormProps) {
  const [text, setText] = useState('');
  return (
    <form
      class="toolbar"
      onSubmit={(event) => {
        event.preventDefault();
        onFilter(text);
      }}
    >
      <label for="log-group">Log group</label>
      <select
        id="log-group"
        value={group}
        onChange={(event) => onGroup(event.currentTarget.value)}
        data-testid="logs-group"
      >
        {groups.map((one) => (
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
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <button type="submit" data-testid="logs-apply">
        Apply
      </button>
    </form>
  );
}
