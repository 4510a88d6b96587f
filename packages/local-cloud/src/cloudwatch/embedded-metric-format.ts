import type { MetricDimension, MetricIdentity } from '../assembly/alarm-definitions';

/** The values one EMF document gives one metric. */
export interface EmbeddedMetricValues {
  readonly metric: MetricIdentity;
  /** One datapoint per value: a target member may hold a number or an array of numbers. */
  readonly values: readonly number[];
  readonly unit?: string;
  /** 1 for a high-resolution metric. @default 60 */
  readonly storageResolution: number;
}

/** What one log event holds in the embedded metric format. */
export interface EmbeddedMetricDocument {
  /** `_aws.Timestamp`: epoch ms, as the emitter's clock read it. */
  readonly timestamp?: number;
  readonly metrics: readonly EmbeddedMetricValues[];
  /** What CloudWatch would refuse in the document; the rest is still extracted. */
  readonly problems: readonly string[];
}

/** The spec's limits: members per DimensionSet, metrics per directive, values per target member. */
const EMF_LIMITS = { dimensionsPerSet: 30, metricsPerDirective: 100, valuesPerMember: 100 } as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A target member's values: a number, or an array of numbers. */
function valuesOf(member: unknown): number[] | undefined {
  const values = Array.isArray(member) ? member : [member];
  if (values.length === 0 || values.length > EMF_LIMITS.valuesPerMember) return undefined;
  return values.every((value) => typeof value === 'number' && Number.isFinite(value))
    ? (values as number[])
    : undefined;
}

/** The dimensions a DimensionSet names, read from the root; `undefined` if one is missing or not a string. */
function dimensionsOf(root: Record<string, unknown>, set: unknown): MetricDimension[] | undefined {
  if (!Array.isArray(set) || set.length > EMF_LIMITS.dimensionsPerSet) return undefined;
  const dimensions: MetricDimension[] = [];
  for (const name of set) {
    const value = typeof name === 'string' ? root[name] : undefined;
    if (typeof value !== 'string') return undefined;
    dimensions.push({ name, value });
  }
  return dimensions;
}

function directiveMetrics(
  root: Record<string, unknown>,
  directive: unknown,
  index: number,
  problems: string[],
): EmbeddedMetricValues[] {
  const at = `_aws.CloudWatchMetrics[${index}]`;
  if (!isObject(directive) || typeof directive.Namespace !== 'string' || directive.Namespace === '') {
    problems.push(`${at} needs a Namespace`);
    return [];
  }
  if (!Array.isArray(directive.Metrics) || directive.Metrics.length > EMF_LIMITS.metricsPerDirective) {
    problems.push(`${at}.Metrics must be an array of at most ${EMF_LIMITS.metricsPerDirective} metrics`);
    return [];
  }
  const sets = Array.isArray(directive.Dimensions) ? directive.Dimensions : [];
  const dimensionSets: MetricDimension[][] = [];
  for (const [setIndex, set] of sets.entries()) {
    const dimensions = dimensionsOf(root, set);
    if (dimensions === undefined) {
      problems.push(`${at}.Dimensions[${setIndex}] names a member that is missing or not a string`);
    } else dimensionSets.push(dimensions);
  }
  // An empty Dimensions array publishes the metrics without dimensions.
  if (sets.length === 0) dimensionSets.push([]);
  const extracted: EmbeddedMetricValues[] = [];
  for (const definition of directive.Metrics as unknown[]) {
    const name = isObject(definition) ? definition.Name : undefined;
    const values = typeof name === 'string' ? valuesOf(root[name]) : undefined;
    if (typeof name !== 'string' || values === undefined) {
      problems.push(`${at}: metric ${JSON.stringify(name)} has no number or array of numbers at the root`);
      continue;
    }
    const { Unit, StorageResolution } = definition as { Unit?: unknown; StorageResolution?: unknown };
    for (const dimensions of dimensionSets) {
      extracted.push({
        metric: { namespace: directive.Namespace, metricName: name, dimensions },
        values,
        unit: typeof Unit === 'string' ? Unit : undefined,
        storageResolution: StorageResolution === 1 ? 1 : 60,
      });
    }
  }
  return extracted;
}

/**
 * Reads the metrics a log event embeds in CloudWatch's embedded metric format (EMF): the event is a
 * JSON object whose `_aws.CloudWatchMetrics` directives name a namespace, dimension sets and
 * metrics, whose values (and dimension values) are members of the root object. Each dimension set
 * makes its own metric. Events that are not EMF give `undefined`, so plain and JSON log lines cost
 * one substring search.
 *
 * @example
 * parseEmbeddedMetrics(
 *   '{"_aws":{"Timestamp":1764480000000,"CloudWatchMetrics":[{"Namespace":"OrderPipeline",' +
 *     '"Dimensions":[["service"]],"Metrics":[{"Name":"DeadLetteredOrders","Unit":"Count"}]}]},' +
 *     '"service":"failed-orders","DeadLetteredOrders":[1,1]}',
 * )?.metrics[0];
 * // { metric: { namespace: 'OrderPipeline', metricName: 'DeadLetteredOrders',
 * //   dimensions: [{ name: 'service', value: 'failed-orders' }] }, values: [1, 1], unit: 'Count', storageResolution: 60 }
 */
export function parseEmbeddedMetrics(message: string): EmbeddedMetricDocument | undefined {
  if (!message.includes('"_aws"')) return undefined;
  let root: unknown;
  try {
    // The spec allows nothing before or after the object: Lambda's tab-separated prefix makes it plain text.
    root = JSON.parse(message.trim());
  } catch {
    return undefined;
  }
  if (!isObject(root) || !isObject(root._aws) || !Array.isArray(root._aws.CloudWatchMetrics)) {
    return undefined;
  }
  const problems: string[] = [];
  const timestamp = root._aws.Timestamp;
  if (typeof timestamp !== 'number') problems.push('_aws.Timestamp must be a number of epoch milliseconds');
  const metrics = root._aws.CloudWatchMetrics.flatMap((directive, index) =>
    directiveMetrics(root as Record<string, unknown>, directive, index, problems),
  );
  return { timestamp: typeof timestamp === 'number' ? timestamp : undefined, metrics, problems };
}
