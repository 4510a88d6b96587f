/** One string attribute being typed into the send form; `key` keeps its inputs when others go. */
export interface AttributeRow {
  readonly key: number;
  readonly name: string;
  readonly value: string;
}

let nextRowKey = 0;

interface AttributeFieldsProps {
  readonly rows: readonly AttributeRow[];
  readonly onChange: (rows: readonly AttributeRow[]) => void;
}

/** A fieldset of name and value inputs, each pair removable, and a button to add one. */
export function AttributeFields({ rows, onChange }: AttributeFieldsProps) {
  const setRow = (key: number, change: Partial<AttributeRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <fieldset>
      <legend>String attributes</legend>
      {rows.map((row, index) => (
        <div class="attribute-row" key={row.key}>
          <label for={`attribute-name-${row.key}`}>Name {index + 1}</label>
          <input
            id={`attribute-name-${row.key}`}
            value={row.name}
            onInput={(event) => setRow(row.key, { name: event.currentTarget.value })}
          />
          <label for={`attribute-value-${row.key}`}>Value {index + 1}</label>
          <input
            id={`attribute-value-${row.key}`}
            value={row.value}
            onInput={(event) => setRow(row.key, { value: event.currentTarget.value })}
          />
          <button type="button" onClick={() => onChange(rows.filter((other) => other.key !== row.key))}>
            Remove attribute {index + 1}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { key: nextRowKey++, name: '', value: '' }])}>
        Add an attribute
      </button>
    </fieldset>
  );
}
