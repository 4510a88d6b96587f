// A CDK app in plain JavaScript with a Lambda layer: its packages (layer-packages/) are bundled
// under nodejs/node_modules, as Lambda's Node.js runtimes expect them, by a local copy (no Docker),
// and the function's bundle leaves them out and requires them by name. The function also lists a layer of another account, which
// the local cloud cannot read: it names it in a warning at start and runs the function without it.
const { cpSync } = require('node:fs');
const path = require('node:path');
const { App, CfnOutput, DockerImage, Duration, Stack } = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const { SqsEventSource } = require('aws-cdk-lib/aws-lambda-event-sources');
const { Queue } = require('aws-cdk-lib/aws-sqs');

const app = new App();
const stack = new Stack(app, 'FunctionWithLayer');
const greetingLayer = new lambda.LayerVersion(stack, 'GreetingLayer', {
  code: lambda.Code.fromAsset(path.join(__dirname, 'layer-packages'), {
    bundling: {
      image: DockerImage.fromRegistry('unused-local-bundling'),
      local: {
        tryBundle(outputDir) {
          cpSync(path.join(__dirname, 'layer-packages'), path.join(outputDir, 'nodejs', 'node_modules'), {
            recursive: true,
          });
          return true;
        },
      },
    },
  }),
  compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
  description: 'the greeting package, shared by functions',
});
const powertools = lambda.LayerVersion.fromLayerVersionArn(
  stack,
  'Powertools',
  'arn:aws:lambda:us-east-1:111122223333:layer:AWSLambdaPowertoolsTypeScriptV2:30',
);
const greeter = new lambda.Function(stack, 'Greeter', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'greeter.handler',
  code: lambda.Code.fromAsset(path.join(__dirname, 'handlers')),
  timeout: Duration.seconds(3),
  layers: [powertools, greetingLayer],
});
const queue = new Queue(stack, 'Names', { visibilityTimeout: Duration.seconds(30) });
greeter.addEventSource(new SqsEventSource(queue, { batchSize: 5 }));
new CfnOutput(stack, 'GreeterName', { value: greeter.functionName });
new CfnOutput(stack, 'NamesUrl', { value: queue.queueUrl });
app.synth();
