import type { SQSEvent } from 'aws-lambda';
import type { LocalStackDefinition } from '../assembly/local-stack';
import type { Clock } from '../clock';
import { functionErrorSummary } from '../lambda/invocation-result';
import type { LambdaService } from '../lambda/lambda-service';
import { SqsJsonProtocolClient, type SqsJsonProtocolClientOptions } from '../sqs/json-protocol-client';
import { EventSourceMappingNotFoundException, InvalidParameterValueException } from './errors';
import { FunctionsNotRun } from './functions-not-run';
import {
  type EventSourceMappingConfiguration,
  type EventSourceMappingState,
  type MappingView,
  mappingConfiguration,
  USER_INITIATED,
} from './mapping-configuration';
import { MappingStateFile, type SavedMapping, savedSettingsFor } from './mapping-state-file';
import { applyMappingUpdate, type SqsMappingSettings } from './mapping-update';
import { eventSourceMappingUuid } from './mapping-uuid';
import { type BatchSettlement, type InvocationOutcome, SqsEventSourcePoller } from './sqs-poller';

// The API's shapes, where the Lambda API and the package's index find them with the service.
export type { EventSourceMappingConfiguration, EventSourceMappingState } from './mapping-configuration';

/** What the mappings need of the local Lambda. */
export type MappedFunctions = Pick<LambdaService, 'invoke' | 'getFunction' | 'concurrency'>;

/** Options of an {@link EventSourceMappingService}. */
export interface EventSourceMappingServiceOptions {
  /**
   * The mappings, the queues they read and the region, from the template. A mapping of one of the
   * `functionsNotRun` is listed disabled, with why, and never polled.
   */
  readonly stack: Pick<LocalStackDefinition, 'eventSourceMappings' | 'queues' | 'environment'> &
    Partial<Pick<LocalStackDefinition, 'functionsNotRun'>>;
  readonly lambda: MappedFunctions;
  /**
   * The SQS endpoint the pollers receive and delete on, as an SQSClient would be configured for it.
   * The service calls it with its own lean AWS JSON 1.0 client, as Lambda's pollers are Lambda's
   * own code, and closes that client's connections when it stops.
   */
  readonly sqs: SqsJsonProtocolClientOptions;
  readonly clock: Clock;
  /** Told about each settled batch of every mapping. */
  readonly onBatchSettled?: (settlement: BatchSettlement) => void;
  /** Told about problems the pollers ride out. */
  readonly onProblem?: (message: string) => void;
  /** The pollers' long-poll wait while a queue is empty, in cloud seconds. @default 1 */
  readonly idleWaitSeconds?: number;
  /**
   * A JSON file that keeps every update, so that a restart on it has the mappings as they were
   * left (unless the template changed them since, as a deploy would).
   * @default - updates last until the cloud stops
   */
  readonly stateFile?: string;
}

/** Filters of ListEventSourceMappings. */
export interface EventSourceMappingFilter {
  /** A function's name, ARN or logical id. */
  readonly functionName?: string;
  readonly eventSourceArn?: string;
}

interface MappingEntry extends MappingView {
  readonly poller: SqsEventSourcePoller;
  settings: SqsMappingSettings;
  state: EventSourceMappingState;
  lastModified: number;
  /** Enabling and disabling, one after the other, so a restart never overlaps a stop. */
  transition: Promise<void>;
  /** The function does not run locally: the mapping stays disabled and is never polled. */
  readonly functionNotRun: boolean;
}

/**
 * The local cloud's event source mappings, with the operation names of Lambda's API: every
 * `AWS::Lambda::EventSourceMapping` of the template, enabled or not, each with its SQS poller.
 * {@link updateEventSourceMapping} changes a running mapping live, as Lambda does: the next batch
 * is gathered with the new batch size and window, lanes over a lowered concurrency cap end once
 * their batch has settled, `Enabled: false` stops polling (batches in flight settle: the mapping is
 * `Disabling` until they have), and `Enabled: true` starts it again.
 *
 * @example
 * const sqs = { endpoint: 'http://127.0.0.1:9324', region: 'us-east-1', credentials };
 * const mappings = new EventSourceMappingService({ stack, lambda, sqs, clock });
 * mappings.start();
 * const [mapping] = mappings.listEventSourceMappings({ functionName: 'OrderPipeline-ProcessOrders' });
 * mappings.updateEventSourceMapping(mapping.UUID, { BatchSize: 1 });
 * await mappings.stop();
 */
export class EventSourceMappingService {
  private readonly entries = new Map<string, MappingEntry>();
  private readonly stateFile?: MappingStateFile;
  private readonly saved: Record<string, SavedMapping>;
  private readonly functionsNotRun: FunctionsNotRun;
  /** The client every poller of the service receives and deletes with (tests observe the receives). */
  readonly pollerClient: SqsJsonProtocolClient;
  private stopped = false;

  constructor(private readonly options: EventSourceMappingServiceOptions) {
    const { stack, lambda } = options;
    this.pollerClient = new SqsJsonProtocolClient(options.sqs);
    this.stateFile = options.stateFile === undefined ? undefined : new MappingStateFile(options.stateFile);
    this.saved = this.stateFile?.load() ?? {};
    this.functionsNotRun = new FunctionsNotRun(stack.functionsNotRun ?? [], stack.environment);
    for (const definition of stack.eventSourceMappings) {
      const queue = stack.queues.find((candidate) => candidate.queueArn === definition.eventSourceArn);
      if (queue === undefined) {
        throw new Error(
          `event source mapping ${definition.logicalId} reads ${definition.eventSourceArn}, which is not a queue of the stack`,
        );
      }
      const uuid = eventSourceMappingUuid(definition.logicalId);
      const saved = savedSettingsFor(this.saved[uuid], definition, (name) => this.functionExists(name));
      if (saved === undefined) delete this.saved[uuid];
      const functionNotRun = !this.functionExists(definition.functionName);
      const settings: SqsMappingSettings = saved?.settings ?? {
        functionName: functionNotRun
          ? definition.functionName
          : lambda.getFunction(definition.functionName).functionName,
        enabled: definition.enabled && !functionNotRun,
        batchSize: definition.batchSize,
        maximumBatchingWindowSeconds: definition.maximumBatchingWindowSeconds,
        maximumConcurrency: definition.maximumConcurrency,
        reportBatchItemFailures: definition.reportBatchItemFailures,
      };
      const entry: MappingEntry = {
        uuid,
        definition,
        queue,
        settings,
        state: settings.enabled ? 'Enabled' : 'Disabled',
        lastModified: saved?.lastModified ?? options.clock.now(),
        transition: Promise.resolve(),
        functionNotRun,
        poller: new SqsEventSourcePoller(
          {
            name: definition.logicalId,
            queueUrl: queue.queueUrl,
            queueArn: queue.queueArn,
            region: stack.environment.region,
            // From the template only: UpdateEventSourceMapping does not change them locally.
            filterPatterns: definition.filterPatterns,
            ...this.pollerSettings(settings),
          },
          {
            sqs: this.pollerClient,
            // Reads the entry's settings at each batch: an update may point the mapping at another function.
            invoke: (event) => this.invoke(entry.settings.functionName, event),
            clock: options.clock,
            onBatchSettled: options.onBatchSettled,
            onProblem: options.onProblem,
            idleWaitSeconds: options.idleWaitSeconds,
          },
        ),
      };
      this.entries.set(uuid, entry);
    }
  }

  /** Starts polling every enabled mapping. */
  start(): void {
    this.stopped = false;
    for (const entry of this.entries.values()) {
      if (entry.settings.enabled) entry.poller.start();
    }
  }

  /**
   * Stops polling; resolves once every batch in flight has been settled and the pollers' connections
   * are closed ({@link start} opens new ones).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(
      [...this.entries.values()].map(async (entry) => {
        await entry.transition;
        await entry.poller.stop();
      }),
    );
    this.pollerClient.close();
  }

  /** Every mapping's poller, enabled or not, but for those of functions that do not run. */
  get pollers(): readonly SqsEventSourcePoller[] {
    return [...this.entries.values()].filter((entry) => !entry.functionNotRun).map((entry) => entry.poller);
  }

  /** ListEventSourceMappings: the mappings of a function, of a queue, or all of them. */
  listEventSourceMappings(filter: EventSourceMappingFilter = {}): EventSourceMappingConfiguration[] {
    const functionName =
      filter.functionName === undefined ? undefined : this.mappedFunctionName(filter.functionName);
    return [...this.entries.values()]
      .filter(
        (entry) =>
          (functionName === undefined || entry.settings.functionName === functionName) &&
          (filter.eventSourceArn === undefined || entry.queue.queueArn === filter.eventSourceArn),
      )
      .map((entry) => this.configuration(entry));
  }

  /** GetEventSourceMapping. @throws EventSourceMappingNotFoundException for an unknown UUID. */
  getEventSourceMapping(uuid: string): EventSourceMappingConfiguration {
    return this.configuration(this.entry(uuid));
  }

  /**
   * UpdateEventSourceMapping, with the request's JSON body. Answers as Lambda does, with the state
   * the change starts (`Updating`, `Enabling` or `Disabling`); GetEventSourceMapping reports
   * `Enabled` or `Disabled` once it is done.
   *
   * @throws InvalidParameterValueException naming every value out of Lambda's limits
   * @throws ResourceNotFoundException for an unknown UUID or function
   */
  updateEventSourceMapping(
    uuid: string,
    request: Readonly<Record<string, unknown>>,
  ): EventSourceMappingConfiguration {
    const entry = this.entry(uuid);
    if (entry.functionNotRun) {
      throw new InvalidParameterValueException([
        `event source mapping ${uuid} cannot be changed locally: ${this.functionsNotRun.stateTransitionReason(entry.settings.functionName)}`,
      ]);
    }
    const requested = applyMappingUpdate(entry.settings, request, {
      fifoQueue: entry.queue.attributes.FifoQueue === 'true',
    });
    const next = {
      ...requested,
      functionName: this.options.lambda.getFunction(requested.functionName).functionName,
    };
    const wasEnabled = entry.settings.enabled;
    entry.settings = next;
    entry.lastModified = this.options.clock.now();
    entry.poller.update(this.pollerSettings(next));
    this.saved[uuid] = { template: entry.definition, settings: next, lastModified: entry.lastModified };
    this.stateFile?.save(this.saved);
    if (wasEnabled && !next.enabled) {
      entry.state = 'Disabling';
      entry.transition = entry.transition
        .then(() => entry.poller.stop())
        .then(() => {
          if (!entry.settings.enabled) entry.state = 'Disabled';
        });
      return this.configuration(entry);
    }
    if (!wasEnabled && next.enabled) {
      entry.state = 'Enabling';
      entry.transition = entry.transition.then(() => {
        if (!entry.settings.enabled) return;
        if (!this.stopped) entry.poller.start();
        entry.state = 'Enabled';
      });
      return this.configuration(entry);
    }
    return { ...this.configuration(entry), State: 'Updating' };
  }

  private functionExists(functionName: string): boolean {
    try {
      this.options.lambda.getFunction(functionName);
      return true;
    } catch {
      return false;
    }
  }

  /** The name of a function, run or not, given its name, ARN or logical id. */
  private mappedFunctionName(name: string): string {
    const notRun = this.functionsNotRun.find(name);
    return notRun === undefined ? this.options.lambda.getFunction(name).functionName : notRun.functionName;
  }

  private entry(uuid: string): MappingEntry {
    const entry = this.entries.get(uuid);
    if (entry === undefined) throw new EventSourceMappingNotFoundException(uuid, [...this.entries.keys()]);
    return entry;
  }

  private pollerSettings(settings: SqsMappingSettings) {
    return {
      batchSize: settings.batchSize,
      maximumBatchingWindowSeconds: settings.maximumBatchingWindowSeconds,
      maximumConcurrency: settings.maximumConcurrency ?? this.options.lambda.concurrency,
      reportBatchItemFailures: settings.reportBatchItemFailures,
    };
  }

  private async invoke(functionName: string, event: SQSEvent): Promise<InvocationOutcome> {
    const result = await this.options.lambda.invoke(functionName, event);
    const { requestId } = result;
    if (result.functionError === undefined)
      return { status: 'succeeded', response: result.payload, requestId };
    return { status: 'failed', error: functionErrorSummary(result), requestId };
  }

  private configuration(entry: MappingEntry): EventSourceMappingConfiguration {
    const { functionName } = entry.settings;
    return mappingConfiguration(entry, this.options.stack.environment, {
      functionArn: entry.functionNotRun
        ? this.functionsNotRun.arnOf(functionName)
        : this.options.lambda.getFunction(functionName).functionArn,
      stateTransitionReason: entry.functionNotRun
        ? this.functionsNotRun.stateTransitionReason(functionName)
        : USER_INITIATED,
    });
  }
}
