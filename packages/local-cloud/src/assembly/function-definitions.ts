import { assetFolderOf } from './asset-folder';
import type { StackArtifact } from './cloud-assembly';
import { CloudAssemblyError } from './errors';
import type { LocalEventInvokeConfig } from './event-invoke-configs';
import type { IntrinsicResolver } from './intrinsic-resolver';
import { functionLayersOf, type LocalFunctionLayer, type LocalLayerDefinition } from './layer-definitions';
import type { LogicalResource } from './template';
import { properties } from './template-properties';

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
  /**
   * The template's `Layers`, in its order (later layers win on Lambda, as they overwrite earlier
   * files in `/opt`). @default - no layers
   */
  readonly layers?: readonly LocalFunctionLayer[];
  /**
   * `DeadLetterConfig.TargetArn`: the SQS queue or SNS topic that gets an asynchronous invocation's
   * event once Lambda gives up on it. @default - none: the event is discarded
   */
  readonly deadLetterTargetArn?: string;
  /**
   * The `AWS::Lambda::EventInvokeConfig` of its `$LATEST`: retries, event age and destinations of
   * its asynchronous invocations. @default - none: Lambda's defaults, no destinations
   */
  readonly eventInvokeConfig?: LocalEventInvokeConfig;
}

export /** Lambda's defaults for properties a template may leave out. */
const LAMBDA_DEFAULTS = { memorySizeMb: 128, timeoutSeconds: 3, sqsBatchSize: 10 } as const;

/**
 * The folder holding a function's bundle: the `aws:asset:path` metadata when `cdk synth` wrote it,
 * otherwise the asset whose S3 object key is the function's `Code.S3Key` (what `app.synth()` leaves).
 */
export function codeDirectoryOf(
  stack: StackArtifact,
  resolver: IntrinsicResolver,
  fn: LogicalResource,
): string {
  const code = (properties(fn).Code ?? {}) as Record<string, unknown>;
  if (code.S3Key === undefined && (code.ZipFile !== undefined || code.ImageUri !== undefined)) {
    throw new CloudAssemblyError(
      `function ${fn.logicalId}: only code from a bundled asset folder runs locally (found ${Object.keys(code).join(', ')})`,
    );
  }
  return assetFolderOf(stack, resolver, fn, { property: 'Code', kind: 'function' });
}

export function functionDefinition(
  stack: StackArtifact,
  resolver: IntrinsicResolver,
  fn: LogicalResource,
  layers: readonly LocalLayerDefinition[] = [],
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
    layers: functionLayersOf(resolver, fn, layers),
    ...deadLetterTargetOf(resolver, fn),
  };
}

/** The function's `DeadLetterConfig.TargetArn`, resolved, when it has one. */
function deadLetterTargetOf(
  resolver: IntrinsicResolver,
  fn: LogicalResource,
): { deadLetterTargetArn?: string } {
  const target = (properties(fn).DeadLetterConfig as { TargetArn?: unknown } | undefined)?.TargetArn;
  if (target === undefined) return {};
  return {
    deadLetterTargetArn: resolver.resolveString(
      target,
      `${fn.logicalId}.Properties.DeadLetterConfig.TargetArn`,
    ),
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
