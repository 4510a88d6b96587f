// A CDK app as the samples write one: a queue read by a TypeScript function that NodejsFunction
// bundles with esbuild, leaving out the AWS SDK v3 that Lambda's Node.js runtime provides, and a
// DynamoDB table the function writes each message to. `local-cloud serve --app` runs it unchanged.
const { existsSync } = require('node:fs');
const path = require('node:path');
const { App, CfnOutput, Duration, RemovalPolicy, Stack } = require('aws-cdk-lib');
const { AttributeType, Billing, TableV2 } = require('aws-cdk-lib/aws-dynamodb');
const lambda = require('aws-cdk-lib/aws-lambda');
const { SqsEventSource } = require('aws-cdk-lib/aws-lambda-event-sources');
const { NodejsFunction } = require('aws-cdk-lib/aws-lambda-nodejs');
const { Queue } = require('aws-cdk-lib/aws-sqs');

/** The nearest folder up with a lock file, which NodejsFunction bundles against. */
function projectRoot(folder) {
  if (existsSync(path.join(folder, 'package-lock.json'))) return folder;
  if (path.dirname(folder) === folder) throw new Error(`no package-lock.json above ${__dirname}`);
  return projectRoot(path.dirname(folder));
}

const app = new App();
const stack = new Stack(app, 'QueueToTable');
const root = projectRoot(__dirname);
const table = new TableV2(stack, 'Messages', {
  partitionKey: { name: 'messageId', type: AttributeType.STRING },
  billing: Billing.onDemand(),
  removalPolicy: RemovalPolicy.DESTROY,
});
const queue = new Queue(stack, 'Inbox', { visibilityTimeout: Duration.seconds(30) });
const recorder = new NodejsFunction(stack, 'Recorder', {
  entry: path.join(__dirname, 'src', 'recorder.ts'),
  runtime: lambda.Runtime.NODEJS_22_X,
  timeout: Duration.seconds(3),
  environment: { TABLE_NAME: table.tableName },
  depsLockFilePath: path.join(root, 'package-lock.json'),
  projectRoot: root,
});
table.grantWriteData(recorder);
recorder.addEventSource(new SqsEventSource(queue, { batchSize: 5 }));
new CfnOutput(stack, 'InboxUrl', { value: queue.queueUrl });
new CfnOutput(stack, 'TableName', { value: table.tableName });
app.synth();
