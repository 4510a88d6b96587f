import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalFunctionDefinition, LocalStackDefinition } from '../assembly/local-stack';

/** A function as Lambda's API describes it (`FunctionConfiguration`), with the fields the local cloud knows. */
export interface FunctionConfiguration {
  readonly FunctionName: string;
  readonly FunctionArn: string;
  readonly Runtime: string;
  readonly Role?: string;
  readonly Handler: string;
  readonly CodeSize: number;
  readonly Description: string;
  readonly Timeout: number;
  readonly MemorySize: number;
  /** Lambda's format: `2026-11-30T05:41:09.000+0000`. */
  readonly LastModified: string;
  /** Base64 SHA-256 of the bundle's files. */
  readonly CodeSha256: string;
  readonly Version: '$LATEST';
  readonly Environment: { readonly Variables: Readonly<Record<string, string>> };
  readonly TracingConfig: { readonly Mode: string };
  readonly RevisionId: string;
  readonly PackageType: 'Zip';
  readonly Architectures: readonly string[];
  readonly EphemeralStorage: { readonly Size: number };
  readonly LoggingConfig: { readonly LogFormat: string; readonly LogGroup: string };
  readonly SnapStart: { readonly ApplyOn: 'None'; readonly OptimizationStatus: 'Off' };
  /** The function's layers; `CodeSize` is 0 for a layer from outside the stack. */
  readonly Layers?: readonly { readonly Arn: string; readonly CodeSize: number }[];
  /** GetFunction and GetFunctionConfiguration only: ListFunctions leaves the state fields out. */
  readonly State?: 'Active';
  readonly LastUpdateStatus?: 'Successful';
}

/** GetFunction's answer. */
export interface GetFunctionResponse {
  readonly Configuration: FunctionConfiguration;
  /** Where the code is: in AWS a presigned S3 URL; locally the bundle's folder, as a `file:` URL. */
  readonly Code: { readonly RepositoryType: 'S3'; readonly Location: string };
  readonly Tags: Readonly<Record<string, string>>;
  readonly Concurrency?: { readonly ReservedConcurrentExecutions: number };
}

/** The template properties Lambda reports that the function definition leaves out. */
interface TemplateDetails {
  readonly role?: string;
  readonly description: string;
  readonly architectures: readonly string[];
  readonly ephemeralStorageMb: number;
  readonly tracingMode: string;
  readonly logFormat: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** What Lambda reports of the bundle: its size and hash, and when it last changed. */
interface CodeDetails {
  readonly size: number;
  readonly sha256: string;
  readonly lastModified: number;
}

/** Lambda's defaults for what a template may leave out. */
const FUNCTION_DEFAULTS = {
  architectures: ['x86_64'],
  ephemeralStorageMb: 512,
  tracingMode: 'PassThrough',
  logFormat: 'Text',
} as const;

/** Lambda's `LastModified` format: ISO 8601 with milliseconds and a `+0000` offset. */
function lambdaTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

/** Every file under a folder, sorted, so that the hash does not depend on the directory order. */
function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function codeDetails(codeDirectory: string): CodeDetails {
  const hash = createHash('sha256');
  let size = 0;
  let lastModified = statSync(codeDirectory).mtimeMs;
  for (const file of filesUnder(codeDirectory)) {
    const content = readFileSync(file);
    hash.update(relative(codeDirectory, file)).update('\0').update(content);
    size += content.length;
    lastModified = Math.max(lastModified, statSync(file).mtimeMs);
  }
  return { size, sha256: hash.digest('base64'), lastModified: Math.floor(lastModified) };
}

/**
 * Reads what Lambda reports from the function's template resource. A property that does not resolve
 * locally is left out rather than failing the whole answer.
 */
function templateDetails(
  stack: Pick<LocalStackDefinition, 'resolver' | 'stackName'> | undefined,
  definition: LocalFunctionDefinition,
): TemplateDetails {
  const details: TemplateDetails = {
    description: '',
    architectures: FUNCTION_DEFAULTS.architectures,
    ephemeralStorageMb: FUNCTION_DEFAULTS.ephemeralStorageMb,
    tracingMode: FUNCTION_DEFAULTS.tracingMode,
    logFormat: FUNCTION_DEFAULTS.logFormat,
    tags: {},
  };
  if (stack === undefined) return details;
  const { resolver } = stack;
  const { logicalId } = definition;
  const properties = resolver.stack.template.Resources[logicalId]?.Properties ?? {};
  const read = (name: string): unknown => {
    if (properties[name] === undefined) return undefined;
    try {
      return resolver.resolve(properties[name], `${logicalId}.Properties.${name}`);
    } catch {
      return undefined;
    }
  };
  const tagList = read('Tags');
  const tags = Array.isArray(tagList) ? (tagList as { Key: string; Value: string }[]) : [];
  const role = read('Role');
  const description = read('Description');
  const architectures = read('Architectures');
  return {
    role: typeof role === 'string' ? role : undefined,
    description: typeof description === 'string' ? description : details.description,
    architectures: Array.isArray(architectures) ? (architectures as string[]) : details.architectures,
    ephemeralStorageMb: Number(
      (read('EphemeralStorage') as { Size?: unknown } | undefined)?.Size ?? details.ephemeralStorageMb,
    ),
    tracingMode: String(
      (read('TracingConfig') as { Mode?: unknown } | undefined)?.Mode ?? details.tracingMode,
    ),
    logFormat: String(
      (read('LoggingConfig') as { LogFormat?: unknown } | undefined)?.LogFormat ?? details.logFormat,
    ),
    tags: {
      ...Object.fromEntries(tags.map(({ Key, Value }) => [Key, String(Value)])),
      // CloudFormation tags every resource it creates with these.
      'aws:cloudformation:stack-name': stack.stackName,
      'aws:cloudformation:logical-id': logicalId,
    },
  };
}

/** A UUID-shaped revision id that changes exactly when the code does. */
function revisionId(sha256: string): string {
  const hex = Buffer.from(sha256, 'base64').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Lambda's description of the local functions, built from the template's function definitions (and,
 * when the stack is given, the rest of each function's template resource: role, architectures,
 * description, tags). The bundle's size and hash, and the template's properties, are read once per
 * function.
 *
 * @example
 * const catalog = new FunctionCatalog(cloud.stack);
 * catalog.getFunction(lambda.getFunction('OrderPipeline-GenerateOrders9F60A001')).Configuration.Runtime;
 */
export class FunctionCatalog {
  private readonly code = new Map<string, CodeDetails>();
  private readonly templates = new Map<string, TemplateDetails>();

  constructor(private readonly stack?: Pick<LocalStackDefinition, 'resolver' | 'stackName'>) {}

  /** As ListFunctions lists it: without the state fields. */
  listed(definition: LocalFunctionDefinition): FunctionConfiguration {
    const code = this.codeOf(definition);
    const template = this.templateOf(definition);
    return {
      FunctionName: definition.functionName,
      FunctionArn: definition.functionArn,
      Runtime: definition.runtime,
      ...(template.role === undefined ? {} : { Role: template.role }),
      Handler: definition.handler,
      CodeSize: code.size,
      Description: template.description,
      Timeout: definition.timeoutSeconds,
      MemorySize: definition.memorySizeMb,
      LastModified: lambdaTimestamp(code.lastModified),
      CodeSha256: code.sha256,
      Version: '$LATEST',
      Environment: { Variables: definition.environment },
      TracingConfig: { Mode: template.tracingMode },
      RevisionId: revisionId(code.sha256),
      PackageType: 'Zip',
      Architectures: template.architectures,
      EphemeralStorage: { Size: template.ephemeralStorageMb },
      LoggingConfig: { LogFormat: template.logFormat, LogGroup: definition.logGroupName },
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      ...(definition.layers?.length
        ? { Layers: definition.layers.map((layer) => this.layerOf(layer.arn, layer.contentDirectory)) }
        : {}),
    };
  }

  /** As GetFunctionConfiguration answers: with the state fields. */
  configuration(definition: LocalFunctionDefinition): FunctionConfiguration {
    return { ...this.listed(definition), State: 'Active', LastUpdateStatus: 'Successful' };
  }

  /** As GetFunction answers. */
  getFunction(definition: LocalFunctionDefinition): GetFunctionResponse {
    return {
      Configuration: this.configuration(definition),
      Code: { RepositoryType: 'S3', Location: pathToFileURL(definition.codeDirectory).href },
      Tags: this.templateOf(definition).tags,
      ...(definition.reservedConcurrentExecutions === undefined
        ? {}
        : { Concurrency: { ReservedConcurrentExecutions: definition.reservedConcurrentExecutions } }),
    };
  }

  private templateOf(definition: LocalFunctionDefinition): TemplateDetails {
    let template = this.templates.get(definition.logicalId);
    if (template === undefined) {
      template = templateDetails(this.stack, definition);
      this.templates.set(definition.logicalId, template);
    }
    return template;
  }

  private layerOf(arn: string, contentDirectory?: string): { Arn: string; CodeSize: number } {
    return {
      Arn: arn,
      CodeSize: contentDirectory === undefined ? 0 : this.codeOf({ codeDirectory: contentDirectory }).size,
    };
  }

  private codeOf(definition: Pick<LocalFunctionDefinition, 'codeDirectory'>): CodeDetails {
    let code = this.code.get(definition.codeDirectory);
    if (code === undefined) {
      code = codeDetails(definition.codeDirectory);
      this.code.set(definition.codeDirectory, code);
    }
    return code;
  }
}
