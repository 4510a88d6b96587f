import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CloudAssemblyError } from './errors';
import type { CloudFormationTemplate, LogicalResource } from './template';

/** A file asset of an asset manifest (`<Stack>.assets.json`). */
export interface FileAsset {
  /** The asset's hash, also its key in the manifest. */
  readonly id: string;
  /** The staged folder or file, absolute. */
  readonly path: string;
  readonly packaging: 'zip' | 'file';
  /** The S3 object keys it is published under, such as `<hash>.zip`. */
  readonly objectKeys: readonly string[];
}

/** One `aws:cloudformation:stack` artifact of a cloud assembly, with its template and file assets. */
export class StackArtifact {
  constructor(
    /** The artifact id, which is also the stack name unless the manifest gives another. */
    public readonly artifactId: string,
    public readonly stackName: string,
    public readonly template: CloudFormationTemplate,
    public readonly assets: readonly FileAsset[],
    /** The assembly directory, absolute. */
    public readonly assemblyDirectory: string,
  ) {}

  /** The resources of a type, such as `AWS::SQS::Queue`, in template order. */
  resourcesOfType(type: string): LogicalResource[] {
    return Object.entries(this.template.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ logicalId, resource }));
  }

  /** The resource with a logical id; fails naming the id when there is none. */
  resource(logicalId: string): LogicalResource {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new CloudAssemblyError(`stack ${this.stackName} has no resource ${logicalId}`);
    return { logicalId, resource };
  }
}

/** A cloud assembly directory (`cdk.out`) as `app.synth()` or `cdk synth` leaves it. */
export class CloudAssembly {
  constructor(
    public readonly directory: string,
    public readonly stacks: readonly StackArtifact[],
  ) {}

  /** The stack with this name (or artifact id); fails listing the stacks there are. */
  stack(name: string): StackArtifact {
    const stack = this.stacks.find(
      (candidate) => candidate.stackName === name || candidate.artifactId === name,
    );
    if (!stack) {
      const names = this.stacks.map((candidate) => candidate.stackName).join(', ') || 'none';
      throw new CloudAssemblyError(
        `cloud assembly ${this.directory} has no stack ${name} (stacks: ${names})`,
      );
    }
    return stack;
  }
}

interface ManifestArtifact {
  readonly type: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly file?: string;
  };
  readonly dependencies?: readonly string[];
}

interface AssetManifest {
  readonly files?: Record<
    string,
    {
      readonly source: { readonly path?: string; readonly packaging?: 'zip' | 'file' };
      readonly destinations?: Record<string, { readonly objectKey?: string }>;
    }
  >;
}

function readJson<T>(path: string, what: string): T {
  if (!existsSync(path)) throw new CloudAssemblyError(`${what} not found: ${path}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new CloudAssemblyError(`${what} is not valid JSON: ${path} (${(error as Error).message})`);
  }
}

function readAssetManifest(directory: string, file: string): FileAsset[] {
  const manifest = readJson<AssetManifest>(join(directory, file), 'asset manifest');
  return Object.entries(manifest.files ?? {}).flatMap(([id, asset]) => {
    if (asset.source.path === undefined) return [];
    const path = join(directory, asset.source.path);
    const packaging =
      asset.source.packaging ?? (existsSync(path) && statSync(path).isDirectory() ? 'zip' : 'file');
    const objectKeys = Object.values(asset.destinations ?? {}).flatMap((destination) =>
      destination.objectKey === undefined ? [] : [destination.objectKey],
    );
    return [{ id, path, packaging, objectKeys }];
  });
}

/**
 * Reads a cloud assembly: `manifest.json`, each stack's template and the file assets its asset
 * manifest lists. Nested assemblies (CDK stages) are not followed.
 *
 * @example
 * const stack = readCloudAssembly('cdk.out').stack('OrderPipeline');
 * stack.resourcesOfType('AWS::SQS::Queue');
 */
export function readCloudAssembly(directory: string): CloudAssembly {
  const absolute = resolve(directory);
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(
    join(absolute, 'manifest.json'),
    'cloud assembly manifest',
  );
  const artifacts = manifest.artifacts ?? {};
  const stacks = Object.entries(artifacts)
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([artifactId, artifact]) => {
      const templateFile = artifact.properties?.templateFile;
      if (templateFile === undefined) {
        throw new CloudAssemblyError(`stack artifact ${artifactId} in ${absolute} names no templateFile`);
      }
      const template = readJson<CloudFormationTemplate>(join(absolute, templateFile), 'stack template');
      const assets = (artifact.dependencies ?? [])
        .map((dependency) => artifacts[dependency])
        .filter((dependency) => dependency?.type === 'cdk:asset-manifest' && dependency.properties?.file)
        .flatMap((dependency) => readAssetManifest(absolute, dependency.properties?.file as string));
      return new StackArtifact(
        artifactId,
        artifact.properties?.stackName ?? artifactId,
        { ...template, Resources: template.Resources ?? {} },
        assets,
        absolute,
      );
    });
  return new CloudAssembly(absolute, stacks);
}
