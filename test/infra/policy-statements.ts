import type { Template } from 'aws-cdk-lib/assertions';

/**
 * One statement of any policy in a template, made readable: logical ids without their hash
 * suffix, `Fn::GetAtt` as `Id.Attribute`, `Ref` as the id, `Fn::Join` as the joined text, pseudo
 * parameters as `<AWS::AccountId>`, and the action and resource lists sorted.
 */
export interface PolicyStatementSummary {
  /**
   * The resource holding the policy, and the property when it is not `PolicyDocument`, e.g.
   * `GenerateOrdersRoleDefaultPolicy`, `TablesOrdersTable.ResourcePolicy`, `ExtraRole.Policies`.
   */
  readonly policy: string;
  readonly effect: string;
  readonly principal?: unknown;
  readonly actions: string[];
  readonly resources: string[];
  readonly condition?: unknown;
}

/** A logical id without the 8-hex-digit hash the CDK appends. */
export function shortId(logicalId: string): string {
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, unknown>;
  if (Array.isArray(intrinsic['Fn::GetAtt'])) {
    const [id, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    return `${shortId(id)}.${attribute}`;
  }
  if (typeof intrinsic.Ref === 'string') {
    return intrinsic.Ref.startsWith('AWS::') ? `<${intrinsic.Ref}>` : shortId(intrinsic.Ref);
  }
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function renderPrincipal(principal: unknown): unknown {
  if (principal === undefined || typeof principal === 'string') return principal;
  return Object.fromEntries(
    Object.entries(principal as Record<string, unknown>).map(([kind, who]) => [kind, render(who)]),
  );
}

/**
 * Every statement of every policy document anywhere in the template's resources: identity policies
 * (`AWS::IAM::Policy`, role inline policies), trust policies, and resource policies (queues, topics,
 * tables, keys), found by walking every property, so a policy of a resource type added later is
 * listed too.
 */
export function allPolicyStatements(template: Template): PolicyStatementSummary[] {
  const summaries: PolicyStatementSummary[] = [];
  const resources = template.toJSON().Resources as Record<string, { Properties?: unknown }>;
  const visit = (owner: string, path: string | undefined, value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const document = value as { Statement?: unknown };
    if (!Array.isArray(value) && Array.isArray(document.Statement)) {
      for (const statement of document.Statement as Record<string, unknown>[]) {
        summaries.push({
          policy: `${owner}${path ?? ''}`,
          effect: statement.Effect as string,
          ...(statement.Principal === undefined ? {} : { principal: renderPrincipal(statement.Principal) }),
          actions: list(statement.Action).map(render).sort(),
          resources: list(statement.Resource).map(render).sort(),
          ...(statement.Condition === undefined ? {} : { condition: statement.Condition }),
        });
      }
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      // Named after the resource property that holds the document, unless that is PolicyDocument.
      const where = path === undefined ? (key === 'PolicyDocument' ? '' : `.${key}`) : path;
      visit(owner, where, child);
    }
  };
  for (const [logicalId, resource] of Object.entries(resources))
    visit(shortId(logicalId), undefined, resource.Properties);
  return summaries;
}
