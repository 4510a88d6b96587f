// A topic whose orders are routed by two filter policies: the EU orders (a message attribute, raw
// delivery) to one queue, the large orders (the body, in SNS's envelope) to another, each queue
// drained by its own function into the Routed table; an auditor function subscribed to the topic
// records every order in the Audit table. The rules are in routing.json, which the test reads too.
// The functions use the SDK v3 that Lambda's Node.js runtime provides: nothing is bundled.
const path = require('node:path');
const { App, CfnOutput, Duration, RemovalPolicy, Stack } = require('aws-cdk-lib');
const { AttributeType, Billing, TableV2 } = require('aws-cdk-lib/aws-dynamodb');
const lambda = require('aws-cdk-lib/aws-lambda');
const { SqsEventSource } = require('aws-cdk-lib/aws-lambda-event-sources');
const sns = require('aws-cdk-lib/aws-sns');
const subscriptions = require('aws-cdk-lib/aws-sns-subscriptions');
const { Queue } = require('aws-cdk-lib/aws-sqs');
const routing = require('./routing.json');

const app = new App();
const stack = new Stack(app, 'TopicRouting');
const code = lambda.Code.fromAsset(path.join(__dirname, 'handlers'));
const topic = new sns.Topic(stack, 'Orders');
/** Where SNS puts a notification it cannot deliver to a subscription. */
const undeliverable = new Queue(stack, 'Undeliverable');
/** Where SQS puts a message that its route's function failed three times. */
const unprocessed = new Queue(stack, 'Unprocessed');
const routed = new TableV2(stack, 'Routed', {
  partitionKey: { name: 'orderId', type: AttributeType.STRING },
  sortKey: { name: 'route', type: AttributeType.STRING },
  billing: Billing.onDemand(),
  removalPolicy: RemovalPolicy.DESTROY,
});
const audit = new TableV2(stack, 'Audit', {
  partitionKey: { name: 'orderId', type: AttributeType.STRING },
  billing: Billing.onDemand(),
  removalPolicy: RemovalPolicy.DESTROY,
});

/** A function that runs `handler` with the table it writes to, and the route it records. */
function recorder(id, handler, table, route) {
  const fn = new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler,
    code,
    timeout: Duration.seconds(3),
    environment: { TABLE_NAME: table.tableName, ROUTE: route },
  });
  table.grantWriteData(fn);
  return fn;
}

/** A queue subscribed to the topic with `options`, drained by its own function into the Routed table. */
function route(name, options) {
  const queue = new Queue(stack, `${name}Queue`, {
    visibilityTimeout: Duration.seconds(30),
    deadLetterQueue: { queue: unprocessed, maxReceiveCount: 3 },
  });
  topic.addSubscription(
    new subscriptions.SqsSubscription(queue, { deadLetterQueue: undeliverable, ...options }),
  );
  recorder(`${name}Router`, 'route.handler', routed, name.toLowerCase()).addEventSource(
    new SqsEventSource(queue, { batchSize: 5, reportBatchItemFailures: true }),
  );
  return queue;
}

const europe = route('Europe', {
  rawMessageDelivery: true,
  filterPolicy: {
    [routing.europe.attribute]: sns.SubscriptionFilter.stringFilter({ allowlist: routing.europe.allowlist }),
  },
});
const large = route('Large', {
  filterPolicyWithMessageBody: {
    order: sns.FilterOrPolicy.policy({
      total: sns.FilterOrPolicy.filter(
        sns.SubscriptionFilter.numericFilter({ greaterThanOrEqualTo: routing.large.minimumTotal }),
      ),
    }),
  },
});
topic.addSubscription(
  new subscriptions.LambdaSubscription(recorder('Auditor', 'auditor.handler', audit, 'audit'), {
    deadLetterQueue: undeliverable,
  }),
);

new CfnOutput(stack, 'TopicArn', { value: topic.topicArn });
new CfnOutput(stack, 'EuropeQueueUrl', { value: europe.queueUrl });
new CfnOutput(stack, 'LargeQueueUrl', { value: large.queueUrl });
new CfnOutput(stack, 'UnprocessedUrl', { value: unprocessed.queueUrl });
new CfnOutput(stack, 'UndeliverableUrl', { value: undeliverable.queueUrl });
new CfnOutput(stack, 'RoutedTableName', { value: routed.tableName });
new CfnOutput(stack, 'AuditTableName', { value: audit.tableName });
app.synth();
