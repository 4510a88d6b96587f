import type { CloudAssembly, StackArtifact } from './cloud-assembly';
import { CloudAssemblyError } from './errors';
import { IntrinsicResolver } from './intrinsic-resolver';
import type { LocalEnvironment } from './local-environment';
import { type LocalStackDefinition, localStackDefinition } from './local-stack';

/**
 * What the stacks export (`Outputs.<name>.Export.Name`), resolved to local values, by export
 * name. The stacks are read in the order given, so a stack's own `Fn::ImportValue`s resolve
 * against the exports of the stacks before it: pass them in dependency order
 * (`assembly.allStacks()`). An output that cannot be resolved is left out: its importers get a
 * placeholder and a warning.
 *
 * @example
 * const exports = assemblyExports(readCloudAssembly('cdk.out').allStacks(), environment);
 * exports.get('Shared:ExportsOutputRefQueue4A7E3555ABCD1234'); // the queue's local URL
 */
export function assemblyExports(
  stacks: readonly StackArtifact[],
  environment: LocalEnvironment,
): ReadonlyMap<string, string> {
  const exports = new Map<string, string>();
  for (const stack of stacks) {
    const resolver = new IntrinsicResolver(stack, environment, { importValue: (name) => exports.get(name) });
    for (const [name, output] of Object.entries(stack.template.Outputs ?? {})) {
      if (output.Export === undefined) continue;
      try {
        if (output.Condition !== undefined && !resolver.condition(output.Condition, `Outputs.${name}`))
          continue;
        exports.set(
          resolver.resolveString(output.Export.Name, `Outputs.${name}.Export.Name`),
          resolver.resolveString(output.Value, `Outputs.${name}`),
        );
      } catch (error) {
        if (!(error instanceof CloudAssemblyError)) throw error;
      }
    }
  }
  return exports;
}

/**
 * The local definitions of some stacks of an assembly (its stages' included), in dependency
 * order, each with its `Fn::ImportValue`s resolved against what every stack of the assembly
 * exports.
 *
 * @param stackNames names, artifact ids or construct paths (`Beta/Api`). @default - every stack
 * @example
 * const [shared, consumer] = localAssemblyDefinitions(readCloudAssembly('cdk.out'), environment);
 */
export function localAssemblyDefinitions(
  assembly: CloudAssembly,
  environment: LocalEnvironment,
  stackNames?: readonly string[],
): LocalStackDefinition[] {
  const all = assembly.allStacks();
  const wanted = new Set(
    (stackNames ?? all.map((stack) => stack.artifactId)).map((name) => assembly.stack(name)),
  );
  const exports = assemblyExports(all, environment);
  const definitions: LocalStackDefinition[] = [];
  for (const stack of all.filter((candidate) => wanted.has(candidate))) {
    definitions.push(
      localStackDefinition(stack, environment, {
        importValue: (name) => exports.get(name),
        otherQueues: definitions.flatMap((definition) => definition.queues),
      }),
    );
  }
  return definitions;
}

/**
 * One definition holding the queues, tables, functions, mappings, alarms and warnings of several,
 * in the order given (dependency order, so a dead-letter queue of one stack comes before the queue
 * of another that redrives to it), so that one local cloud brings them all up: their names never
 * clash, since each carries its stack's name. Named after, and with the resolver of, the primary
 * stack; the outputs of every stack, the primary's winning a name two share.
 *
 * @param primaryStackName @default - the first definition's
 */
export function combinedStackDefinition(
  definitions: readonly LocalStackDefinition[],
  primaryStackName?: string,
): LocalStackDefinition {
  const first = definitions.find((definition) => definition.stackName === primaryStackName) ?? definitions[0];
  if (first === undefined) throw new CloudAssemblyError('no stack to combine');
  if (definitions.length === 1) return first;
  const others = definitions.filter((definition) => definition !== first);
  const all = <T>(pick: (definition: LocalStackDefinition) => readonly T[]): T[] => definitions.flatMap(pick);
  return {
    ...first,
    queues: all((definition) => definition.queues),
    tables: all((definition) => definition.tables),
    functions: all((definition) => definition.functions),
    functionsNotRun: all((definition) => definition.functionsNotRun),
    eventSourceMappings: all((definition) => definition.eventSourceMappings),
    eventSourceMappingsNotRun: all((definition) => definition.eventSourceMappingsNotRun),
    layers: all((definition) => definition.layers),
    topics: all((definition) => definition.topics),
    subscriptions: all((definition) => definition.subscriptions),
    alarms: all((definition) => definition.alarms),
    warnings: all((definition) => definition.warnings),
    outputs: Object.assign(
      {},
      ...[...others].reverse().map((definition) => definition.outputs),
      first.outputs,
    ),
  };
}
