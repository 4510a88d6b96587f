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
  readonly Outputs?: Record<string, TemplateOutput>;
  /** Named conditions, each an `Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or` or `Condition`. */
  readonly Conditions?: Record<string, unknown>;
  /** `Fn::FindInMap`'s tables: map name, then top-level key, then second-level key. */
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

/** A stack output; `Export.Name` makes it readable from other stacks with `Fn::ImportValue`. */
export interface TemplateOutput {
  readonly Value: unknown;
  readonly Description?: string;
  readonly Export?: { readonly Name: unknown };
  readonly Condition?: string;
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
  /** What CDK's TableV2 synthesizes: served locally as one table, its replicas left out. */
  globalTable: 'AWS::DynamoDB::GlobalTable',
  function: 'AWS::Lambda::Function',
  eventSourceMapping: 'AWS::Lambda::EventSourceMapping',
  logGroup: 'AWS::Logs::LogGroup',
  alarm: 'AWS::CloudWatch::Alarm',
  topic: 'AWS::SNS::Topic',
  subscription: 'AWS::SNS::Subscription',
} as const;
