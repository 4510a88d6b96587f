import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { settingsFromContext } from './context-settings';
import { OrdersStack, type OrdersStackProps } from './orders-stack';

/** The stack's name, in AWS and in the local cloud. */
export const STACK_NAME = 'OrderPipeline';

export interface OrderPipelineApp {
  readonly app: App;
  readonly stack: OrdersStack;
}

/**
 * Builds the CDK app: the pipeline stack, with settings from context (`cdk -c key=value`) over the
 * defaults, unless `stackProps` gives them, and cdk-nag's AwsSolutions checks, which make synth
 * fail on any unacknowledged finding. `bin/app.ts` and the tests build the app the same way.
 */
export function createOrderPipelineApp(
  appProps: AppProps = {},
  stackProps: OrdersStackProps = {},
): OrderPipelineApp {
  // The CDK's built-in CloudFormation validation takes about 6 s of CPU per synth, more than the
  // rest of the synth together; the test suite runs it (cdk-nag.test.ts), so `cdk synth` need not.
  const app = new App({
    builtinCloudFormationValidation: false,
    ...appProps,
    context: { ...featureFlagsOfCdkJson(), ...appProps.context },
  });
  const stack = new OrdersStack(app, STACK_NAME, {
    description: 'Event-driven order pipeline: SQS, Lambda, DynamoDB, with a dead-letter queue',
    ...settingsFromContext(app.node),
    ...stackProps,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

/**
 * The feature flags cdk.json sets. `cdk synth` passes them to the app; the tests and the local
 * cloud build the app without the CLI, so they apply them here: all three then synthesize the same
 * template (the flags change where the CDK puts policy statements, for one).
 */
function featureFlagsOfCdkJson(): Record<string, unknown> {
  const { context = {} } = JSON.parse(readFileSync(join(__dirname, '..', 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return Object.fromEntries(Object.entries(context).filter(([key]) => key.startsWith('@aws-cdk/')));
}
