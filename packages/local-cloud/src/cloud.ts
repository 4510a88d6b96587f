import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  combinedStackDefinition,
  type LocalQueueDefinition,
  type LocalStackDefinition,
  localAssemblyDefinitions,
  localEnvironment,
  readCloudAssembly,
  type StackSupport,
  stackSupport,
} from './assembly';
import type { Clock } from './clock';
import { createQueues, localSqsConnection, startStorage, stateFolders } from './cloud-startup';
import type { AlarmStateChange, CloudWatchService } from './cloudwatch';
import type { ActivityRecorder } from './console/activity-recorder';
import { startRecordedServices } from './console/cloud-activity';
import type { DynamoDbService } from './dynamodb';
import type {
  BatchSettlement,
  EventSourceMappingService,
  SqsEventSourcePoller,
} from './event-source-mapping';
import { POLLERS_LISTENING_TIMEOUT_MS, pollersListening } from './event-source-mapping/pollers-listening';
import type { LambdaService } from './lambda';
import { prepareRuntimeBootstrap } from './lambda/runtime-bootstrap-source';
import type { LogsService, TerminalPrinter } from './logs';
import { planReload, type ReloadPlan } from './reload-plan';
import type { SnsService } from './sns';
import type { SqsServer } from './sqs';

/** Options of {@link LocalCloud.start}. */
export interface LocalCloudOptions {
  /** The cloud assembly folder (`cdk.out`), synthesized with bundling. */
  readonly assemblyDirectory: string;
  /** The stack to bring up, by name, artifact id or construct path (`Beta/Api` for a stage's stack). */
  readonly stackName: string;
  /**
   * More stacks of the same assembly (its stages' included) to bring up with `stackName`, in one
   * cloud: their queues, tables, functions, mappings and alarms together, each stack's
   * `Fn::ImportValue`s resolved against the others' exports. `cloud.stack` carries the name and,
   * first, the outputs of `stackName`, which is what DescribeStacks answers for.
   * @default - `stackName` alone; its imports still resolve against what the assembly's other stacks export
   */
  readonly additionalStackNames?: readonly string[];
  /** The one clock of the local cloud; its scale compresses every wait (function code runs in real time). */
  readonly clock: Clock;
  /** Port of the SQS endpoint on 127.0.0.1; 0 picks a free one. @default 0 */
  readonly sqsPort?: number;
  /**
   * The address users and functions reach the cloud at, when a gateway serves every service on one
   * port: queue URLs, stack outputs and the functions' SQS endpoint carry it.
   * @default - the SQS endpoint's own address
   */
  readonly publicEndpoint?: string;
  /**
   * A folder that keeps queues and messages, tables and logs across restarts: `sqs/` (the SQS
   * journal), `dynamodb/` (dynalite's LevelDB), `logs/` (the log journal), `lambda/` (queued
   * Event invocations and event source mapping updates) and `sns/` (topics, subscriptions and the
   * deliveries still to make). A restart on the same folder picks up
   * where the last run stopped, even after `kill -9`.
   * @default - everything in memory
   */
  readonly stateDirectory?: string;
  /** Folder for the log files, one per stream. @default - no files */
  readonly logsDirectory?: string;
  /** Prints every log line to the terminal. @default - nothing printed */
  readonly printer?: TerminalPrinter;
  /** Concurrent instances per function, as the account's concurrency limit. @default 10 */
  readonly lambdaConcurrency?: number;
  /** Told about each settled batch of every event source mapping. */
  readonly onBatchSettled?: (settlement: BatchSettlement) => void;
  /** Told about every alarm state change, e.g. DeadLetteredOrders going from OK to ALARM. */
  readonly onAlarmStateChange?: (change: AlarmStateChange) => void;
  /** Told about problems the pollers ride out. */
  readonly onProblem?: (message: string) => void;
}

/** What {@link LocalCloud.reload} did. */
export interface CloudReload extends ReloadPlan {
  /** Resolves once every instance of the swapped-out code has stopped, so its files may go. */
  readonly retired: Promise<void>;
}

/** What a queue holds now. */
export interface QueueDepth {
  readonly logicalId: string;
  readonly queueName: string;
  readonly queueUrl: string;
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/** Every message a queue holds: visible, in flight or delayed. */
export function messagesOn(depth: QueueDepth): number {
  return depth.visible + depth.inFlight + depth.delayed;
}

/**
 * The synthesized stack, running on this machine: every queue in a local SQS endpoint, every table
 * in an embedded DynamoDB, every function as worker-thread instances, and every event source
 * mapping as a poller with Lambda's semantics. All settings come from the template.
 */
export class LocalCloud {
  private constructor(
    public readonly stack: LocalStackDefinition,
    public readonly sqs: SqsServer,
    public readonly dynamodb: DynamoDbService,
    public readonly logs: LogsService,
    public readonly lambda: LambdaService,
    /** Every event source mapping of the template, with its poller; UpdateEventSourceMapping changes them live. */
    public readonly eventSourceMappings: EventSourceMappingService,
    /** The template's alarms, evaluated on the functions' embedded metrics and the queues' metrics. */
    public readonly cloudWatch: CloudWatchService,
    /** An SQS client for the local endpoint, as the functions get one. */
    public readonly sqsClient: SQSClient,
    /**
     * For each stack brought up, in dependency order: every resource of its template with what the
     * local cloud does with it, and the warnings of the start (placeholders given, mappings kept
     * disabled), for a CLI to print with `formatStackSupport`.
     */
    public readonly support: readonly StackSupport[],
    /** Each stack brought up, in dependency order; `stack` holds them all together. */
    public readonly stacks: readonly LocalStackDefinition[],
    /** The template's topics and subscriptions, and any made through the SNS API. */
    public readonly sns: SnsService,
    /** What the cloud has done (invocations, dead letters, alarm changes), for the web console. */
    public readonly activity: ActivityRecorder,
  ) {}

  /** The poller of every event source mapping, enabled or not. */
  get pollers(): readonly SqsEventSourcePoller[] {
    return this.eventSourceMappings.pollers;
  }

  /**
   * Starts the services, creates the stack's queues and tables, and starts polling; resolves once
   * every mapping's pollers are long-polling (at most 5 s), so a burst sent at once is shared between
   * them, as in a deployed stack.
   */
  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const assembly = readCloudAssembly(options.assemblyDirectory);
    const stackNames = [options.stackName, ...(options.additionalStackNames ?? [])];
    // Fails on an unknown name before any service starts.
    const primary = assembly.stack(options.stackName);
    for (const name of stackNames) assembly.stack(name);
    const state = options.stateDirectory === undefined ? undefined : stateFolders(options.stateDirectory);
    // The functions' runtime is bundled while storage starts, and before any poller runs.
    const runtimeBootstrap = prepareRuntimeBootstrap();
    // Awaited once storage is up, so that a failure stops it; until then it is not unhandled.
    runtimeBootstrap.catch(() => undefined);
    const { sqs, dynamodb } = await startStorage(options, state);
    let stacks: LocalStackDefinition[];
    try {
      await runtimeBootstrap;
      stacks = localAssemblyDefinitions(
        assembly,
        localEnvironment({
          sqsEndpoint: options.publicEndpoint ?? sqs.endpoint,
          dynamodbEndpoint: dynamodb.endpoint,
          // Behind a gateway, functions reach every service there (AWS_ENDPOINT_URL and its kin).
          ...(options.publicEndpoint === undefined ? {} : { publicEndpoint: options.publicEndpoint }),
        }),
        stackNames,
      );
    } catch (error) {
      await dynamodb.stop();
      await sqs.close();
      throw error;
    }
    const stack = combinedStackDefinition(stacks, primary.stackName);
    const sqsConnection = localSqsConnection(sqs.endpoint, stack.environment.region);
    const sqsClient = new SQSClient(sqsConnection);
    await createQueues(sqsClient, stack.queues);
    await dynamodb.createTables(stack.tables);
    const { logs, cloudWatch, lambda, eventSourceMappings, sns, activity } = startRecordedServices(
      stack,
      sqs,
      sqsConnection,
      options,
      state,
    );
    await untilPollersListen(eventSourceMappings, sqs, options);
    return new LocalCloud(
      stack,
      sqs,
      dynamodb,
      logs,
      lambda,
      eventSourceMappings,
      cloudWatch,
      sqsClient,
      stacks.map(stackSupport),
      stacks,
      sns,
      activity,
    );
  }

  /** The queue of the stack with this logical id, or whose logical id starts with it. */
  queue(logicalIdPrefix: string): LocalQueueDefinition {
    const queue = this.stack.queues.find((candidate) => candidate.logicalId.startsWith(logicalIdPrefix));
    if (queue === undefined) {
      throw new Error(
        `no queue ${logicalIdPrefix} in the stack (queues: ${this.stack.queues.map((q) => q.logicalId).join(', ')})`,
      );
    }
    return queue;
  }

  /** What every queue of the stack holds now. */
  async queueDepths(): Promise<QueueDepth[]> {
    return Promise.all(
      this.stack.queues.map(async (queue) => {
        const { Attributes = {} } = await this.sqsClient.send(
          new GetQueueAttributesCommand({
            QueueUrl: queue.queueUrl,
            AttributeNames: [
              'ApproximateNumberOfMessages',
              'ApproximateNumberOfMessagesNotVisible',
              'ApproximateNumberOfMessagesDelayed',
            ],
          }),
        );
        return {
          logicalId: queue.logicalId,
          queueName: queue.queueName,
          queueUrl: queue.queueUrl,
          visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
          inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
          delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
        };
      }),
    );
  }

  /**
   * Runs the functions' code and settings from a new synthesis of the same app, without a restart:
   * queues, messages, tables, logs and mappings keep their state, and invocations from now on
   * start instances of the new code (see {@link LambdaService.updateFunctions}). Resources the new
   * template adds, removes or changes otherwise are left as they run, listed in `notPickedUp`.
   *
   * @param assemblyDirectory the new cloud assembly, with the stacks this cloud runs
   * @throws CloudAssemblyError, with nothing swapped, when the assembly lacks a stack or a bundle
   */
  reload(assemblyDirectory: string): CloudReload {
    const stacks = localAssemblyDefinitions(
      readCloudAssembly(assemblyDirectory),
      this.stack.environment,
      this.stacks.map((stack) => stack.stackName),
    );
    const plan = planReload(this.stacks, this.lambda.listFunctions(), stacks);
    return { ...plan, retired: this.lambda.updateFunctions(plan.swapped) };
  }

  /** Stops polling (in-flight batches settle first), then every instance and service. */
  async stop(): Promise<void> {
    // SNS first: it refuses publishes from now on rather than acknowledge what it cannot deliver.
    await this.sns.close();
    await this.eventSourceMappings.stop();
    this.cloudWatch.stop();
    await this.lambda.shutdown();
    this.sqsClient.destroy();
    await this.dynamodb.stop();
    await this.sqs.close();
    this.activity.close();
    this.logs.close();
  }
}

/** Waits for the pollers to listen; says so, and goes on, if they were not in time. */
async function untilPollersListen(
  eventSourceMappings: EventSourceMappingService,
  sqs: SqsServer,
  options: LocalCloudOptions,
): Promise<void> {
  if (await pollersListening(eventSourceMappings.pollers, sqs.model)) return;
  const report = options.onProblem ?? ((message: string) => process.stderr.write(`${message}\n`));
  report(
    `the event source mappings' pollers were not all long-polling ${POLLERS_LISTENING_TIMEOUT_MS} ms after the start; going on`,
  );
}
