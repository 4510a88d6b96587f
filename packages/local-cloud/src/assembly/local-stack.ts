import { alarmDefinitions, type LocalAlarmDefinition } from './alarm-definitions';
import type { StackArtifact } from './cloud-assembly';
import { EVENT_INVOKE_CONFIG_TYPE, withEventInvokeConfigs } from './event-invoke-configs';
import { functionDefinition, LAMBDA_DEFAULTS, type LocalFunctionDefinition } from './function-definitions';
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
import { properties } from './template-properties';
import {
  type LocalSubscriptionDefinition,
  type LocalTopicDefinition,
  subscriptionDefinition,
  topicDefinition,
} from './topic-definitions';

// Modules of the services import these from here, where they were defined before the split by concern.
export type { LocalFunctionDefinition } from './function-definitions';
export type { LocalFunctionLayer, LocalLayerDefinition } from './layer-definitions';
export type { LocalQueueDefinition } from './queue-definitions';
export type { LocalTableDefinition } from './table-definitions';
export type { LocalSubscriptionDefinition, LocalTopicDefinition } from './topic-definitions';

/** An `AWS::Lambda::EventSourceMapping` from an SQS queue. */
export interface LocalEventSourceMappingDefinition {
  readonly logicalId: string;
  readonly functionName: string;
  readonly eventSourceArn: string;
  /** @default 10, as in Lambda for SQS */
  readonly batchSize: number;
  /** @default 0 */
  readonly maximumBatchingWindowSeconds: number;
  /** `ScalingConfig.MaximumConcurrency`. @default - no cap but the function's concurrency */
  readonly maximumConcurrency?: number;
  /** `FunctionResponseTypes` includes `ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
  /** @default true */
  readonly enabled: boolean;
  /**
   * `FilterCriteria.Filters[].Pattern`: Lambda's filter rules as JSON text, each as the template
   * gives it. A record is delivered when it matches any of them. @default - no filter: every record
   */
  readonly filterPatterns: readonly string[];
}

function eventSourceMappingDefinition(
  resolver: IntrinsicResolver,
  mapping: LogicalResource,
): LocalEventSourceMappingDefinition {
  const { logicalId } = mapping;
  const resolved = resolver.resolve(properties(mapping), `${logicalId}.Properties`) as Record<
    string,
    unknown
  >;
  const scaling = resolved.ScalingConfig as { MaximumConcurrency?: unknown } | undefined;
  const functionName = String(resolved.FunctionName ?? '');
  // FunctionName may be a name or an ARN (`Fn::GetAtt Fn.Arn`); the local services key functions by name.
  const name = functionName.startsWith('arn:') ? functionName.split(':').slice(6).join(':') : functionName;
  return {
    logicalId,
    functionName: name,
    eventSourceArn: String(resolved.EventSourceArn ?? ''),
    batchSize: Number(resolved.BatchSize ?? LAMBDA_DEFAULTS.sqsBatchSize),
    maximumBatchingWindowSeconds: Number(resolved.MaximumBatchingWindowInSeconds ?? 0),
    maximumConcurrency:
      scaling?.MaximumConcurrency === undefined ? undefined : Number(scaling.MaximumConcurrency),
    reportBatchItemFailures: ((resolved.FunctionResponseTypes as unknown[] | undefined) ?? []).includes(
      'ReportBatchItemFailures',
    ),
    enabled: resolved.Enabled === undefined ? true : resolved.Enabled === true || resolved.Enabled === 'true',
    filterPatterns: filterPatternsOf(resolved.FilterCriteria),
  };
}

/** The `Pattern` strings of a mapping's `FilterCriteria`, in template order. */
function filterPatternsOf(filterCriteria: unknown): string[] {
  const filters = (filterCriteria as { Filters?: unknown } | undefined)?.Filters;
  if (!Array.isArray(filters)) return [];
  return filters
    .map((filter) => (filter as { Pattern?: unknown } | undefined)?.Pattern)
    .filter((pattern): pattern is string => typeof pattern === 'string');
}

/**
 * The stack's event source mappings alone: they need no bundled code, so a template synthesized
 * without bundling is enough.
 */
export function eventSourceMappingDefinitions(
  stack: StackArtifact,
  environment: LocalEnvironment,
  resolver: IntrinsicResolver = new IntrinsicResolver(stack, environment),
): LocalEventSourceMappingDefinition[] {
  return stack
    .resourcesOfType(RESOURCE_TYPES.eventSourceMapping)
    .map((mapping) => eventSourceMappingDefinition(resolver, mapping));
}

/** An `AWS::Lambda::EventSourceMapping` the local cloud does not poll at all, and why. */
export interface EventSourceMappingNotRun {
  readonly logicalId: string;
  readonly eventSourceArn: string;
  readonly reason: string;
}

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

/** Why a mapping whose source is not a queue of the stack is not polled. */
function unpolledSourceReason(eventSourceArn: string): string {
  const [, , service] = eventSourceArn.split(':');
  if (service === 'dynamodb') return 'a DynamoDB stream source is not supported; the table still serves';
  if (service === 'kinesis') return 'a Kinesis stream source is not supported';
  if (service === 'sqs') return `reads ${eventSourceArn}, which is not a queue of this stack`;
  return `source ${eventSourceArn || '(none)'} is not supported; only SQS queues are polled`;
}

/**
 * Splits the mappings into those the local cloud keeps (sources that are queues of the stack;
 * disabled when their function does not run) and those it does not poll (other sources, or a
 * function the stack does not hold), with a warning for each mapping kept disabled.
 */
function sortMappings(
  mappings: readonly LocalEventSourceMappingDefinition[],
  queues: readonly LocalQueueDefinition[],
  functions: readonly LocalFunctionDefinition[],
  functionsNotRun: readonly FunctionNotRun[],
): Pick<LocalStackDefinition, 'eventSourceMappings' | 'eventSourceMappingsNotRun' | 'warnings'> {
  const kept: LocalEventSourceMappingDefinition[] = [];
  const notRun: EventSourceMappingNotRun[] = [];
  const warnings: SupportWarning[] = [];
  for (const mapping of mappings) {
    const { logicalId, eventSourceArn, functionName } = mapping;
    const queue = queues.find((candidate) => candidate.queueArn === eventSourceArn);
    if (queue === undefined) {
      notRun.push({ logicalId, eventSourceArn, reason: unpolledSourceReason(eventSourceArn) });
      continue;
    }
    if (functions.some((candidate) => candidate.functionName === functionName)) {
      kept.push(mapping);
      continue;
    }
    const fn = functionsNotRun.find((candidate) => candidate.functionName === functionName);
    if (fn === undefined) {
      notRun.push({
        logicalId,
        eventSourceArn,
        reason: `invokes ${functionName}, which is not a function of this stack`,
      });
      continue;
    }
    kept.push({ ...mapping, enabled: false });
    warnings.push({
      logicalId: mapping.logicalId,
      type: RESOURCE_TYPES.eventSourceMapping,
      location: mapping.logicalId,
      message: `event source mapping ${mapping.logicalId} is kept disabled: function ${fn.logicalId} does not run locally (${fn.reason}); its messages stay on ${queue.queueName}`,
    });
  }
  return { eventSourceMappings: kept, eventSourceMappingsNotRun: notRun, warnings };
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
