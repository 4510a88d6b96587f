import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnOutput, Stack, Stage } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue } from 'aws-cdk-lib/aws-sqs';

/**
 * Synthesizes into `outdir` an app of two stacks and a stage: `Shared` holds a queue, `Consumer`
 * outputs its URL and reads it with a function (so CDK exports it from `Shared` and imports it
 * with `Fn::ImportValue`), and stage `Beta` holds `Api` and `Web`, which has a queue of its own and outputs `Api`'s queue ARN.
 * The function's code is a plain folder: no bundling.
 */
export function synthesizeMultiStackApp(outdir: string): void {
  const code = join(outdir, '..', `${outdir.split('/').at(-1)}-code`);
  mkdirSync(code, { recursive: true });
  writeFileSync(join(code, 'index.js'), 'exports.handler = async () => ({});');
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const shared = new Stack(app, 'Shared');
  const queue = new Queue(shared, 'Queue');
  const consumer = new Stack(app, 'Consumer');
  new CfnOutput(consumer, 'SharedQueueUrl', { value: queue.queueUrl });
  const reader = new LambdaFunction(consumer, 'Reader', {
    code: Code.fromAsset(code),
    handler: 'index.handler',
    runtime: Runtime.NODEJS_22_X,
  });
  reader.addEventSource(new SqsEventSource(queue));
  const beta = new Stage(app, 'Beta');
  const api = new Stack(beta, 'Api');
  const apiQueue = new Queue(api, 'Requests');
  const web = new Stack(beta, 'Web');
  // A stack without resources is a warning at synth.
  new Queue(web, 'Responses');
  new CfnOutput(web, 'RequestsArn', { value: apiQueue.queueArn });
  app.synth();
}
