import { basename } from 'node:path';
import type { LocalFunctionDefinition, LocalStackDefinition } from './assembly';
import { functionFolders } from './lambda/function-folders';

/** The kinds of resource a running cloud would have to create, remove or change to follow a new template. */
export type ReloadedResourceType = 'queue' | 'table' | 'function' | 'event source mapping' | 'alarm';

/** A resource of the new template that the running cloud does not follow: it needs a restart. */
export interface ResourceChange {
  readonly change: 'added' | 'removed' | 'changed';
  readonly type: ReloadedResourceType;
  readonly logicalId: string;
}

/** What a new synthesis of the app changes in a running cloud. */
export interface ReloadPlan {
  /** The new definitions of the functions whose code or settings changed: they are swapped. */
  readonly swapped: readonly LocalFunctionDefinition[];
  /** Functions whose code and settings are as before: their instances stay warm. */
  readonly unchanged: readonly LocalFunctionDefinition[];
  /** What the running cloud does not pick up without a restart, in template order. */
  readonly notPickedUp: readonly ResourceChange[];
}

/** The resources compared as they are, and where a stack holds them; functions are swapped instead. */
const COMPARED = [
  ['queue', 'queues'],
  ['table', 'tables'],
  ['event source mapping', 'eventSourceMappings'],
  ['alarm', 'alarms'],
] as const;

/** An asset folder named by the hash of its content, as the CDK stages every asset. */
const CONTENT_HASHED_ASSET = /^asset\.[0-9a-f]{16,}$/;

/**
 * Compares a new synthesis with what runs: functions that exist in both (by name) are swapped when
 * their code or settings changed; any queue, table, function, event source mapping or alarm added,
 * removed or changed otherwise is listed as not picked up, as the running cloud keeps its state
 * and only swaps code.
 *
 * @param running the stacks the cloud started with (queues, tables, mappings and alarms never change)
 * @param runningFunctions the functions as they run now, swapped by earlier reloads
 * @param next the same stacks, from the new synthesis
 */
export function planReload(
  running: readonly LocalStackDefinition[],
  runningFunctions: readonly LocalFunctionDefinition[],
  next: readonly LocalStackDefinition[],
): ReloadPlan {
  const nextFunctions = next.flatMap((stack) => stack.functions);
  const byName = new Map(runningFunctions.map((definition) => [definition.functionName, definition]));
  const kept = nextFunctions.filter((definition) => byName.has(definition.functionName));
  const unchanged = kept.filter((definition) => {
    const current = byName.get(definition.functionName) as LocalFunctionDefinition;
    return sameFunction(current, definition);
  });
  const resources = (stacks: readonly LocalStackDefinition[], key: (typeof COMPARED)[number][1]) =>
    stacks.flatMap((stack): readonly { readonly logicalId: string }[] => stack[key]);
  const notPickedUp = [
    ...COMPARED.flatMap(([type, key]) => changes(type, resources(running, key), resources(next, key))),
    ...changes('function', runningFunctions, nextFunctions, (a, b) => a.functionName === b.functionName),
  ];
  return {
    swapped: kept.filter((definition) => !unchanged.includes(definition)),
    unchanged: unchanged.map((definition) => byName.get(definition.functionName) as LocalFunctionDefinition),
    notPickedUp,
  };
}

/**
 * One line for the changes a restart would pick up, such as
 * `the new template adds queue Outbox1A2B3C4D and removes function Old5E6F7A8B: restart local-cloud serve to pick them up`.
 */
export function notPickedUpLine(changes: readonly ResourceChange[]): string {
  const verbs = { added: 'adds', removed: 'removes', changed: 'changes' } as const;
  const parts = (['added', 'removed', 'changed'] as const)
    .map((change) => {
      const named = changes.filter((candidate) => candidate.change === change);
      return named.length === 0
        ? undefined
        : `${verbs[change]} ${named.map(({ type, logicalId }) => `${type} ${logicalId}`).join(', ')}`;
    })
    .filter((part) => part !== undefined);
  const them = changes.length === 1 ? 'it' : 'them';
  return `the new template ${parts.join(' and ')}: restart local-cloud serve to pick ${them} up`;
}

/**
 * What was added, removed or changed among resources of one type, by logical id. A function changes
 * only with its name: its code and settings are swapped.
 */
function changes<T extends { readonly logicalId: string }>(
  type: ReloadedResourceType,
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b),
): ResourceChange[] {
  const old = new Map(before.map((resource) => [resource.logicalId, resource]));
  const now = new Map(after.map((resource) => [resource.logicalId, resource]));
  const found: ResourceChange[] = [];
  for (const [logicalId, resource] of now) {
    const previous = old.get(logicalId);
    if (previous === undefined) found.push({ change: 'added', type, logicalId });
    else if (!same(previous, resource)) found.push({ change: 'changed', type, logicalId });
  }
  for (const logicalId of old.keys()) {
    if (!now.has(logicalId)) found.push({ change: 'removed', type, logicalId });
  }
  return found;
}

/**
 * Whether a function of a new synthesis runs as the one running now: the same settings, and code
 * and layers from the same folders or from assets of the same content hash (each synthesis has
 * folders of its own).
 */
function sameFunction(current: LocalFunctionDefinition, next: LocalFunctionDefinition): boolean {
  const settings = (definition: LocalFunctionDefinition) =>
    JSON.stringify({
      ...definition,
      codeDirectory: undefined,
      layers: definition.layers?.map((layer) => layer.arn),
    });
  const before = functionFolders(current);
  const after = functionFolders(next);
  return (
    before.length === after.length &&
    after.every((folder, index) => sameContent(before[index], folder)) &&
    settings(current) === settings(next)
  );
}

function sameContent(before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return before === after;
  const name = basename(after);
  return before === after || (CONTENT_HASHED_ASSET.test(name) && basename(before) === name);
}
