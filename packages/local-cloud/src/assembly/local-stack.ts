import { alarmDefinitions, type LocalAlarmDefinition } from './alarm-definitions';
import type { StackArtifact } from './cloud-assembly';
import { EVENT_INVOKE_CONFIG_TYPE, withEventInvokeConfigs } from './event-invoke-configs';
import {
  type EventSourceMappingNotRun,
  eventSourceMappingDefinition,
  type LocalEventSourceMappingDefinition,
  sortMappings,
} from './event-source-mapping-definitions';
import { functionDefinition, type LocalFunctionDefinition } from './function-definitions';
import { type FunctionNotRun, functionNotRun } from './function-support';
import { IntrinsicResolver, type IntrinsicResolverOptions } from './intrinsic-resolver';
import {
  externalLayerWarnings,
  LAYER_VERSION_TYPE,
  type LocalLayerDefinition,
  layerDefinition,
} from './layer-definitions';
import type { LocalEnvironment } from './local-environment';
import { inCreationOrder, type LocalQueueDefinition, queueDefinition } from './queue-definitions';
import type { SupportWarning } from './support-warning';
import { type LocalTableDefinition, tableDefinition } from './table-definitions';
import { type LogicalResource, RESOURCE_TYPES } from './template';
import {
  type LocalSubscriptionDefinition,
  type LocalTopicDefinition,
  subscriptionDefinition,
  topicDefinition,
} from './topic-definitions';

export type {
  EventSourceMappingNotRun,
  LocalEventSourceMappingDefinition,
} from './event-source-mapping-definitions';
// Modules of the services import these from here, where they were defined before the split by concern.
export type { LocalFunctionDefinition } from './function-definitions';
export type { LocalFunctionLayer, LocalLayerDefinition } from './layer-definitions';
export type { LocalQueueDefinition } from './queue-definitions';
export type { LocalTableDefinition } from './table-definitions';
export type { LocalSubscriptionDefinition, LocalTopicDefinition } from './topic-definitions';

/** Options of {@link localStackDefinition}. */
export interface LocalStackOptions extends IntrinsicResolverOptions {
  /**
   * The queues of the stacks brought up with this one, which its mappings may read (a queue
   * another stack exports). @default - none: a mapping from another stack's queue is not polled
   */
  readonly otherQueues?: readonly LocalQueueDefinition[];
}

/** Everything of one stack that the local cloud brings up, with names and references resolved. */
export interface LocalStackDefinition {
  readonly stackName: string;
  readonly environment: LocalEnvironment;
  /** In an order they can be created in: each dead-letter queue before the queues that redrive to it. */
  readonly queues: readonly LocalQueueDefinition[];
  readonly tables: readonly LocalTableDefinition[];
  /** The functions that run locally: Node.js code from a bundled asset folder. */
  readonly functions: readonly LocalFunctionDefinition[];
  /** The stack's layer versions, whose content the functions that use them resolve modules from. */
  readonly layers: readonly LocalLayerDefinition[];
  /** The template's other functions, each with why it does not run. */
  readonly functionsNotRun: readonly FunctionNotRun[];
  /**
   * The mappings from a queue of the stack. Those of a function that does not run are kept with
   * `enabled: false`, so their messages stay on the queue.
   */
  readonly eventSourceMappings: readonly LocalEventSourceMappingDefinition[];
  /** Mappings from anything else (a DynamoDB or Kinesis stream, another stack's queue), not polled. */
  readonly eventSourceMappingsNotRun: readonly EventSourceMappingNotRun[];
  /** The SNS topics, standard and FIFO, which the local SNS serves. */
  readonly topics: readonly LocalTopicDefinition[];
  /** Every subscription: the topics' inline ones and the `AWS::SNS::Subscription` resources. */
  readonly subscriptions: readonly LocalSubscriptionDefinition[];
  /** The alarms on one metric each, which the local CloudWatch evaluates. */
  readonly alarms: readonly LocalAlarmDefinition[];
  /** The stack's outputs, resolved. */
  readonly outputs: Readonly<Record<string, string>>;
  /** What runs differently from AWS: placeholders given, mappings kept disabled, functions not run. */
  readonly warnings: readonly SupportWarning[];
  /** The resolver, for anything else the caller wants from the template. */
  readonly resolver: IntrinsicResolver;
}

/** The resources of a type that CloudFormation would create: those whose `Condition` holds. */
function createdResources(resolver: IntrinsicResolver, type: string): LogicalResource[] {
  return resolver.stack
    .resourcesOfType(type)
    .filter(({ logicalId, resource }) =>
      resource.Condition === undefined ? true : resolver.condition(resource.Condition, logicalId),
    );
}

/** A warning for each function of the app's own that does not run; CDK's helpers are only listed. */
function functionWarnings(functionsNotRun: readonly FunctionNotRun[]): SupportWarning[] {
  return functionsNotRun
    .filter((fn) => fn.reason !== "CDK's own helper function")
    .map((fn) => ({
      logicalId: fn.logicalId,
      type: RESOURCE_TYPES.function,
      location: fn.logicalId,
      message: `function ${fn.logicalId} does not run locally: ${fn.reason}`,
    }));
}

/** The stack's topics, and their subscriptions: inline ones first, then the resources. */
function topicsAndSubscriptions(
  resolver: IntrinsicResolver,
): Pick<LocalStackDefinition, 'topics' | 'subscriptions'> {
  const topics = createdResources(resolver, RESOURCE_TYPES.topic).map((topic) =>
    topicDefinition(resolver, topic),
  );
  const subscriptions = createdResources(resolver, RESOURCE_TYPES.subscription).map((subscription) =>
    subscriptionDefinition(resolver, subscription),
  );
  return { topics, subscriptions: [...topics.flatMap((topic) => topic.subscriptions), ...subscriptions] };
}

/** The stack's outputs whose `Condition` holds, resolved. */
function resolvedOutputs(resolver: IntrinsicResolver): Record<string, string> {
  const outputs = Object.entries(resolver.stack.template.Outputs ?? {}).filter(
    ([name, output]) =>
      output.Condition === undefined || resolver.condition(output.Condition, `Outputs.${name}`),
  );
  return Object.fromEntries(
    outputs.map(([name, output]) => [name, resolver.resolveString(output.Value, `Outputs.${name}`)]),
  );
}

/**
 * What the local cloud brings up for one stack: every queue, table, function and event source
 * mapping of its template, with `Ref` and `Fn::GetAtt` resolved against the local endpoints. What
 * it cannot run is listed (`functionsNotRun`, `eventSourceMappingsNotRun`) and what it stands in
 * for is said (`warnings`), rather than stopping it.
 *
 * @example
 * const stack = readCloudAssembly('cdk.out').stack(STACK_NAME);
 * const local = localStackDefinition(stack, localEnvironment({ sqsEndpoint, dynamodbEndpoint }));
 * local.functions.map((fn) => fn.functionName);
 */
export function localStackDefinition(
  stack: StackArtifact,
  environment: LocalEnvironment,
  options: LocalStackOptions = {},
): LocalStackDefinition {
  const resolver = new IntrinsicResolver(stack, environment, options);
  const queues = inCreationOrder(
    createdResources(resolver, RESOURCE_TYPES.queue).map((queue) => queueDefinition(resolver, queue)),
  );
  const layers = createdResources(resolver, LAYER_VERSION_TYPE).map((layer) =>
    layerDefinition(stack, resolver, layer),
  );
  const functionResources = createdResources(resolver, RESOURCE_TYPES.function);
  const functionsNotRun = functionResources.flatMap((fn) => functionNotRun(resolver, fn) ?? []);
  // Each function with the EventInvokeConfig of its $LATEST, which says how it is invoked asynchronously.
  const { functions, warnings: asyncWarnings } = withEventInvokeConfigs(
    resolver,
    createdResources(resolver, EVENT_INVOKE_CONFIG_TYPE),
    functionResources
      .filter((fn) => !functionsNotRun.some((notRun) => notRun.logicalId === fn.logicalId))
      .map((fn) => functionDefinition(stack, resolver, fn, layers)),
  );
  const mappings = sortMappings(
    createdResources(resolver, RESOURCE_TYPES.eventSourceMapping).map((mapping) =>
      eventSourceMappingDefinition(resolver, mapping),
    ),
    [...queues, ...(options.otherQueues ?? [])],
    functions,
    functionsNotRun,
  );
  const definition = {
    stackName: stack.stackName,
    environment,
    queues,
    tables: [RESOURCE_TYPES.table, RESOURCE_TYPES.globalTable].flatMap((type) =>
      createdResources(resolver, type).map((table) => tableDefinition(resolver, table)),
    ),
    functions,
    layers,
    functionsNotRun,
    eventSourceMappings: mappings.eventSourceMappings,
    eventSourceMappingsNotRun: mappings.eventSourceMappingsNotRun,
    ...topicsAndSubscriptions(resolver),
    alarms: alarmDefinitions(resolver, createdResources(resolver, RESOURCE_TYPES.alarm)),
    outputs: resolvedOutputs(resolver),
    resolver,
  };
  // Read last: resolving everything above is what gives the placeholders.
  const warnings = [
    ...resolver.warnings,
    ...functionWarnings(functionsNotRun),
    ...externalLayerWarnings(functions),
    ...mappings.warnings,
    ...asyncWarnings,
  ];
  return { ...definition, warnings };
}
