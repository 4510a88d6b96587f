import type { TableGroupView } from './console-contract';

/** How many items of each group the console shows unless asked for another number. */
export const DEFAULT_GROUP_SAMPLES = 20;

/** What a group of the items without the attribute reads as. */
export const MISSING_GROUP_LABEL = '(missing)';

/**
 * The longest attribute name the console groups by: DynamoDB's limit for the names of key and
 * index attributes, and far past any name a person types.
 */
export const ATTRIBUTE_NAME_MAX_LENGTH = 255;

/** An attribute name to group by was empty or too long. */
export class BadGroupAttributeError extends Error {
  constructor(given: string) {
    super(
      given === ''
        ? 'attribute must name the top-level attribute to group by (given nothing)'
        : `attribute must be at most ${ATTRIBUTE_NAME_MAX_LENGTH} characters (given ${given.length})`,
    );
    this.name = 'BadGroupAttributeError';
  }
}

/**
 * The attribute name a request asks to group by.
 *
 * @throws BadGroupAttributeError when it is absent, empty or longer than {@link ATTRIBUTE_NAME_MAX_LENGTH}
 */
export function groupAttribute(given: string | null): string {
  const name = given ?? '';
  if (name === '' || name.length > ATTRIBUTE_NAME_MAX_LENGTH) throw new BadGroupAttributeError(name);
  return name;
}

interface GroupInProgress {
  readonly label: string;
  readonly value?: unknown;
  readonly missing?: boolean;
  count: number;
  readonly samples: Readonly<Record<string, unknown>>[];
}

/**
 * Groups plain items (as {@link plainItem} makes them) by the value of one top-level attribute,
 * fed a scan page at a time so a big table is never held whole: it keeps a count per value and
 * the first `sampleLimit` items of each.
 */
export class TableGrouping {
  private readonly groups = new Map<string, GroupInProgress>();

  /** @param sampleLimit how many items each group keeps to show (0 keeps none) */
  constructor(
    readonly attribute: string,
    private readonly sampleLimit: number,
  ) {}

  /** Counts an item in the group of its value (the missing group when it has no such attribute). */
  add(item: Readonly<Record<string, unknown>>): void {
    const missing = !Object.hasOwn(item, this.attribute);
    const value = item[this.attribute];
    // Keyed by the JSON of the value, so the string "7" and the number 7 stay apart.
    const key = missing ? '' : `=${canonicalJson(value)}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      group = missing
        ? { label: MISSING_GROUP_LABEL, missing: true, count: 0, samples: [] }
        : { label: valueLabel(value), value, count: 0, samples: [] };
      this.groups.set(key, group);
    }
    group.count += 1;
    if (group.samples.length < this.sampleLimit) group.samples.push(item);
  }

  /** The groups so far, the largest first, then by label; the missing group last among equals. */
  result(): TableGroupView[] {
    return [...this.groups.values()]
      .sort(
        (left, right) =>
          right.count - left.count ||
          Number(left.missing ?? false) - Number(right.missing ?? false) ||
          left.label.localeCompare(right.label),
      )
      .map(({ label, value, missing, count, samples }) => ({
        label,
        ...(missing ? { missing: true } : { value }),
        count,
        samples,
      }));
  }
}

/** A value as people read it: a string as it is, anything else as its JSON. */
export function valueLabel(value: unknown): string {
  return typeof value === 'string' ? value : canonicalJson(value);
}

/** JSON with every object's keys sorted, so equal maps read the same whatever their order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([left], [right]) =>
            left < right ? -1 : left > right ? 1 : 0,
          ),
        )
      : inner,
  );
}
