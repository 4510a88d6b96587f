/** A CloudFormation resource as a synthesized template holds it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  readonly DependsOn?: string | string[];
  readonly Condition?: string;
}

/** A template parameter; the local cloud uses its `Default`. */
export interface TemplateParameter {
  readonly Type: string;
  readonly Default?: unknown;
}

/** The parts of a CloudFormation template the local cloud reads. */
export interface CloudFormationTemplate {
  readonly Description?: string;
  readonly Parameters?: Record<string, TemplateParameter>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Description?: string }>;
}

/** A resource with its logical id. */
export interface LogicalResource {
  readonly logicalId: string;
  readonly resource: TemplateResource;
}

/** Resource types the local cloud emulates, by their CloudFormation names. */
export const RESOURCE_TYPES = {
  queue: 'AWS::SQS::Queue',
  table: 'AWS::DynamoDB::Table',
  function: 'AWS::Lambda::Function',
  eventSourceMapping: 'AWS::Lambda::EventSourceMapping',
  logGroup: 'AWS::Logs::LogGroup',
  alarm: 'AWS::CloudWatch::Alarm',
} as const;
