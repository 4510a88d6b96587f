// A small CDK app in plain JavaScript, as a stranger might write one: a queue read by a function
// through an event source mapping, and a function to invoke directly. `local-cloud serve --app`
// synthesizes it as the CDK CLI would (CDK_OUTDIR, CDK_CONTEXT_JSON).
const path = require('node:path');
const { App, CfnOutput, Duration, Stack } = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const { SqsEventSource } = require('aws-cdk-lib/aws-lambda-event-sources');
const { Queue } = require('aws-cdk-lib/aws-sqs');

const app = new App();
const stack = new Stack(app, 'QueueToFunction');
const code = lambda.Code.fromAsset(path.join(__dirname, 'handlers'));
const queue = new Queue(stack, 'Inbox', { visibilityTimeout: Duration.seconds(30) });
const consumer = new lambda.Function(stack, 'Consumer', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'consumer.handler',
  code,
  timeout: Duration.seconds(3),
});
consumer.addEventSource(new SqsEventSource(queue, { batchSize: 5 }));
const echo = new lambda.Function(stack, 'Echo', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'echo.handler',
  code,
  timeout: Duration.seconds(3),
});
new CfnOutput(stack, 'InboxUrl', { value: queue.queueUrl });
new CfnOutput(stack, 'EchoName', { value: echo.functionName });
app.synth();
