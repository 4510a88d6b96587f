import { Template } from 'aws-cdk-lib/assertions';
import { createOrderPipelineApp, type OrderPipelineApp } from '../../lib/order-pipeline-app';
import type { OrdersStackProps } from '../../lib/orders-stack';

/**
 * Builds the app as `bin/app.ts` does, with cdk-nag, but without bundling, which takes seconds and
 * which the assertions don't need. With `full`, it bundles and also runs the CDK's built-in
 * CloudFormation validation, which `cdk synth` leaves to this test suite (`cdk-nag.test.ts`).
 */
export function buildApp(
  stackProps: OrdersStackProps = {},
  context: Record<string, unknown> = {},
  { full = false }: { full?: boolean } = {},
): OrderPipelineApp {
  if (full) return createOrderPipelineApp({ context, builtinCloudFormationValidation: true }, stackProps);
  return createOrderPipelineApp({ context: { 'aws:cdk:bundling-stacks': [], ...context } }, stackProps);
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
