import type { StackArtifact } from './cloud-assembly';
import { LAMBDA_DEFAULTS, type LocalFunctionDefinition } from './function-definitions';
import type { FunctionNotRun } from './function-support';
import { IntrinsicResolver } from './intrinsic-resolver';
import type { LocalEnvironment } from './local-environment';
import type { LocalQueueDefinition } from './queue-definitions';
import type { SupportWarning } from './support-warning';
import { type LogicalResource, RESOURCE_TYPES } from './template';
import { properties } from './template-properties';

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

/** One mapping of the template, its properties resolved. */
export function eventSourceMappingDefinition(
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

/** The mappings of a stack, sorted by what the local cloud does with them. */
export interface SortedMappings {
  /** Those it keeps: polled, or listed disabled when their function does not run. */
  readonly eventSourceMappings: LocalEventSourceMappingDefinition[];
  /** Those it does not poll at all. */
  readonly eventSourceMappingsNotRun: EventSourceMappingNotRun[];
  /** One for each mapping kept disabled. */
  readonly warnings: SupportWarning[];
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
export function sortMappings(
  mappings: readonly LocalEventSourceMappingDefinition[],
  queues: readonly LocalQueueDefinition[],
  functions: readonly LocalFunctionDefinition[],
  functionsNotRun: readonly FunctionNotRun[],
): SortedMappings {
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
