import type { IntrinsicResolver } from './intrinsic-resolver';
import type { LogicalResource } from './template';
import { properties } from './template-properties';

/** An `AWS::Lambda::Function` of the template that the local cloud does not run, and why. */
export interface FunctionNotRun {
  readonly logicalId: string;
  /** The name `Ref` of the function gives locally. */
  readonly functionName: string;
  /**
   * `ignored`: the function is not meant to run here (CDK's own helpers, inline code, images).
   * `not-runnable`: user code in a runtime this machine cannot run (Python, Java, a custom runtime).
   */
  readonly status: 'ignored' | 'not-runnable';
  readonly reason: string;
  /** The template's `Runtime`, when it has one. */
  readonly runtime?: string;
}

/**
 * Functions CDK adds to deploy things (bucket notifications, log retention, custom resource
 * providers, `AwsCustomResource`, bucket deployments), recognised by their logical ids, construct
 * paths, handlers and descriptions: CloudFormation invokes them at deploy time, never the app.
 */
const CDK_HELPER_LOGICAL_ID =
  /BucketNotificationsHandler[0-9a-f]{32}|LogRetention[0-9a-f]{32}|^AWS[0-9a-f]{32}|CustomResourceProvider|Providerframework(onEvent|isComplete|onTimeout)|CustomCDKBucketDeployment|SingletonLambda[0-9a-f]{32}/;
const CDK_HELPER_PATH = /\/Custom::|\/(BucketNotificationsHandler|LogRetention|AWS)[0-9a-f]{32}\//;
const CDK_HELPER_HANDLER = /^framework\.(onEvent|isComplete|onTimeout)$/;
const CDK_HELPER_DESCRIPTION = /@aws-cdk|aws-cdk-lib|AWS CDK/;

/** Whether the function is one of CDK's own helpers rather than the app's code. */
export function isCdkHelperFunction(fn: LogicalResource): boolean {
  const props = properties(fn);
  const path = fn.resource.Metadata?.['aws:cdk:path'];
  return (
    CDK_HELPER_LOGICAL_ID.test(fn.logicalId) ||
    (typeof path === 'string' && CDK_HELPER_PATH.test(path)) ||
    (typeof props.Handler === 'string' && CDK_HELPER_HANDLER.test(props.Handler)) ||
    (typeof props.Description === 'string' && CDK_HELPER_DESCRIPTION.test(props.Description))
  );
}

/** Lambda's Node.js runtimes, which the local cloud runs on this machine's Node.js. */
const NODE_RUNTIME = /^nodejs/;

/**
 * Why the local cloud does not run this function, or `undefined` when it does: only Node.js code
 * from a bundled asset folder runs here.
 */
export function functionNotRun(resolver: IntrinsicResolver, fn: LogicalResource): FunctionNotRun | undefined {
  const { logicalId } = fn;
  const props = properties(fn);
  const code = (props.Code ?? {}) as Record<string, unknown>;
  const runtime =
    props.Runtime === undefined
      ? undefined
      : resolver.resolveString(props.Runtime, `${logicalId}.Properties.Runtime`);
  const notRun = (status: FunctionNotRun['status'], reason: string): FunctionNotRun => ({
    logicalId,
    functionName: resolver.physicalName(logicalId),
    status,
    reason,
    ...(runtime === undefined ? {} : { runtime }),
  });
  if (isCdkHelperFunction(fn)) return notRun('ignored', "CDK's own helper function");
  if (code.ZipFile !== undefined) return notRun('ignored', 'inline code (Code.ZipFile)');
  if (code.ImageUri !== undefined || props.PackageType === 'Image') {
    return notRun('ignored', 'container image');
  }
  if (runtime === undefined) return notRun('not-runnable', 'the template names no Runtime');
  if (!NODE_RUNTIME.test(runtime)) {
    return notRun('not-runnable', `runtime ${runtime}: only Node.js functions run locally`);
  }
  return undefined;
}
