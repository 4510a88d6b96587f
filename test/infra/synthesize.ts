import { Template } from 'aws-cdk-lib/assertions';
import { createOrderPipelineApp, type OrderPipelineApp } from '../../lib/order-pipeline-app';
import type { OrdersStackProps } from '../../lib/orders-stack';

/**
 * Builds the app as `bin/app.ts` does, with cdk-nag, but without bundling and without the CDK's
 * built-in CloudFormation validation: both take seconds per synth and the assertions don't need
 * them. `cdk-nag.test.ts` and `bundles.test.ts` synthesize the app in full.
 */
export function buildApp(
  stackProps: OrdersStackProps = {},
  context: Record<string, unknown> = {},
  { full = false }: { full?: boolean } = {},
): OrderPipelineApp {
  if (full) return createOrderPipelineApp({ context }, stackProps);
  return createOrderPipelineApp(
    { context: { 'aws:cdk:bundling-stacks': [], ...context }, builtinCloudFormationValidation: false },
    stackProps,
  );
}

/** The synthesized template of the pipeline stack. */
export function synthesizeTemplate(
  stackProps: OrdersStackProps = {},
  context: Record<string, unknown> = {},
): Template {
  return Template.fromStack(buildApp(stackProps, context).stack);
}

/** The logical id of the only resource of a type whose logical id starts with a prefix. */
export function logicalIdOf(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1)
    throw new Error(`expected one ${type} named ${prefix}*, found ${ids.join(', ') || 'none'}`);
  return ids[0];
}
