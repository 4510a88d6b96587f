import { InvalidParameterValueException } from './errors';
import { MAPPING_LIMITS } from './mapping-limits';

/** What an SQS event source mapping is set to: the template's values, then each update's. */
export interface SqsMappingSettings {
  readonly functionName: string;
  readonly enabled: boolean;
  readonly batchSize: number;
  readonly maximumBatchingWindowSeconds: number;
  /** `ScalingConfig.MaximumConcurrency`. @default - no cap but the function's concurrency */
  readonly maximumConcurrency?: number;
  readonly reportBatchItemFailures: boolean;
}

/** The fields of an UpdateEventSourceMapping request that an SQS mapping takes. */
const UPDATABLE_FIELDS = [
  'FunctionName',
  'Enabled',
  'BatchSize',
  'MaximumBatchingWindowInSeconds',
  'ScalingConfig',
  'FunctionResponseTypes',
] as const;

const FUNCTION_RESPONSE_TYPES = ['ReportBatchItemFailures'];

interface Range {
  readonly min: number;
  readonly max: number;
}

/** Why an optional request field is out of range; nothing when it is absent or valid. */
function wholeNumberProblem(field: string, value: unknown, range: Range): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max) {
    return undefined;
  }
  return `${field} must be a whole number between ${range.min} and ${range.max} (given ${JSON.stringify(value)})`;
}

/** The request's fields that an SQS mapping does not take, as one problem. */
function unsupportedFieldsProblem(request: Readonly<Record<string, unknown>>): string | undefined {
  const unsupported = Object.keys(request).filter(
    (field) => field !== 'UUID' && !(UPDATABLE_FIELDS as readonly string[]).includes(field),
  );
  if (unsupported.length === 0) return undefined;
  return `${unsupported.join(', ')}: not supported for an SQS event source mapping in the local cloud (it updates ${UPDATABLE_FIELDS.join(', ')})`;
}

/** The concurrency cap after a `ScalingConfig` (an empty one removes it), or why it is invalid. */
function scalingConfigUpdate(
  scalingConfig: unknown,
  current: number | undefined,
): { readonly maximumConcurrency: number | undefined; readonly problem?: string } {
  if (scalingConfig === undefined) return { maximumConcurrency: current };
  if (typeof scalingConfig !== 'object' || scalingConfig === null) {
    const problem = `ScalingConfig must be an object such as {"MaximumConcurrency": 2} (given ${JSON.stringify(scalingConfig)})`;
    return { maximumConcurrency: current, problem };
  }
  const cap = (scalingConfig as { MaximumConcurrency?: unknown }).MaximumConcurrency;
  if (cap === undefined) return { maximumConcurrency: undefined };
  return {
    maximumConcurrency: cap as number,
    problem: wholeNumberProblem('ScalingConfig.MaximumConcurrency', cap, MAPPING_LIMITS.maxConcurrency),
  };
}

/** Why the request's FunctionResponseTypes, Enabled or FunctionName is not of its type. */
function typeProblems(request: Readonly<Record<string, unknown>>): (string | undefined)[] {
  const { FunctionResponseTypes, Enabled, FunctionName } = request;
  const responseTypesValid =
    FunctionResponseTypes === undefined ||
    (Array.isArray(FunctionResponseTypes) &&
      FunctionResponseTypes.every((type) => FUNCTION_RESPONSE_TYPES.includes(type as string)));
  return [
    responseTypesValid
      ? undefined
      : `FunctionResponseTypes may hold only ${FUNCTION_RESPONSE_TYPES.join(', ')} (given ${JSON.stringify(FunctionResponseTypes)})`,
    Enabled === undefined || typeof Enabled === 'boolean'
      ? undefined
      : `Enabled must be true or false (given ${JSON.stringify(Enabled)})`,
    FunctionName === undefined || (typeof FunctionName === 'string' && FunctionName !== '')
      ? undefined
      : `FunctionName must be a function's name or ARN (given ${JSON.stringify(FunctionName)})`,
  ];
}

/**
 * The settings after an UpdateEventSourceMapping request (its JSON body), checked the way Lambda
 * checks an SQS mapping: BatchSize 1 to 10,000 and over 10 only with a batching window of at least
 * 1 second, MaximumBatchingWindowInSeconds 0 to 300, ScalingConfig.MaximumConcurrency 2 to 1,000, and
 * on a FIFO queue at most 10 records and no window. A field left out keeps its value; an empty
 * `ScalingConfig` removes the cap.
 *
 * @throws InvalidParameterValueException listing every problem, each naming the field and the value given.
 */
export function applyMappingUpdate(
  current: SqsMappingSettings,
  request: Readonly<Record<string, unknown>>,
  options: { readonly fifoQueue: boolean },
): SqsMappingSettings {
  const { BatchSize, MaximumBatchingWindowInSeconds, FunctionResponseTypes, Enabled, FunctionName } = request;
  const scaling = scalingConfigUpdate(request.ScalingConfig, current.maximumConcurrency);
  const problems = [
    unsupportedFieldsProblem(request),
    wholeNumberProblem('BatchSize', BatchSize, MAPPING_LIMITS.batchSize),
    wholeNumberProblem(
      'MaximumBatchingWindowInSeconds',
      MaximumBatchingWindowInSeconds,
      MAPPING_LIMITS.maxBatchingWindowSeconds,
    ),
    scaling.problem,
    ...typeProblems(request),
  ];
  const next: SqsMappingSettings = {
    functionName: (FunctionName as string | undefined) ?? current.functionName,
    enabled: (Enabled as boolean | undefined) ?? current.enabled,
    batchSize: (BatchSize as number | undefined) ?? current.batchSize,
    maximumBatchingWindowSeconds:
      (MaximumBatchingWindowInSeconds as number | undefined) ?? current.maximumBatchingWindowSeconds,
    maximumConcurrency: scaling.maximumConcurrency,
    reportBatchItemFailures: Array.isArray(FunctionResponseTypes)
      ? FunctionResponseTypes.includes('ReportBatchItemFailures')
      : current.reportBatchItemFailures,
  };
  const reported = problems.filter((problem): problem is string => problem !== undefined);
  if (reported.length === 0) reported.push(...combinationProblems(next, options.fifoQueue));
  if (reported.length > 0) throw new InvalidParameterValueException(reported);
  return next;
}

/** Limits on the batch size and window together, checked once each value is valid on its own. */
function combinationProblems(settings: SqsMappingSettings, fifoQueue: boolean): string[] {
  const { batchSize, maximumBatchingWindowSeconds } = settings;
  if (fifoQueue) {
    return [
      ...(batchSize > MAPPING_LIMITS.batchSizeWithoutWindow
        ? [
            `BatchSize must be at most ${MAPPING_LIMITS.batchSizeWithoutWindow} for a FIFO queue (given ${batchSize})`,
          ]
        : []),
      ...(maximumBatchingWindowSeconds > 0
        ? [
            `MaximumBatchingWindowInSeconds is not supported for a FIFO queue (given ${maximumBatchingWindowSeconds})`,
          ]
        : []),
    ];
  }
  if (batchSize > MAPPING_LIMITS.batchSizeWithoutWindow && maximumBatchingWindowSeconds < 1) {
    return [
      `BatchSize over ${MAPPING_LIMITS.batchSizeWithoutWindow} needs a MaximumBatchingWindowInSeconds of at least 1 ` +
        `(given BatchSize ${batchSize} with MaximumBatchingWindowInSeconds ${maximumBatchingWindowSeconds})`,
    ];
  }
  return [];
}
