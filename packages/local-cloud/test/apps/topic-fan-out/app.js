// A topic fanned out as the CDK samples do it: every order to an audit queue (SNS's envelope), the
// EU orders alone to a queue of their own (raw delivery, a filter policy on a message attribute),
// each order to a function, and the failures of a subscription to a dead-letter queue. A publisher
// function reaches the local topic through AWS_ENDPOINT_URL_SNS, with the runtime's SDK v3.
const path = require('node:path');
const { App, CfnOutput, Duration, Stack } = require('aws-cdk-lib');
const lambda = require('aws-cdk-lib/aws-lambda');
const sns = require('aws-cdk-lib/aws-sns');
const subscriptions = require('aws-cdk-lib/aws-sns-subscriptions');
const { Queue } = require('aws-cdk-lib/aws-sqs');

const app = new App();
const stack = new Stack(app, 'TopicFanOut');
const code = lambda.Code.fromAsset(path.join(__dirname, 'handlers'));
const topic = new sns.Topic(stack, 'Orders');
const audit = new Queue(stack, 'Audit');
const europe = new Queue(stack, 'Europe');
const undeliverable = new Queue(stack, 'Undeliverable');
topic.addSubscription(new subscriptions.SqsSubscription(audit));
topic.addSubscription(
  new subscriptions.SqsSubscription(europe, {
    rawMessageDelivery: true,
    filterPolicy: {
      region: sns.SubscriptionFilter.stringFilter({ allowlist: ['eu-west-1', 'eu-central-1'] }),
    },
    deadLetterQueue: undeliverable,
  }),
);
const recorder = new lambda.Function(stack, 'Recorder', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'recorder.handler',
  code,
  timeout: Duration.seconds(3),
});
topic.addSubscription(new subscriptions.LambdaSubscription(recorder));
const publisher = new lambda.Function(stack, 'Publisher', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'publisher.handler',
  code,
  timeout: Duration.seconds(3),
  environment: { TOPIC_ARN: topic.topicArn },
});
topic.grantPublish(publisher);
new CfnOutput(stack, 'TopicArn', { value: topic.topicArn });
new CfnOutput(stack, 'AuditUrl', { value: audit.queueUrl });
new CfnOutput(stack, 'EuropeUrl', { value: europe.queueUrl });
new CfnOutput(stack, 'PublisherName', { value: publisher.functionName });
new CfnOutput(stack, 'RecorderLogGroup', { value: recorder.logGroup.logGroupName });
app.synth();
