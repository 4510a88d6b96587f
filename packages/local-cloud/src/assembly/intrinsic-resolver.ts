import type { StackArtifact } from './cloud-assembly';
import { CloudAssemblyError, UnsupportedIntrinsicError } from './errors';
import type { LocalEnvironment } from './local-environment';
import { generatedName } from './local-names';
import type { TemplateResource } from './template';

/** What a resource type resolves to locally: its `Ref` value and its `Fn::GetAtt` attributes. */
interface LocalResourceType {
  /** The property that names the resource in the template, when the template may set one. */
  readonly nameProperty?: string;
  /** Appended to a generated name, such as `.fifo` for a FIFO queue. */
  readonly generatedSuffix?: (resource: TemplateResource) => string;
  readonly ref: (name: string, environment: LocalEnvironment) => string;
  readonly attributes: Record<string, (name: string, environment: LocalEnvironment) => string>;
}

const arn = (environment: LocalEnvironment, service: string, resource: string, global = false): string =>
  `arn:${environment.partition}:${service}:${global ? '' : environment.region}:${environment.accountId}:${resource}`;

const queueUrl = (name: string, environment: LocalEnvironment): string =>
  `${environment.sqsEndpoint}/${environment.accountId}/${name}`;

/** The resource types whose `Ref` and `Fn::GetAtt` the local cloud knows. */
const LOCAL_RESOURCE_TYPES: Record<string, LocalResourceType> = {
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    generatedSuffix: (resource) => (isTrue(resource.Properties?.FifoQueue) ? '.fifo' : ''),
    ref: queueUrl,
    attributes: {
      Arn: (name, environment) => arn(environment, 'sqs', name),
      QueueName: (name) => name,
      QueueUrl: queueUrl,
    },
  },
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'dynamodb', `table/${name}`) },
  },
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'lambda', `function:${name}`) },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'logs', `log-group:${name}:*`) },
  },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: (name) => name,
    attributes: {
      Arn: (name, environment) => arn(environment, 'iam', `role/${name}`, true),
      RoleId: (name) => `AROA${name.slice(0, 17).toUpperCase()}`,
    },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: (name, environment) => arn(environment, 'sns', name),
    attributes: {
      TopicArn: (name, environment) => arn(environment, 'sns', name),
      TopicName: (name) => name,
    },
  },
  'AWS::CloudWatch::Alarm': {
    nameProperty: 'AlarmName',
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'cloudwatch', `alarm:${name}`) },
  },
  'AWS::KMS::Key': {
    ref: (name) => name,
    attributes: { Arn: (name, environment) => arn(environment, 'kms', `key/${name}`), KeyId: (name) => name },
  },
  'AWS::Lambda::EventSourceMapping': {
    ref: (name) => name,
    attributes: { Id: (name) => name },
  },
};

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Marks `Ref: AWS::NoValue`: the property that holds it is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves the intrinsic functions of one stack's template to the local cloud's values: a queue's
 * `Ref` to its local URL, its `Arn` to `arn:aws:sqs:<region>:<account>:<name>`, a table's or a
 * function's `Ref` to its name, and `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::Sub` and the pseudo
 * parameters over them. Anything else fails with an {@link UnsupportedIntrinsicError} naming the
 * intrinsic and where it is.
 *
 * @example
 * const resolver = new IntrinsicResolver(stack, environment);
 * resolver.resolve({ 'Fn::GetAtt': ['QueuesOrdersQueue1A584920', 'Arn'] }, 'example');
 * // 'arn:aws:sqs:us-east-1:000000000000:OrderPipeline-QueuesOrdersQueue1A584920'
 */
export class IntrinsicResolver {
  private readonly names = new Map<string, string>();

  constructor(
    public readonly stack: StackArtifact,
    public readonly environment: LocalEnvironment,
  ) {}

  /** A resource's local name: the one its template sets, or one derived from its logical id. */
  physicalName(logicalId: string): string {
    const known = this.names.get(logicalId);
    if (known !== undefined) return known;
    const { resource } = this.stack.resource(logicalId);
    const type = LOCAL_RESOURCE_TYPES[resource.Type];
    const explicit = type?.nameProperty === undefined ? undefined : resource.Properties?.[type.nameProperty];
    const name =
      explicit === undefined
        ? generatedName(
            this.stack.stackName,
            logicalId,
            resource.Type,
            type?.generatedSuffix?.(resource) ?? '',
          )
        : this.resolveString(explicit, `${logicalId}.Properties.${type?.nameProperty}`);
    this.names.set(logicalId, name);
    return name;
  }

  /** `value` with every intrinsic resolved; `location` names where it comes from, for errors. */
  resolve(value: unknown, location: string): unknown {
    const resolved = this.resolveValue(value, location);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** Resolves `value`, which must come out as a string (numbers and booleans are turned into strings). */
  resolveString(value: unknown, location: string): string {
    const resolved = this.resolve(value, location);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    throw new CloudAssemblyError(`${location} resolves to ${JSON.stringify(resolved)}, not a string`);
  }

  /** `Ref` of a resource, parameter or pseudo parameter. */
  ref(name: string, location: string): string {
    const pseudo = this.pseudoParameter(name);
    if (pseudo !== undefined) return pseudo;
    const parameter = this.stack.template.Parameters?.[name];
    if (parameter !== undefined) {
      if (parameter.Default === undefined) {
        throw new UnsupportedIntrinsicError(`Ref ${name} (a parameter without a Default)`, location);
      }
      return String(parameter.Default);
    }
    const resource = this.stack.template.Resources[name];
    if (resource === undefined) throw new CloudAssemblyError(`Ref ${name} in ${location}: no such resource`);
    const type = LOCAL_RESOURCE_TYPES[resource.Type];
    if (type === undefined) throw new UnsupportedIntrinsicError(`Ref ${name} (${resource.Type})`, location);
    return type.ref(this.physicalName(name), this.environment);
  }

  /** `Fn::GetAtt` of a resource attribute. */
  getAtt(logicalId: string, attribute: string, location: string): string {
    const resource = this.stack.template.Resources[logicalId];
    if (resource === undefined) {
      throw new CloudAssemblyError(`Fn::GetAtt ${logicalId}.${attribute} in ${location}: no such resource`);
    }
    const read = LOCAL_RESOURCE_TYPES[resource.Type]?.attributes[attribute];
    if (read === undefined) {
      throw new UnsupportedIntrinsicError(
        `Fn::GetAtt ${logicalId}.${attribute} (${resource.Type})`,
        location,
      );
    }
    return read(this.physicalName(logicalId), this.environment);
  }

  private pseudoParameter(name: string): string | undefined {
    const { environment, stack } = this;
    switch (name) {
      case 'AWS::Partition':
        return environment.partition;
      case 'AWS::Region':
        return environment.region;
      case 'AWS::AccountId':
        return environment.accountId;
      case 'AWS::URLSuffix':
        return environment.urlSuffix;
      case 'AWS::StackName':
        return stack.stackName;
      case 'AWS::StackId':
        return arn(environment, 'cloudformation', `stack/${stack.stackName}/local`);
      default:
        return undefined;
    }
  }

  private resolveValue(value: unknown, location: string): unknown {
    if (Array.isArray(value)) {
      return value
        .map((item, index) => this.resolveValue(item, `${location}[${index}]`))
        .filter((item) => item !== NO_VALUE);
    }
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
      return this.resolveIntrinsic(keys[0], value[keys[0]], location);
    }
    const resolved: Record<string, unknown> = {};
    for (const key of keys) {
      const item = this.resolveValue(value[key], `${location}.${key}`);
      if (item !== NO_VALUE) resolved[key] = item;
    }
    return resolved;
  }

  private resolveIntrinsic(intrinsic: string, argument: unknown, location: string): unknown {
    switch (intrinsic) {
      case 'Ref':
        if (argument === 'AWS::NoValue') return NO_VALUE;
        return this.ref(this.argumentString(intrinsic, argument, location), location);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? argument.map((part) => this.resolveString(part, location))
          : this.argumentString(intrinsic, argument, location).split(/\.(.*)/s);
        if (!logicalId || !attribute) throw this.malformed(intrinsic, argument, location);
        return this.getAtt(logicalId, attribute, location);
      }
      case 'Fn::Join': {
        const [delimiter, list] = this.argumentArray(intrinsic, argument, 2, location);
        const items = this.resolve(list, location);
        if (typeof delimiter !== 'string' || !Array.isArray(items))
          throw this.malformed(intrinsic, argument, location);
        return items.map((item) => this.resolveString(item, location)).join(delimiter);
      }
      case 'Fn::Select': {
        const [index, list] = this.argumentArray(intrinsic, argument, 2, location);
        const items = this.resolve(list, location);
        const position = Number(this.resolve(index, location));
        if (
          !Array.isArray(items) ||
          !Number.isInteger(position) ||
          position < 0 ||
          position >= items.length
        ) {
          throw this.malformed(intrinsic, argument, location);
        }
        return items[position];
      }
      case 'Fn::Split': {
        const [delimiter, source] = this.argumentArray(intrinsic, argument, 2, location);
        if (typeof delimiter !== 'string') throw this.malformed(intrinsic, argument, location);
        return this.resolveString(source, location).split(delimiter);
      }
      case 'Fn::Sub':
        return this.substitute(argument, location);
      default:
        throw new UnsupportedIntrinsicError(intrinsic, location);
    }
  }

  private substitute(argument: unknown, location: string): string {
    const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
    if (typeof template !== 'string' || !isObject(variables))
      throw this.malformed('Fn::Sub', argument, location);
    return template.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const trimmed = name.trim();
      if (trimmed in variables) return this.resolveString(variables[trimmed], `${location} \${${trimmed}}`);
      const dot = trimmed.indexOf('.');
      return dot > 0 && !trimmed.startsWith('AWS::')
        ? this.getAtt(trimmed.slice(0, dot), trimmed.slice(dot + 1), location)
        : this.ref(trimmed, location);
    });
  }

  private argumentString(intrinsic: string, argument: unknown, location: string): string {
    if (typeof argument !== 'string') throw this.malformed(intrinsic, argument, location);
    return argument;
  }

  private argumentArray(intrinsic: string, argument: unknown, length: number, location: string): unknown[] {
    if (!Array.isArray(argument) || argument.length !== length)
      throw this.malformed(intrinsic, argument, location);
    return argument;
  }

  private malformed(intrinsic: string, argument: unknown, location: string): CloudAssemblyError {
    return new CloudAssemblyError(`malformed ${intrinsic} in ${location}: ${JSON.stringify(argument)}`);
  }
}
