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
    /** Artifact ids of the stacks of the same assembly this one depends on (manifest `dependencies`). */
    public readonly dependencies: readonly string[] = [],
    /** The construct path, such as `Beta/Api` for a stack in stage `Beta`. @default - the artifact id */
    public readonly displayName: string = artifactId,
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

/** A nested cloud assembly: what a CDK `Stage` synthesizes into `assembly-<Stage>/`. */
export interface NestedAssembly {
  readonly artifactId: string;
  /** The stage's construct path, such as `Beta`. */
  readonly displayName: string;
  readonly assembly: CloudAssembly;
}

/** A cloud assembly directory (`cdk.out`) as `app.synth()` or `cdk synth` leaves it. */
export class CloudAssembly {
  constructor(
    public readonly directory: string,
    /** This assembly's own stacks, in manifest order; the stacks of its stages are in `nestedAssemblies`. */
    public readonly stacks: readonly StackArtifact[],
    /** The assemblies of the app's stages, each with its own stacks. */
    public readonly nestedAssemblies: readonly NestedAssembly[] = [],
  ) {}

  /**
   * Every stack of the assembly and of its stages, each after the stacks it depends on: this
   * assembly's own first, then each stage's, in manifest order (CDK refuses references across
   * stages, so no stack depends on a stack of another assembly).
   */
  allStacks(): StackArtifact[] {
    return [
      ...inDependencyOrder(this.stacks, this.directory),
      ...this.nestedAssemblies.flatMap((nested) => nested.assembly.allStacks()),
    ];
  }

  /**
   * The stack with this name, artifact id or construct path (`Beta/Api`), in this assembly or one
   * of its stages; fails listing the stacks there are.
   */
  stack(name: string): StackArtifact {
    const stacks = this.allStacks();
    const stack = stacks.find(
      (candidate) =>
        candidate.stackName === name || candidate.artifactId === name || candidate.displayName === name,
    );
    if (!stack) {
      const names = stacks.map((candidate) => candidate.stackName).join(', ') || 'none';
      throw new CloudAssemblyError(
        `cloud assembly ${this.directory} has no stack ${name} (stacks: ${names})`,
      );
    }
    return stack;
  }
}

/**
 * The stacks with each after the stacks of the list it depends on, otherwise in their own order;
 * fails naming the stacks of a dependency cycle.
 */
function inDependencyOrder(stacks: readonly StackArtifact[], directory: string): StackArtifact[] {
  const ids = new Set(stacks.map((stack) => stack.artifactId));
  const ordered: StackArtifact[] = [];
  const placed = new Set<string>();
  let remaining = [...stacks];
  while (remaining.length > 0) {
    const ready = remaining.filter((stack) =>
      stack.dependencies.every((dependency) => placed.has(dependency) || !ids.has(dependency)),
    );
    if (ready.length === 0) {
      const cycle = remaining.map((stack) => stack.artifactId).join(', ');
      throw new CloudAssemblyError(`stacks of ${directory} depend on each other in a cycle: ${cycle}`);
    }
    for (const stack of ready) {
      ordered.push(stack);
      placed.add(stack.artifactId);
    }
    remaining = remaining.filter((stack) => !placed.has(stack.artifactId));
  }
  return ordered;
}

interface ManifestArtifact {
  readonly type: string;
  readonly properties?: {
    readonly templateFile?: string;
    readonly stackName?: string;
    readonly file?: string;
    /** Of a nested assembly: its folder, relative to this one. */
    readonly directoryName?: string;
    readonly displayName?: string;
  };
  readonly dependencies?: readonly string[];
  readonly displayName?: string;
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

function stackArtifact(
  directory: string,
  artifacts: Record<string, ManifestArtifact>,
  artifactId: string,
  artifact: ManifestArtifact,
): StackArtifact {
  const templateFile = artifact.properties?.templateFile;
  if (templateFile === undefined) {
    throw new CloudAssemblyError(`stack artifact ${artifactId} in ${directory} names no templateFile`);
  }
  const template = readJson<CloudFormationTemplate>(join(directory, templateFile), 'stack template');
  const dependencies = (artifact.dependencies ?? []).map((id) => ({ id, artifact: artifacts[id] }));
  const assets = dependencies
    .filter(({ artifact }) => artifact?.type === 'cdk:asset-manifest' && artifact.properties?.file)
    .flatMap(({ artifact }) => readAssetManifest(directory, artifact.properties?.file as string));
  return new StackArtifact(
    artifactId,
    artifact.properties?.stackName ?? artifactId,
    { ...template, Resources: template.Resources ?? {} },
    assets,
    directory,
    dependencies.filter(({ artifact }) => artifact?.type === STACK_ARTIFACT).map(({ id }) => id),
    artifact.displayName ?? artifactId,
  );
}

const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';

/**
 * Reads a cloud assembly: `manifest.json`, each stack's template and the file assets its asset
 * manifest lists, and the nested assemblies of the app's stages (`assembly-<Stage>/`), the same way.
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
  const artifacts = Object.entries(manifest.artifacts ?? {});
  const stacks = artifacts
    .filter(([, artifact]) => artifact.type === STACK_ARTIFACT)
    .map(([id, artifact]) => stackArtifact(absolute, manifest.artifacts ?? {}, id, artifact));
  const nested = artifacts
    .filter(([, artifact]) => artifact.type === NESTED_ASSEMBLY_ARTIFACT)
    .map(([artifactId, artifact]) => ({
      artifactId,
      displayName: artifact.properties?.displayName ?? artifactId,
      assembly: readCloudAssembly(join(absolute, artifact.properties?.directoryName ?? artifactId)),
    }));
  return new CloudAssembly(absolute, stacks, nested);
}
