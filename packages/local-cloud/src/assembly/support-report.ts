import { basename } from 'node:path';
import { PROTOCOLS } from '../sns/subscription-attributes';
import { EVENT_INVOKE_CONFIG_TYPE } from './event-invoke-configs';
import { LAYER_VERSION_TYPE, layerSupportReason } from './layer-definitions';
import type { LocalStackDefinition } from './local-stack';
import type { SupportWarning } from './support-warning';
import { type LogicalResource, RESOURCE_TYPES } from './template';

/**
 * What the local cloud does with a resource of the template:
 * - `emulated`: it runs locally, as on AWS within the limits the README lists;
 * - `placeholder`: it does not run, but references to it get a value of the right shape;
 * - `ignored`: it does not run and nothing locally needs it;
 * - `not-runnable`: it is the app's own code the local cloud cannot run (or a mapping to such code);
 * - `not-enforced`: accepted, but what it allows or denies is not checked (IAM, resource policies).
 */
export type SupportStatus = 'emulated' | 'placeholder' | 'ignored' | 'not-runnable' | 'not-enforced';

/** One resource of the template and what the local cloud does with it. */
export interface SupportRow {
  readonly logicalId: string;
  readonly type: string;
  readonly status: SupportStatus;
  readonly reason: string;
}

/** A stack's support report and warnings, as `LocalCloud` exposes them for a CLI to print at start. */
export interface StackSupport {
  readonly stackName: string;
  readonly rows: readonly SupportRow[];
  readonly warnings: readonly SupportWarning[];
}

/** Lambda's name for the Node.js that runs every function here, such as `nodejs20.x`. */
const LOCAL_NODE_RUNTIME = `nodejs${process.versions.node.split('.')[0]}.x`;

/** Types that are accepted as deployed, without enforcing what they allow or deny. */
const NOT_ENFORCED: Record<string, string> = {
  'AWS::IAM::Role': 'IAM is not enforced: every function may call every local service',
  'AWS::IAM::Policy': 'IAM is not enforced',
  'AWS::IAM::ManagedPolicy': 'IAM is not enforced',
  'AWS::IAM::InstanceProfile': 'IAM is not enforced',
  'AWS::SQS::QueuePolicy': 'accepted, not enforced',
  'AWS::SNS::TopicPolicy': 'accepted, not enforced',
  'AWS::S3::BucketPolicy': 'accepted, not enforced',
  'AWS::Lambda::Permission': 'accepted, not enforced: any caller may invoke',
  'AWS::Lambda::LayerVersionPermission': 'accepted, not enforced',
  'AWS::KMS::Key': 'encryption keys are not applied: data is kept unencrypted',
  'AWS::KMS::Alias': 'encryption keys are not applied',
};

/** Types the local cloud leaves alone, and why. */
const IGNORED: Record<string, string> = {
  'AWS::CDK::Metadata': 'CDK metadata',
  'AWS::CloudFormation::Stack': 'nested stacks are not read',
  'AWS::CloudFormation::CustomResource': 'custom resource: its provider does not run locally',
};

type RowOf = (resource: LogicalResource) => Omit<SupportRow, 'logicalId' | 'type'>;

const row = (status: SupportStatus, reason: string) => ({ status, reason });

/** The status of each resource type the local cloud reads, from what `localStackDefinition` made of it. */
function emulatedRows(stack: LocalStackDefinition): Record<string, RowOf> {
  return {
    [RESOURCE_TYPES.queue]: () => row('emulated', 'queue on the local SQS endpoint'),
    [RESOURCE_TYPES.table]: ({ resource }) =>
      row(
        'emulated',
        resource.Properties?.StreamSpecification === undefined
          ? 'table in the local DynamoDB'
          : 'table in the local DynamoDB; its stream is not emulated',
      ),
    [RESOURCE_TYPES.globalTable]: ({ resource }) =>
      row(
        'emulated',
        resource.Properties?.StreamSpecification === undefined
          ? 'one table in the local DynamoDB; replicas in other regions are not emulated'
          : 'one table in the local DynamoDB; its stream and replicas in other regions are not emulated',
      ),
    [RESOURCE_TYPES.function]: ({ logicalId }) => {
      const notRun = stack.functionsNotRun.find((fn) => fn.logicalId === logicalId);
      if (notRun !== undefined) return row(notRun.status, notRun.reason);
      const runtime = stack.functions.find((fn) => fn.logicalId === logicalId)?.runtime;
      const asked = runtime === LOCAL_NODE_RUNTIME ? '' : ` (the template asks for ${runtime})`;
      return row('emulated', `runs in worker threads on Node.js ${process.versions.node}${asked}`);
    },
    [RESOURCE_TYPES.eventSourceMapping]: ({ logicalId }) => mappingRow(stack, logicalId),
    [LAYER_VERSION_TYPE]: ({ logicalId }) => layerRow(stack, logicalId),
    [RESOURCE_TYPES.logGroup]: () => row('emulated', 'log group in the local CloudWatch Logs'),
    [RESOURCE_TYPES.alarm]: ({ logicalId }) =>
      stack.alarms.some((alarm) => alarm.logicalId === logicalId)
        ? row('emulated', 'evaluated by the local CloudWatch')
        : row('ignored', 'alarms on metric math or anomaly detection are not evaluated'),
    [RESOURCE_TYPES.topic]: () => row('emulated', 'topic in the local SNS'),
    [RESOURCE_TYPES.subscription]: ({ logicalId }) => subscriptionRow(stack, logicalId),
    [EVENT_INVOKE_CONFIG_TYPE]: ({ logicalId }) => eventInvokeConfigRow(stack, logicalId),
  };
}

/** Applied to the function it names, or ignored with the start warning's reason (a qualifier, a function not run). */
function eventInvokeConfigRow(
  stack: LocalStackDefinition,
  logicalId: string,
): Omit<SupportRow, 'logicalId' | 'type'> {
  const fn = stack.functions.find((candidate) => candidate.eventInvokeConfig?.logicalId === logicalId);
  if (fn !== undefined) {
    return row(
      'emulated',
      `retries, event age and destinations of ${fn.logicalId}'s asynchronous invocations`,
    );
  }
  const notApplied = stack.warnings.find(
    (warning) => warning.logicalId === logicalId && warning.type === EVENT_INVOKE_CONFIG_TYPE,
  );
  return row('ignored', notApplied?.message ?? 'not applied');
}

function subscriptionRow(
  stack: LocalStackDefinition,
  logicalId: string,
): Omit<SupportRow, 'logicalId' | 'type'> {
  const protocol = stack.subscriptions.find((subscription) => subscription.logicalId === logicalId)?.protocol;
  if ((PROTOCOLS as readonly string[]).includes(protocol ?? '')) {
    const delivered = protocol?.startsWith('email') ? 'printed and logged, not sent' : 'delivered';
    return row('emulated', `${protocol} subscription, ${delivered}`);
  }
  return row('ignored', `protocol ${protocol} is not delivered locally (only ${PROTOCOLS.join(', ')})`);
}

function mappingRow(stack: LocalStackDefinition, logicalId: string): Omit<SupportRow, 'logicalId' | 'type'> {
  const notPolled = stack.eventSourceMappingsNotRun.find((mapping) => mapping.logicalId === logicalId);
  if (notPolled !== undefined) return row('ignored', notPolled.reason);
  const mapping = stack.eventSourceMappings.find((candidate) => candidate.logicalId === logicalId);
  const fn = stack.functionsNotRun.find((candidate) => candidate.functionName === mapping?.functionName);
  if (fn !== undefined) {
    return row('not-runnable', `kept disabled: function ${fn.logicalId} does not run; messages stay queued`);
  }
  return row('emulated', mapping?.enabled === false ? 'poller, disabled as the template says' : 'SQS poller');
}

function layerRow(stack: LocalStackDefinition, logicalId: string): Omit<SupportRow, 'logicalId' | 'type'> {
  const folder = stack.layers.find((layer) => layer.logicalId === logicalId)?.contentDirectory;
  if (folder === undefined) {
    return row('ignored', 'content is not a bundled asset folder of the assembly: functions run without it');
  }
  return row('emulated', layerSupportReason(basename(folder)));
}

/** A resource of a type the local cloud knows nothing of: a placeholder where it is referenced. */
function otherRow(stack: LocalStackDefinition, { logicalId, resource }: LogicalResource) {
  const custom = resource.Type.startsWith('Custom::')
    ? IGNORED['AWS::CloudFormation::CustomResource']
    : undefined;
  const known = NOT_ENFORCED[resource.Type] ?? custom ?? IGNORED[resource.Type];
  if (known !== undefined) return row(NOT_ENFORCED[resource.Type] ? 'not-enforced' : 'ignored', known);
  const referencedAt = stack.warnings
    .filter((warning) => warning.logicalId === logicalId && warning.placeholder !== undefined)
    .map((warning) => warning.location);
  return referencedAt.length === 0
    ? row('ignored', 'not emulated')
    : row('placeholder', `not emulated; placeholder for ${referencedAt.join(', ')}`);
}

/**
 * Every resource of the stack's template, in template order, with what the local cloud does with
 * it and why.
 *
 * @example
 * const rows = supportReport(localStackDefinition(stack, environment));
 * console.log(formatSupportReport(rows));
 */
export function supportReport(stack: LocalStackDefinition): SupportRow[] {
  const { resolver } = stack;
  const rows = emulatedRows(stack);
  return Object.entries(resolver.stack.template.Resources).map(([logicalId, resource]) => {
    const { Type: type, Condition: condition } = resource;
    if (condition !== undefined && !resolver.condition(condition, logicalId)) {
      return { logicalId, type, ...row('ignored', `condition ${condition} does not hold`) };
    }
    const status = rows[type]?.({ logicalId, resource }) ?? otherRow(stack, { logicalId, resource });
    return { logicalId, type, ...status };
  });
}

/** The report and warnings of a stack, together. */
export function stackSupport(stack: LocalStackDefinition): StackSupport {
  return { stackName: stack.stackName, rows: supportReport(stack), warnings: stack.warnings };
}

/**
 * The report as one table for a terminal, columns aligned, a header line first and a count of each
 * status last.
 *
 * @example
 * formatSupportReport(rows);
 * // Resource  Type             Status    Reason
 * // Orders    AWS::SQS::Queue  emulated  queue on the local SQS endpoint
 * // 1 resource: 1 emulated
 */
export function formatSupportReport(rows: readonly SupportRow[]): string {
  const table = [
    ['Resource', 'Type', 'Status', 'Reason'],
    ...rows.map((item) => [item.logicalId, item.type, item.status, item.reason]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...table.map((cells) => cells[column].length)));
  const lines = table.map((cells) =>
    cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join('  '),
  );
  const counts = new Map<SupportStatus, number>();
  for (const item of rows) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
  const summary = [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
  const noun = rows.length === 1 ? 'resource' : 'resources';
  return [...lines, `${rows.length} ${noun}${summary === '' ? '' : `: ${summary}`}`].join('\n');
}

/**
 * A stack's support for a terminal: a title line, the report's table, then one line per warning.
 *
 * @example
 * for (const support of cloud.support) console.log(formatStackSupport(support));
 */
export function formatStackSupport(support: StackSupport): string {
  return [
    `Stack ${support.stackName}`,
    formatSupportReport(support.rows),
    ...support.warnings.map((warning) => `warning: ${warning.message}`),
  ].join('\n');
}
