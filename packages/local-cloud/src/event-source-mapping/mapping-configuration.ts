import type { LocalEnvironment } from '../assembly/local-environment';
import type { LocalEventSourceMappingDefinition, LocalQueueDefinition } from '../assembly/local-stack';
import type { SqsMappingSettings } from './mapping-update';

/** The states Lambda reports for an event source mapping that the local cloud goes through. */
export type EventSourceMappingState = 'Enabled' | 'Enabling' | 'Disabled' | 'Disabling' | 'Updating';

/** An SQS event source mapping as Lambda's API describes it (`EventSourceMappingConfiguration`). */
export interface EventSourceMappingConfiguration {
  readonly UUID: string;
  readonly EventSourceMappingArn: string;
  readonly EventSourceArn: string;
  readonly FunctionArn: string;
  readonly BatchSize: number;
  readonly MaximumBatchingWindowInSeconds: number;
  /** Present only when a cap is set, as in Lambda. */
  readonly ScalingConfig?: { readonly MaximumConcurrency: number };
  readonly FunctionResponseTypes: string[];
  /** The template's filters; present only when there are some, as in Lambda. */
  readonly FilterCriteria?: { readonly Filters: readonly { readonly Pattern: string }[] };
  readonly State: EventSourceMappingState;
  /**
   * `USER_INITIATED`: every change comes from the template or an update; a mapping of a function
   * that does not run locally says why it is disabled (`PROBLEM: …`).
   */
  readonly StateTransitionReason: string;
  /** Epoch seconds, by the cloud's clock (the API's timestamp format). */
  readonly LastModified: number;
}

/** Lambda reports every change made through the API or CloudFormation with this reason. */
export const USER_INITIATED = 'USER_INITIATED';

/** What a mapping is, as far as Lambda's API describes it. */
export interface MappingView {
  readonly uuid: string;
  readonly definition: LocalEventSourceMappingDefinition;
  readonly queue: LocalQueueDefinition;
  readonly settings: SqsMappingSettings;
  readonly state: EventSourceMappingState;
  /** Cloud epoch milliseconds. */
  readonly lastModified: number;
}

/** A mapping as GetEventSourceMapping answers, its function's ARN and state reason given. */
export function mappingConfiguration(
  mapping: MappingView,
  environment: Pick<LocalEnvironment, 'partition' | 'region' | 'accountId'>,
  about: { readonly functionArn: string; readonly stateTransitionReason: string },
): EventSourceMappingConfiguration {
  const { settings, definition } = mapping;
  const { region, accountId, partition } = environment;
  return {
    UUID: mapping.uuid,
    EventSourceMappingArn: `arn:${partition}:lambda:${region}:${accountId}:event-source-mapping:${mapping.uuid}`,
    EventSourceArn: mapping.queue.queueArn,
    FunctionArn: about.functionArn,
    BatchSize: settings.batchSize,
    MaximumBatchingWindowInSeconds: settings.maximumBatchingWindowSeconds,
    ...(settings.maximumConcurrency === undefined
      ? {}
      : { ScalingConfig: { MaximumConcurrency: settings.maximumConcurrency } }),
    FunctionResponseTypes: settings.reportBatchItemFailures ? ['ReportBatchItemFailures'] : [],
    ...(definition.filterPatterns.length === 0
      ? {}
      : { FilterCriteria: { Filters: definition.filterPatterns.map((Pattern) => ({ Pattern })) } }),
    State: mapping.state,
    StateTransitionReason: about.stateTransitionReason,
    LastModified: mapping.lastModified / 1000,
  };
}
