const NONE = '';

interface GroupBySelectProps {
  /** The attribute names to offer. */
  readonly names: readonly string[];
  readonly value?: string;
  /** Called with the attribute chosen, or undefined for none. */
  readonly onChange: (attribute: string | undefined) => void;
}

/** The labelled "Group by" choice of a table's page: none, or one top-level attribute. */
export function GroupBySelect({ names, value, onChange }: GroupBySelectProps) {
  return (
    <label class="group-by">
      Group by{' '}
      <select
        data-testid="table-group-by"
        value={value ?? NONE}
        onChange={(event) =>
          onChange(event.currentTarget.value === NONE ? undefined : event.currentTarget.value)
        }
      >
        <option value={NONE}>none</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
