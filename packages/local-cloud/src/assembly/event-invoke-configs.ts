import type { LocalFunctionDefinition } from './function-definitions';
import type { IntrinsicResolver } from './intrinsic-resolver';
import type { SupportWarning } from './support-warning';
import { type LogicalResource, RESOURCE_TYPES } from './template';
import { properties } from './template-properties';

/** The CloudFormation type of a function's asynchronous invocation settings. */
export const EVENT_INVOKE_CONFIG_TYPE = 'AWS::Lambda::EventInvokeConfig';

/** The limits Lambda puts on an `AWS::Lambda::EventInvokeConfig`'s settings. */
export const EVENT_INVOKE_CONFIG_LIMITS = {
  maximumRetryAttempts: { min: 0, max: 2 },
  maximumEventAgeSeconds: { min: 60, max: 6 * 60 * 60 },
} as const;

/**
 * A function's `AWS::Lambda::EventInvokeConfig` for `$LATEST`, the only version that runs locally:
 * how its asynchronous invocations are retried and where their records go.
 */
export interface LocalEventInvokeConfig {
  /** The `AWS::Lambda::EventInvokeConfig` resource. */
  readonly logicalId: string;
  /** Retries after a function error, 0 to 2. @default - the queue's (Lambda's 2) */
  readonly maximumRetryAttempts?: number;
  /** Seconds an event may wait before it is dropped, 60 to 21600. @default - the queue's (Lambda's 6 hours) */
  readonly maximumEventAgeSeconds?: number;
  /** `DestinationConfig.OnFailure.Destination`: an SQS queue, SNS topic, function or event bus ARN. @default - none */
  readonly onFailure?: string;
  /** `DestinationConfig.OnSuccess.Destination`. @default - none */
  readonly onSuccess?: string;
}

/** What the local cloud does with an asynchronous invocation's destination ARN. */
export type AsyncDestinationKind = 'queue' | 'topic' | 'function' | 'not-emulated';

/** The kind of a destination ARN, by its service (`arn:aws:<service>:...`). */
export function asyncDestinationKind(arn: string): AsyncDestinationKind {
  const service = arn.split(':')[2];
  if (service === 'sqs') return 'queue';
  if (service === 'sns') return 'topic';
  if (service === 'lambda') return 'function';
  return 'not-emulated';
}

/**
 * What is wrong with an asynchronous invocation setting, in Lambda's words, or undefined when the
 * value is within its limits.
 */
export function asyncSettingProblem(
  setting: string,
  value: number,
  range: { readonly min: number; readonly max: number },
): string | undefined {
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return undefined;
  return `${setting} must be a whole number between ${range.min} and ${range.max} (given ${value})`;
}

/** `{ [key]: value }`, or `{}` when there is no value. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function warningOf(logicalId: string, message: string): SupportWarning {
  return { logicalId, type: EVENT_INVOKE_CONFIG_TYPE, location: logicalId, message };
}

/** An `EventInvokeConfig` being read for its function, and where its warnings go. */
interface ConfigReading {
  readonly resolver: IntrinsicResolver;
  readonly config: LogicalResource;
  readonly fn: LocalFunctionDefinition;
  readonly warnings: SupportWarning[];
}

/** A whole-number setting, kept only when Lambda would accept it; a warning naming the function otherwise. */
function checkedSetting(
  { resolver, config, fn, warnings }: ConfigReading,
  property: 'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds',
  range: { readonly min: number; readonly max: number },
): number | undefined {
  const raw = properties(config)[property];
  if (raw === undefined) return undefined;
  const value = Number(resolver.resolve(raw, `${config.logicalId}.Properties.${property}`));
  const problem = asyncSettingProblem(property, value, range);
  if (problem === undefined) return value;
  const message = `EventInvokeConfig ${config.logicalId} of function ${fn.logicalId}: ${problem}; Lambda's default applies locally`;
  warnings.push(warningOf(config.logicalId, message));
  return undefined;
}

function destinationOf(
  resolver: IntrinsicResolver,
  config: LogicalResource,
  which: 'OnFailure' | 'OnSuccess',
) {
  const destinationConfig = properties(config).DestinationConfig as Record<string, unknown> | undefined;
  const destination = (destinationConfig?.[which] as { Destination?: unknown } | undefined)?.Destination;
  if (destination === undefined) return undefined;
  return resolver.resolveString(
    destination,
    `${config.logicalId}.Properties.DestinationConfig.${which}.Destination`,
  );
}

/** The function an `EventInvokeConfig` names, by name or (partial) ARN, its qualifier apart. */
function targetOf(
  resolver: IntrinsicResolver,
  config: LogicalResource,
  functions: readonly LocalFunctionDefinition[],
): { fn?: LocalFunctionDefinition; name: string } {
  const name = resolver.resolveString(
    properties(config).FunctionName ?? '',
    `${config.logicalId}.Properties.FunctionName`,
  );
  const fn = functions.find(
    (candidate) =>
      name === candidate.functionName ||
      name === candidate.functionArn ||
      name.endsWith(`:function:${candidate.functionName}`),
  );
  return { fn, name };
}

/**
 * Reads the stack's `AWS::Lambda::EventInvokeConfig` resources and gives each function that runs
 * the one for its `$LATEST`. What cannot apply is a warning rather than an error, as for the rest
 * of the template: a qualifier other than `$LATEST` (versions and aliases do not run locally), a
 * function that does not run here, and a setting outside Lambda's limits (Lambda's default applies).
 *
 * @example
 * const { functions, warnings } = withEventInvokeConfigs(resolver, configs, functions);
 */
export function withEventInvokeConfigs(
  resolver: IntrinsicResolver,
  configs: readonly LogicalResource[],
  functions: readonly LocalFunctionDefinition[],
): { functions: LocalFunctionDefinition[]; warnings: SupportWarning[] } {
  const warnings: SupportWarning[] = [];
  const byFunction = new Map<string, LocalEventInvokeConfig>();
  for (const config of configs) {
    const { logicalId } = config;
    const { fn, name } = targetOf(resolver, config, functions);
    const qualifier = resolver.resolveString(
      properties(config).Qualifier ?? '$LATEST',
      `${logicalId}.Properties.Qualifier`,
    );
    if (fn === undefined || qualifier !== '$LATEST') {
      const why =
        fn === undefined
          ? `its function ${name} does not run locally`
          : `its qualifier ${qualifier} is a version or alias, and only $LATEST runs locally`;
      warnings.push(warningOf(logicalId, `EventInvokeConfig ${logicalId} is not applied: ${why}`));
      continue;
    }
    const { maximumRetryAttempts: retries, maximumEventAgeSeconds: age } = EVENT_INVOKE_CONFIG_LIMITS;
    const reading = { resolver, config, fn, warnings };
    // Only what the template sets, so that the definition reads (and compares on reload) as it says.
    byFunction.set(fn.functionName, {
      logicalId,
      ...optional('maximumRetryAttempts', checkedSetting(reading, 'MaximumRetryAttempts', retries)),
      ...optional('maximumEventAgeSeconds', checkedSetting(reading, 'MaximumEventAgeInSeconds', age)),
      ...optional('onFailure', destinationOf(resolver, config, 'OnFailure')),
      ...optional('onSuccess', destinationOf(resolver, config, 'OnSuccess')),
    });
  }
  const configured = functions.map((fn) => {
    const eventInvokeConfig = byFunction.get(fn.functionName);
    return eventInvokeConfig === undefined ? fn : { ...fn, eventInvokeConfig };
  });
  return { functions: configured, warnings: [...warnings, ...asyncTargetWarnings(configured)] };
}

/**
 * A warning for each dead-letter queue or destination that the local cloud does not send to: an
 * EventBridge bus or S3 bucket (not emulated), a dead-letter target that is neither a queue nor a
 * topic, a FIFO queue or topic (Lambda does not send to those either).
 */
export function asyncTargetWarnings(functions: readonly LocalFunctionDefinition[]): SupportWarning[] {
  return functions.flatMap((fn) => {
    const targets = [
      { what: 'dead-letter queue', arn: fn.deadLetterTargetArn, allowed: ['queue', 'topic'] },
      {
        what: 'on-failure destination',
        arn: fn.eventInvokeConfig?.onFailure,
        allowed: ['queue', 'topic', 'function'],
      },
      {
        what: 'on-success destination',
        arn: fn.eventInvokeConfig?.onSuccess,
        allowed: ['queue', 'topic', 'function'],
      },
    ];
    return targets.flatMap(({ what, arn, allowed }) => {
      if (arn === undefined) return [];
      const problem = !allowed.includes(asyncDestinationKind(arn))
        ? 'is not emulated: records sent there are reported as lost'
        : arn.endsWith('.fifo')
          ? 'is FIFO, which Lambda does not send to: records sent there are reported as lost'
          : undefined;
      if (problem === undefined) return [];
      const message = `function ${fn.logicalId}: its ${what} ${arn} ${problem}`;
      return [{ logicalId: fn.logicalId, type: RESOURCE_TYPES.function, location: fn.logicalId, message }];
    });
  });
}
