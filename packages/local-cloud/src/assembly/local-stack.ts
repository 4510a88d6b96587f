import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { alarmDefinitions, type LocalAlarmDefinition } from './alarm-definitions';
import type { StackArtifact } from './cloud-assembly';
import { CloudAssemblyError } from './errors';
import { IntrinsicResolver } from './intrinsic-resolver';
import type { LocalEnvironment } from './local-environment';
import { type LogicalResource, RESOURCE_TYPES } from './template';

/** An `AWS::SQS::Queue`, with its attributes as CreateQueue takes them. */
export interface LocalQueueDefinition {
  readonly logicalId: string;
  readonly queueName: string;
  /** `http://127.0.0.1:<port>/<account>/<name>` */
  readonly queueUrl: string;
  /** `arn:aws:sqs:<region>:<account>:<name>` */
  readonly queueArn: string;
  /** CreateQueue attributes, strings as the SQS API takes them; `RedrivePolicy` is JSON with a resolved ARN. */
  readonly attributes: Readonly<Record<string, string>>;
}

/** An `AWS::DynamoDB::Table`, with the parts of CreateTable that a local table needs. */
export interface LocalTableDefinition {
  readonly logicalId: string;
  readonly tableName: string;
  readonly keySchema: readonly { readonly AttributeName: string; readonly KeyType: 'HASH' | 'RANGE' }[];
  readonly attributeDefinitions: readonly {
    readonly AttributeName: string;
    readonly AttributeType: 'S' | 'N' | 'B';
  }[];
  /** @default 'PROVISIONED', as in CloudFormation */
  readonly billingMode: 'PAY_PER_REQUEST' | 'PROVISIONED';
  readonly provisionedThroughput?: {
    readonly ReadCapacityUnits: number;
    readonly WriteCapacityUnits: number;
  };
  readonly globalSecondaryIndexes?: readonly Record<string, unknown>[];
  readonly localSecondaryIndexes?: readonly Record<string, unknown>[];
}

/** An `AWS::Lambda::Function` whose code is a bundled asset folder. */
export interface LocalFunctionDefinition {
  readonly logicalId: string;
  readonly functionName: string;
  readonly functionArn: string;
  /** `<file>.<export>`, such as `index.handler`. */
  readonly handler: string;
  /** As the template says, such as `nodejs24.x`; the local cloud runs every one on its own Node.js. */
  readonly runtime: string;
  /** @default 128, as in Lambda */
  readonly memorySizeMb: number;
  /** @default 3, as in Lambda */
  readonly timeoutSeconds: number;
  /** The template's `Environment.Variables`, resolved to local values. */
  readonly environment: Readonly<Record<string, string>>;
  /** The asset folder holding the bundle, absolute. */
  readonly codeDirectory: string;
  /** The template's `LoggingConfig.LogGroup`, or `/aws/lambda/<name>`. */
  readonly logGroupName: string;
  /** `RetentionInDays` of the template's `AWS::Logs::LogGroup` that `LoggingConfig` names. @default - never expire */
  readonly logRetentionInDays?: number;
  /** `ReservedConcurrentExecutions`: the most instances the function may run at once. @default - no reservation */
  readonly reservedConcurrentExecutions?: number;
}

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

/** Everything of one stack that the local cloud brings up, with names and references resolved. */
export interface LocalStackDefinition {
  readonly stackName: string;
  readonly environment: LocalEnvironment;
  /** In an order they can be created in: each dead-letter queue before the queues that redrive to it. */
  readonly queues: readonly LocalQueueDefinition[];
  readonly tables: readonly LocalTableDefinition[];
  readonly functions: readonly LocalFunctionDefinition[];
  readonly eventSourceMappings: readonly LocalEventSourceMappingDefinition[];
  /** The alarms on one metric each, which the local CloudWatch evaluates. */
  readonly alarms: readonly LocalAlarmDefinition[];
  /** The stack's outputs, resolved. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The resolver, for anything else the caller wants from the template. */
  readonly resolver: IntrinsicResolver;
}

/** The SQS CreateQueue attributes that CloudFormation sets from properties of the same name. */
const QUEUE_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'MaximumMessageSize',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

/** Lambda's defaults for properties a template may leave out. */
const LAMBDA_DEFAULTS = { memorySizeMb: 128, timeoutSeconds: 3, sqsBatchSize: 10 } as const;

function properties(resource: LogicalResource): Record<string, unknown> {
  return (resource.resource.Properties ?? {}) as Record<string, unknown>;
}

/**
 * Resolves only the properties the local cloud reads, so that a reference it cannot resolve (a KMS
 * key, say) in a property it ignores does not stop the stack from running locally.
 */
function resolveSome(
  resolver: IntrinsicResolver,
  resource: LogicalResource,
  names: readonly string[],
): Record<string, unknown> {
  const all = properties(resource);
  const resolved: Record<string, unknown> = {};
  for (const name of names) {
    if (all[name] !== undefined) {
      resolved[name] = resolver.resolve(all[name], `${resource.logicalId}.Properties.${name}`);
    }
  }
  return resolved;
}

function queueDefinition(resolver: IntrinsicResolver, queue: LogicalResource): LocalQueueDefinition {
  const { logicalId } = queue;
  const resolved = resolveSome(resolver, queue, [...QUEUE_ATTRIBUTES, 'RedrivePolicy', 'RedriveAllowPolicy']);
  const attributes: Record<string, string> = {};
  for (const name of QUEUE_ATTRIBUTES) {
    if (resolved[name] !== undefined) attributes[name] = String(resolved[name]);
  }
  for (const name of ['RedrivePolicy', 'RedriveAllowPolicy'] as const) {
    const policy = resolved[name];
    if (policy !== undefined) attributes[name] = typeof policy === 'string' ? policy : JSON.stringify(policy);
  }
  return {
    logicalId,
    queueName: resolver.physicalName(logicalId),
    queueUrl: resolver.ref(logicalId, logicalId),
    queueArn: resolver.getAtt(logicalId, 'Arn', logicalId),
    attributes,
  };
}

function tableDefinition(resolver: IntrinsicResolver, table: LogicalResource): LocalTableDefinition {
  const { logicalId } = table;
  const resolved = resolveSome(resolver, table, [
    'KeySchema',
    'AttributeDefinitions',
    'BillingMode',
    'ProvisionedThroughput',
    'GlobalSecondaryIndexes',
    'LocalSecondaryIndexes',
  ]);
  if (!Array.isArray(resolved.KeySchema) || !Array.isArray(resolved.AttributeDefinitions)) {
    throw new CloudAssemblyError(
      `table ${logicalId} needs KeySchema and AttributeDefinitions in the template`,
    );
  }
  return {
    logicalId,
    tableName: resolver.physicalName(logicalId),
    keySchema: resolved.KeySchema as LocalTableDefinition['keySchema'],
    attributeDefinitions: resolved.AttributeDefinitions as LocalTableDefinition['attributeDefinitions'],
    billingMode: (resolved.BillingMode as LocalTableDefinition['billingMode'] | undefined) ?? 'PROVISIONED',
    provisionedThroughput: resolved.ProvisionedThroughput as LocalTableDefinition['provisionedThroughput'],
    globalSecondaryIndexes: resolved.GlobalSecondaryIndexes as LocalTableDefinition['globalSecondaryIndexes'],
    localSecondaryIndexes: resolved.LocalSecondaryIndexes as LocalTableDefinition['localSecondaryIndexes'],
  };
}

/** The ARN of the queue's dead-letter target, when it has a redrive policy. */
function deadLetterTargetArn(queue: LocalQueueDefinition): string | undefined {
  const policy = queue.attributes.RedrivePolicy;
  return policy === undefined
    ? undefined
    : (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn;
}

/**
 * The queues with every dead-letter queue before the queues that redrive to it: SQS refuses a
 * redrive policy whose target does not exist yet, whatever order the template lists them in.
 */
function inCreationOrder(queues: LocalQueueDefinition[]): LocalQueueDefinition[] {
  const ordered: LocalQueueDefinition[] = [];
  const placed = new Set<string>();
  let remaining = queues;
  // Each pass places at least one queue unless the redrive policies form a cycle, so at most n passes.
  for (let pass = 0; pass < queues.length && remaining.length > 0; pass++) {
    const ready = remaining.filter((queue) => {
      const target = deadLetterTargetArn(queue);
      return target === undefined || placed.has(target) || !queues.some((other) => other.queueArn === target);
    });
    for (const queue of ready) {
      ordered.push(queue);
      placed.add(queue.queueArn);
    }
    remaining = remaining.filter((queue) => !ready.includes(queue));
  }
  return [...ordered, ...remaining];
}

/**
 * The folder holding a function's bundle: the `aws:asset:path` metadata when `cdk synth` wrote it,
 * otherwise the asset whose S3 object key is the function's `Code.S3Key` (what `app.synth()` leaves).
 */
export function codeDirectoryOf(
  stack: StackArtifact,
  resolver: IntrinsicResolver,
  fn: LogicalResource,
): string {
  const { logicalId, resource } = fn;
  const metadata = resource.Metadata ?? {};
  const assetPath = metadata['aws:asset:path'];
  let directory: string | undefined;
  if (typeof assetPath === 'string' && metadata['aws:asset:property'] === 'Code') {
    directory = isAbsolute(assetPath) ? assetPath : join(stack.assemblyDirectory, assetPath);
  } else {
    const code = (properties(fn).Code ?? {}) as Record<string, unknown>;
    if (code.ZipFile !== undefined || code.ImageUri !== undefined) {
      throw new CloudAssemblyError(
        `function ${logicalId}: only code from a bundled asset folder runs locally (found ${Object.keys(code).join(', ')})`,
      );
    }
    const objectKey = resolver.resolveString(code.S3Key, `${logicalId}.Properties.Code.S3Key`);
    const asset = stack.assets.find((candidate) => candidate.objectKeys.includes(objectKey));
    if (!asset) {
      throw new CloudAssemblyError(
        `function ${logicalId}: no asset in the assembly is published as ${objectKey}`,
      );
    }
    directory = asset.path;
  }
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new CloudAssemblyError(
      `function ${logicalId}: asset folder ${directory} is missing; synthesize with bundling (not with 'aws:cdk:bundling-stacks': [])`,
    );
  }
  return directory;
}

function functionDefinition(
  stack: StackArtifact,
  resolver: IntrinsicResolver,
  fn: LogicalResource,
): LocalFunctionDefinition {
  const { logicalId } = fn;
  const props = properties(fn);
  const at = `${logicalId}.Properties`;
  const functionName = resolver.physicalName(logicalId);
  const variables = resolver.resolve(
    (props.Environment as { Variables?: unknown } | undefined)?.Variables ?? {},
    `${at}.Environment.Variables`,
  );
  const environment = Object.fromEntries(
    Object.entries(variables as Record<string, unknown>).map(([name, value]) => [
      name,
      resolver.resolveString(value, `${at}.Environment.Variables.${name}`),
    ]),
  );
  const loggingConfig = (props.LoggingConfig ?? {}) as { LogGroup?: unknown };
  return {
    logicalId,
    functionName,
    functionArn: resolver.getAtt(logicalId, 'Arn', logicalId),
    handler: resolver.resolveString(props.Handler ?? 'index.handler', `${at}.Handler`),
    runtime: resolver.resolveString(props.Runtime ?? 'unknown', `${at}.Runtime`),
    memorySizeMb: Number(
      resolver.resolve(props.MemorySize ?? LAMBDA_DEFAULTS.memorySizeMb, `${at}.MemorySize`),
    ),
    timeoutSeconds: Number(
      resolver.resolve(props.Timeout ?? LAMBDA_DEFAULTS.timeoutSeconds, `${at}.Timeout`),
    ),
    environment,
    codeDirectory: codeDirectoryOf(stack, resolver, fn),
    logGroupName:
      loggingConfig.LogGroup === undefined
        ? `/aws/lambda/${functionName}`
        : resolver.resolveString(loggingConfig.LogGroup, `${at}.LoggingConfig.LogGroup`),
    ...logRetentionOf(stack, loggingConfig.LogGroup),
    reservedConcurrentExecutions:
      props.ReservedConcurrentExecutions === undefined
        ? undefined
        : Number(resolver.resolve(props.ReservedConcurrentExecutions, `${at}.ReservedConcurrentExecutions`)),
  };
}

/** The retention of the stack's log group a `LoggingConfig.LogGroup` refers to (`{ Ref }`), if it has one. */
function logRetentionOf(stack: StackArtifact, logGroup: unknown): { logRetentionInDays?: number } {
  const logicalId = (logGroup as { Ref?: unknown } | undefined)?.Ref;
  if (typeof logicalId !== 'string') return {};
  const resource = stack.template.Resources?.[logicalId] as
    | { Type?: string; Properties?: { RetentionInDays?: unknown } }
    | undefined;
  const days = resource?.Type === 'AWS::Logs::LogGroup' ? resource.Properties?.RetentionInDays : undefined;
  return typeof days === 'number' ? { logRetentionInDays: days } : {};
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

/**
 * What the local cloud brings up for one stack: every queue, table, function and event source
 * mapping of its template, with `Ref` and `Fn::GetAtt` resolved against the local endpoints.
 *
 * @example
 * const stack = readCloudAssembly('cdk.out').stack(STACK_NAME);
 * const local = localStackDefinition(stack, localEnvironment({ sqsEndpoint, dynamodbEndpoint }));
 * local.functions.map((fn) => fn.functionName);
 */
export function localStackDefinition(
  stack: StackArtifact,
  environment: LocalEnvironment,
): LocalStackDefinition {
  const resolver = new IntrinsicResolver(stack, environment);
  const outputs = Object.fromEntries(
    Object.entries(stack.template.Outputs ?? {}).map(([name, output]) => [
      name,
      resolver.resolveString(output.Value, `Outputs.${name}`),
    ]),
  );
  return {
    stackName: stack.stackName,
    environment,
    queues: inCreationOrder(
      stack.resourcesOfType(RESOURCE_TYPES.queue).map((queue) => queueDefinition(resolver, queue)),
    ),
    tables: stack.resourcesOfType(RESOURCE_TYPES.table).map((table) => tableDefinition(resolver, table)),
    functions: stack
      .resourcesOfType(RESOURCE_TYPES.function)
      .map((fn) => functionDefinition(stack, resolver, fn)),
    eventSourceMappings: eventSourceMappingDefinitions(stack, environment, resolver),
    alarms: alarmDefinitions(resolver, stack.resourcesOfType(RESOURCE_TYPES.alarm)),
    outputs,
    resolver,
  };
}
