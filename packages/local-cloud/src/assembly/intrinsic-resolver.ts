import type { StackArtifact } from './cloud-assembly';
import { CloudAssemblyError } from './errors';
import type { LocalEnvironment } from './local-environment';
import { generatedName } from './local-names';
import { LOCAL_RESOURCE_TYPES, PROPERTY_ATTRIBUTES } from './local-resource-types';
import { PlaceholderWarnings } from './placeholder-warnings';
import { placeholderAttribute, placeholderNameProperty, placeholderRef } from './placeholders';
import { pseudoParameter } from './pseudo-parameters';
import type { SupportWarning } from './support-warning';

/** Options of an {@link IntrinsicResolver}. */
export interface IntrinsicResolverOptions {
  /**
   * The value another stack of the assembly exports under this `Export.Name`, for `Fn::ImportValue`.
   * @default - no exports: every import gets a placeholder and a warning
   */
  readonly importValue?: (exportName: string) => string | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Marks `Ref: AWS::NoValue`: the property that holds it is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Parameters of this type hold an SSM parameter's name; CloudFormation passes its value. */
const SSM_PARAMETER_TYPE = 'AWS::SSM::Parameter::Value<';

/** Template parameter types whose values are numbers, so a placeholder for them must be one. */
const NUMBER_PARAMETER = /^(Number|List<Number>)$/;

/**
 * Resolves the intrinsic functions of one stack's template to the local cloud's values: a queue's
 * `Ref` to its local URL, its `Arn` to `arn:aws:sqs:<region>:<account>:<name>`, a table's or a
 * function's `Ref` to its name, and `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::Sub`,
 * `Fn::FindInMap`, `Fn::If`, `Fn::Base64`, `Fn::ImportValue` and the pseudo parameters over them.
 *
 * What it cannot resolve does not stop it: a reference to a resource the local cloud does not
 * emulate (an S3 bucket, a REST API), a parameter without a default or an import no stack exports
 * gets a placeholder of the shape AWS would give (a name, an id, an ARN, a URL), and a
 * {@link SupportWarning} in {@link warnings} says what stands in for what, and where.
 *
 * @example
 * const resolver = new IntrinsicResolver(stack, environment);
 * resolver.resolve({ 'Fn::GetAtt': ['QueuesOrdersQueue1A584920', 'Arn'] }, 'example');
 * // 'arn:aws:sqs:us-east-1:000000000000:OrderPipeline-QueuesOrdersQueue1A584920'
 */
export class IntrinsicResolver {
  private readonly names = new Map<string, string>();
  private readonly placeholderWarnings = new PlaceholderWarnings();

  constructor(
    public readonly stack: StackArtifact,
    public readonly environment: LocalEnvironment,
    private readonly options: IntrinsicResolverOptions = {},
  ) {}

  /** Every placeholder given so far, once per reference and location. */
  get warnings(): readonly SupportWarning[] {
    return this.placeholderWarnings.all();
  }

  /** A resource's local name: the one its template sets, or one derived from its logical id. */
  physicalName(logicalId: string): string {
    const known = this.names.get(logicalId);
    if (known !== undefined) return known;
    const { resource } = this.stack.resource(logicalId);
    const type = LOCAL_RESOURCE_TYPES[resource.Type];
    const nameProperty = type?.nameProperty ?? placeholderNameProperty(resource.Type);
    const explicit = nameProperty === undefined ? undefined : resource.Properties?.[nameProperty];
    const name =
      explicit === undefined
        ? generatedName(
            this.stack.stackName,
            logicalId,
            resource.Type,
            type?.generatedSuffix?.(resource) ?? '',
          )
        : this.resolveString(explicit, `${logicalId}.Properties.${nameProperty}`);
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
    const pseudo = pseudoParameter(name, this.environment, this.stack.stackName);
    if (pseudo !== undefined) return pseudo;
    const parameter = this.stack.template.Parameters?.[name];
    if (parameter !== undefined) {
      if (parameter.Type.startsWith(SSM_PARAMETER_TYPE) && parameter.Default !== undefined) {
        const path = String(parameter.Default);
        const why = `is read from SSM parameter ${path}, which is not emulated`;
        return this.placeholder(name, 'Parameter', `Ref ${name}`, location, path, why);
      }
      if (parameter.Default !== undefined) return String(parameter.Default);
      const placeholder = NUMBER_PARAMETER.test(parameter.Type) ? '0' : name;
      return this.placeholder(name, 'Parameter', `Ref ${name}`, location, placeholder, 'has no Default');
    }
    const resource = this.stack.template.Resources[name];
    if (resource === undefined) throw new CloudAssemblyError(`Ref ${name} in ${location}: no such resource`);
    const type = LOCAL_RESOURCE_TYPES[resource.Type];
    if (type !== undefined) return type.ref(this.physicalName(name), this.environment);
    const value = placeholderRef(this.subject(name, resource.Type));
    return this.placeholder(name, resource.Type, `Ref ${name}`, location, value, 'is not emulated');
  }

  /** `Fn::GetAtt` of a resource attribute. */
  getAtt(logicalId: string, attribute: string, location: string): string {
    const resource = this.stack.template.Resources[logicalId];
    if (resource === undefined) {
      throw new CloudAssemblyError(`Fn::GetAtt ${logicalId}.${attribute} in ${location}: no such resource`);
    }
    const read = LOCAL_RESOURCE_TYPES[resource.Type]?.attributes[attribute];
    if (read !== undefined) return read(this.physicalName(logicalId), this.environment);
    const property = PROPERTY_ATTRIBUTES[resource.Type]?.[attribute];
    if (property !== undefined) {
      return this.resolveString(resource.Properties?.[property], `${logicalId}.Properties.${property}`);
    }
    const value = placeholderAttribute(this.subject(logicalId, resource.Type), attribute);
    const why =
      LOCAL_RESOURCE_TYPES[resource.Type] === undefined
        ? 'is not emulated'
        : `attribute ${attribute} is not emulated`;
    return this.placeholder(
      logicalId,
      resource.Type,
      `Fn::GetAtt ${logicalId}.${attribute}`,
      location,
      value,
      why,
    );
  }

  /** `Fn::ImportValue`: what another stack of the assembly exports under the name. */
  importValue(exportName: string, location: string): string {
    const value = this.options.importValue?.(exportName);
    if (value !== undefined) return value;
    return this.placeholder(
      exportName,
      'Export',
      `Fn::ImportValue ${exportName}`,
      location,
      exportName,
      'is exported by no stack of the assembly',
    );
  }

  /** Whether a named condition of the template holds; an unknown one fails naming it. */
  condition(name: string, location: string): boolean {
    const definition = this.stack.template.Conditions?.[name];
    if (definition === undefined)
      throw new CloudAssemblyError(`condition ${name} in ${location}: no such condition`);
    return this.evaluateCondition(definition, `Conditions.${name}`);
  }

  private evaluateCondition(definition: unknown, location: string): boolean {
    if (!isObject(definition) || Object.keys(definition).length !== 1) {
      throw this.malformed('condition', definition, location);
    }
    const [[intrinsic, argument]] = Object.entries(definition);
    const operands = Array.isArray(argument) ? argument : [];
    switch (intrinsic) {
      case 'Condition':
        return this.condition(String(argument), location);
      case 'Fn::Equals': {
        const [left, right] = operands.map((operand) => this.resolve(operand, location));
        return JSON.stringify(left) === JSON.stringify(right);
      }
      case 'Fn::Not':
        return !this.evaluateCondition(operands[0], location);
      case 'Fn::And':
        return operands.every((operand) => this.evaluateCondition(operand, location));
      case 'Fn::Or':
        return operands.some((operand) => this.evaluateCondition(operand, location));
      default:
        throw this.malformed('condition', definition, location);
    }
  }

  private subject(logicalId: string, type: string) {
    return {
      type,
      logicalId,
      stackName: this.stack.stackName,
      name: this.physicalName(logicalId),
      environment: this.environment,
    };
  }

  private placeholder(
    logicalId: string,
    type: string,
    reference: string,
    location: string,
    placeholder: string,
    why: string,
  ): string {
    this.placeholderWarnings.add({ logicalId, type, reference, location, placeholder, why });
    return placeholder;
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
      case 'Fn::Select':
        return this.select(argument, location);
      case 'Fn::Split': {
        const [delimiter, source] = this.argumentArray(intrinsic, argument, 2, location);
        if (typeof delimiter !== 'string') throw this.malformed(intrinsic, argument, location);
        return this.resolveString(source, location).split(delimiter);
      }
      case 'Fn::Sub':
        return this.substitute(argument, location);
      default:
        return this.resolveOtherIntrinsic(intrinsic, argument, location);
    }
  }

  /** The intrinsics CDK writes less often: imports, maps, conditions, encodings. */
  private resolveOtherIntrinsic(intrinsic: string, argument: unknown, location: string): unknown {
    switch (intrinsic) {
      case 'Fn::ImportValue':
        return this.importValue(this.resolveString(argument, location), location);
      case 'Fn::FindInMap': {
        const [map, top, second] = this.argumentArray(intrinsic, argument, 3, location).map((part) =>
          this.resolveString(part, location),
        );
        const value = this.stack.template.Mappings?.[map]?.[top]?.[second];
        if (value === undefined) throw this.malformed(intrinsic, argument, location);
        return this.resolveValue(value, location);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.argumentArray(intrinsic, argument, 3, location);
        return this.resolveValue(
          this.condition(String(condition), location) ? whenTrue : whenFalse,
          location,
        );
      }
      case 'Fn::Base64':
        return Buffer.from(this.resolveString(argument, location)).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.environment.region}${zone}`);
      default:
        return this.placeholder(
          intrinsic,
          'Intrinsic',
          intrinsic,
          location,
          `unresolved-${intrinsic.replace('Fn::', '')}`,
          'is not supported',
        );
    }
  }

  private select(argument: unknown, location: string): unknown {
    const [index, list] = this.argumentArray('Fn::Select', argument, 2, location);
    const items = this.resolve(list, location);
    const position = Number(this.resolve(index, location));
    if (!Array.isArray(items) || !Number.isInteger(position) || position < 0 || position >= items.length) {
      throw this.malformed('Fn::Select', argument, location);
    }
    return items[position];
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
