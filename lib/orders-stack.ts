import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { ENVIRONMENT } from '../shared/environment';
import { SERVICE_NAMES } from '../shared/observability';
import { DeadLetterAlarms } from './constructs/dead-letter-alarms';
import { OrderQueues } from './constructs/order-queues';
import { OrderTables } from './constructs/order-tables';
import { PipelineFunction } from './constructs/pipeline-function';
import { PIPELINE_CONSTANTS } from './defaults';
import {
  type PipelineSettings,
  type PipelineSettingsProps,
  resolvePipelineSettings,
  visibilityTimeoutFor,
} from './pipeline-settings';
import type { StackOutputName } from './stack-outputs';

export interface OrdersStackProps extends StackProps, PipelineSettingsProps {}

/**
 * The order pipeline: GenerateOrders → orders queue → ProcessOrders → orders table, with invalid
 * and undeliverable orders going through the dead-letter queue to FailedOrders, which records
 * each one with its reason. Env-agnostic: it deploys to whatever account and region the CLI uses.
 */
export class OrdersStack extends Stack {
  /** The settings in force, defaults applied. */
  public readonly settings: PipelineSettings;
  public readonly queues: OrderQueues;
  public readonly tables: OrderTables;
  public readonly generateOrders: PipelineFunction;
  public readonly processOrders: PipelineFunction;
  public readonly failedOrders: PipelineFunction;
  public readonly alarms: DeadLetterAlarms;

  constructor(scope: Construct, id: string, props: OrdersStackProps = {}) {
    super(scope, id, props);
    const settings = resolvePipelineSettings(props);
    this.settings = settings;

    this.queues = new OrderQueues(this, 'Queues', {
      maxReceiveCount: settings.maxReceiveCount,
      encryption: settings.queueEncryption,
      ordersVisibilityTimeout: visibilityTimeoutFor(
        settings.processOrdersTimeout,
        settings.maxBatchingWindow,
      ),
      deadLetterVisibilityTimeout: visibilityTimeoutFor(
        PIPELINE_CONSTANTS.failedOrdersTimeout,
        PIPELINE_CONSTANTS.noBatchingWindow,
      ),
    });
    const { ordersQueue, deadLetterQueue } = this.queues;
    this.tables = new OrderTables(this, 'Tables');
    const { ordersTable, rejectedOrdersTable } = this.tables;

    this.generateOrders = new PipelineFunction(this, 'GenerateOrders', {
      folder: 'generate-orders',
      serviceName: SERVICE_NAMES.generateOrders,
      timeout: PIPELINE_CONSTANTS.generateOrdersTimeout,
      environment: { [ENVIRONMENT.ordersQueueUrl]: ordersQueue.queueUrl },
      deadLetterQueue: this.queues.failedInvocationsQueue,
    });
    this.queues.grantSend(ordersQueue, this.generateOrders);
    this.queues.grantKeyForSend(this.generateOrders);

    this.processOrders = new PipelineFunction(this, 'ProcessOrders', {
      folder: 'process-orders',
      serviceName: SERVICE_NAMES.processOrders,
      timeout: settings.processOrdersTimeout,
      environment: {
        [ENVIRONMENT.ordersTableName]: ordersTable.tableName,
        [ENVIRONMENT.deadLetterQueueUrl]: deadLetterQueue.queueUrl,
      },
      // The SQS client forwards invalid orders only: most cold starts need not load it.
      separateBundles: ['connect-dead-letter-forwarder'],
    });
    // GetItem: the stored content hash, when a failed conditional put does not return it (emulators).
    ordersTable.grant(this.processOrders, 'dynamodb:PutItem', 'dynamodb:GetItem');
    this.queues.grantSend(deadLetterQueue, this.processOrders);
    this.processOrders.addEventSource(
      new SqsEventSource(ordersQueue, {
        batchSize: settings.batchSize,
        maxBatchingWindow: settings.maxBatchingWindow,
        maxConcurrency: settings.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    acknowledgeInvokedByQueueOnly(
      this.processOrders,
      "the orders queue's redrive policy moves a record that fails maxReceiveCount receives to the dead-letter queue",
    );

    this.failedOrders = new PipelineFunction(this, 'FailedOrders', {
      folder: 'failed-orders',
      serviceName: SERVICE_NAMES.failedOrders,
      timeout: PIPELINE_CONSTANTS.failedOrdersTimeout,
      environment: {
        [ENVIRONMENT.rejectedOrdersTableName]: rejectedOrdersTable.tableName,
        [ENVIRONMENT.ordersTableName]: ordersTable.tableName,
      },
    });
    rejectedOrdersTable.grant(this.failedOrders, 'dynamodb:PutItem');
    // GetItem only: a message SQS dead-lettered whose order is stored after all is not a rejection.
    ordersTable.grant(this.failedOrders, 'dynamodb:GetItem');
    this.failedOrders.addEventSource(
      new SqsEventSource(deadLetterQueue, {
        batchSize: PIPELINE_CONSTANTS.failedOrdersBatchSize,
        maxConcurrency: PIPELINE_CONSTANTS.failedOrdersMaxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    acknowledgeInvokedByQueueOnly(
      this.failedOrders,
      'a record it cannot store stays on the dead-letter queue for 14 days, where the backlog alarm sees it',
    );

    this.alarms = new DeadLetterAlarms(this, 'Alarms', {
      deadLetterQueue,
      failedInvocationsQueue: this.queues.failedInvocationsQueue,
      alarmEmail: settings.alarmEmail,
    });

    this.addOutputs({
      OrdersQueueUrl: ordersQueue.queueUrl,
      DeadLetterQueueUrl: deadLetterQueue.queueUrl,
      GenerateOrdersFunctionName: this.generateOrders.functionName,
      ProcessOrdersFunctionName: this.processOrders.functionName,
      FailedOrdersFunctionName: this.failedOrders.functionName,
      GenerateOrdersLogGroupName: this.generateOrders.logGroup.logGroupName,
      ProcessOrdersLogGroupName: this.processOrders.logGroup.logGroupName,
      FailedOrdersLogGroupName: this.failedOrders.logGroup.logGroupName,
      OrdersTableName: ordersTable.tableName,
      RejectedOrdersTableName: rejectedOrdersTable.tableName,
      DeadLetteredOrdersAlarmName: this.alarms.deadLetteredOrdersAlarm.alarmName,
      AlarmTopicArn: this.alarms.alarmTopic.topicArn,
    });
  }

  private addOutputs(outputs: Record<StackOutputName, string>): void {
    for (const [id, value] of Object.entries(outputs)) new CfnOutput(this, id, { value });
  }
}

/**
 * The Serverless pack's two destination rules do not fit a function that only an SQS event source
 * mapping invokes: the mapping invokes synchronously, so a Lambda dead-letter target would never
 * receive anything, and SQS event sources take no on-failure destination (Lambda supports those
 * for stream and Kafka sources only). What happens to a failed record instead is `failedRecords`.
 */
function acknowledgeInvokedByQueueOnly(fn: PipelineFunction, failedRecords: string): void {
  Validations.of(fn).acknowledge({
    id: 'Serverless-LambdaDLQ',
    reason: `Invoked only, and synchronously, by its SQS event source mapping; ${failedRecords}.`,
  });
  Validations.of(fn).acknowledge({
    id: 'Serverless-LambdaEventSourceMappingDestination',
    reason: `SQS event source mappings take no on-failure destination; ${failedRecords}.`,
  });
}
