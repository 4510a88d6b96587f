import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { StackArtifact } from './cloud-assembly';
import { CloudAssemblyError } from './errors';
import type { IntrinsicResolver } from './intrinsic-resolver';
import type { LogicalResource } from './template';
import { properties } from './template-properties';

/** Which property of a resource holds its bundled asset, and what to call the resource in errors. */
export interface AssetProperty {
  /** `Code` for a function, `Content` for a layer version. */
  readonly property: 'Code' | 'Content';
  /** `function` or `layer`, for messages. */
  readonly kind: string;
}

/**
 * The folder holding a resource's bundled asset: the `aws:asset:path` metadata when `cdk synth`
 * wrote it for that property, otherwise the asset whose S3 object key is the property's `S3Key`
 * (what `app.synth()` leaves). A function's `Code` and a layer's `Content` are found the same way.
 */
export function assetFolderOf(
  stack: StackArtifact,
  resolver: IntrinsicResolver,
  resource: LogicalResource,
  { property, kind }: AssetProperty,
): string {
  const { logicalId } = resource;
  const metadata = resource.resource.Metadata ?? {};
  const assetPath = metadata['aws:asset:path'];
  let directory: string;
  if (typeof assetPath === 'string' && metadata['aws:asset:property'] === property) {
    directory = isAbsolute(assetPath) ? assetPath : join(stack.assemblyDirectory, assetPath);
  } else {
    const location = (properties(resource)[property] ?? {}) as Record<string, unknown>;
    const objectKey = resolver.resolveString(location.S3Key, `${logicalId}.Properties.${property}.S3Key`);
    const asset = stack.assets.find((candidate) => candidate.objectKeys.includes(objectKey));
    if (!asset) {
      throw new CloudAssemblyError(
        `${kind} ${logicalId}: no asset in the assembly is published as ${objectKey}`,
      );
    }
    directory = asset.path;
  }
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new CloudAssemblyError(
      `${kind} ${logicalId}: asset folder ${directory} is missing; synthesize with bundling (not with 'aws:cdk:bundling-stacks': [])`,
    );
  }
  return directory;
}
