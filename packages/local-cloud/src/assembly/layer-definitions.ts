import { assetFolderOf } from './asset-folder';
import type { StackArtifact } from './cloud-assembly';
import { CloudAssemblyError } from './errors';
import type { IntrinsicResolver } from './intrinsic-resolver';
import type { SupportWarning } from './support-warning';
import type { LogicalResource } from './template';
import { properties } from './template-properties';

/** The CloudFormation type of a Lambda layer version. */
export const LAYER_VERSION_TYPE = 'AWS::Lambda::LayerVersion';

/** An `AWS::Lambda::LayerVersion` of the stack whose content is a bundled asset folder. */
export interface LocalLayerDefinition {
  readonly logicalId: string;
  /** `LayerName`, or one derived from the stack and logical id. */
  readonly layerName: string;
  /** What `Ref` gives: `arn:aws:lambda:<region>:<account>:layer:<name>:1`, every layer being version 1 locally. */
  readonly layerVersionArn: string;
  /**
   * The asset folder holding what Lambda would extract into `/opt`, absolute. @default - none: the
   * content is not a bundled asset of the assembly (`Code.fromBucket`), so functions run without it
   */
  readonly contentDirectory?: string;
  /** `CompatibleRuntimes`, as the template says; not enforced locally. @default - none listed */
  readonly compatibleRuntimes: readonly string[];
}

/** One entry of a function's `Layers`. */
export interface LocalFunctionLayer {
  /** The layer version's ARN, as the template resolves it. */
  readonly arn: string;
  /**
   * The layer's asset folder, when it is a layer of this stack with one. @default - none: a layer
   * from outside the stack (another account, a public layer) or not from an asset, not here to run
   */
  readonly contentDirectory?: string;
}

/** A layer version of the stack, with its content folder and local ARN. */
export function layerDefinition(
  stack: StackArtifact,
  resolver: IntrinsicResolver,
  layer: LogicalResource,
): LocalLayerDefinition {
  const { logicalId } = layer;
  const runtimes = resolver.resolve(
    properties(layer).CompatibleRuntimes ?? [],
    `${logicalId}.Properties.CompatibleRuntimes`,
  );
  return {
    logicalId,
    layerName: resolver.physicalName(logicalId),
    layerVersionArn: resolver.getAtt(logicalId, 'LayerVersionArn', logicalId),
    ...contentOf(stack, resolver, layer),
    compatibleRuntimes: Array.isArray(runtimes) ? runtimes.map(String) : [],
  };
}

/**
 * The layer's asset folder, when it has one. A layer is a dependency the functions may do without
 * (unlike their own code), so one from a bucket, or missing its folder, warns rather than stops.
 */
function contentOf(
  stack: StackArtifact,
  resolver: IntrinsicResolver,
  layer: LogicalResource,
): { contentDirectory?: string } {
  try {
    return {
      contentDirectory: assetFolderOf(stack, resolver, layer, { property: 'Content', kind: 'layer' }),
    };
  } catch (error) {
    if (error instanceof CloudAssemblyError) return {};
    throw error;
  }
}

/**
 * A function's `Layers`, in template order. Each entry is resolved to an ARN (a `Ref` to a layer
 * version of the stack gives its local ARN) and matched against the stack's layers; an ARN none of
 * them has is kept without content, so the function still runs and the start-up warning names it.
 */
export function functionLayersOf(
  resolver: IntrinsicResolver,
  fn: LogicalResource,
  layers: readonly LocalLayerDefinition[],
): LocalFunctionLayer[] {
  const location = `${fn.logicalId}.Properties.Layers`;
  const entries = resolver.resolve(properties(fn).Layers ?? [], location);
  if (!Array.isArray(entries)) return [];
  return entries.map((entry, index) => {
    const arn = resolver.resolveString(entry, `${location}.${index}`);
    const contentDirectory = layers.find((layer) => layer.layerVersionArn === arn)?.contentDirectory;
    return contentDirectory === undefined ? { arn } : { arn, contentDirectory };
  });
}

/** One warning per layer a running function uses whose content the local cloud does not have. */
export function externalLayerWarnings(
  functions: readonly {
    readonly logicalId: string;
    readonly layers?: readonly LocalFunctionLayer[];
  }[],
): SupportWarning[] {
  return functions.flatMap(({ logicalId, layers = [] }) =>
    layers
      .filter((layer) => layer.contentDirectory === undefined)
      .map((layer) => ({
        logicalId,
        type: 'AWS::Lambda::Function',
        location: `${logicalId}.Properties.Layers`,
        message: `function ${logicalId} uses layer ${layer.arn}, whose content is not in the cloud assembly (a layer of another stack or account, or not a bundled asset): it cannot be emulated, so the function runs without it`,
      })),
  );
}

/** What the support report says of a layer version whose content is the asset folder `asset`. */
export function layerSupportReason(asset: string): string {
  return `Node.js layer from ${asset}: its nodejs/node_modules (and nodejs/nodeXX/node_modules for the local Node.js) are searched by the functions that use it, after their own node_modules; /opt does not exist locally`;
}
