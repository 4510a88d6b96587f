import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
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
    });
    this.queues.grantSend(ordersQueue, this.generateOrders);

    this.processOrders = new PipelineFunction(this, 'ProcessOrders', {
      folder: 'process-orders',
      serviceName: SERVICE_NAMES.processOrders,
      timeout: settings.processOrdersTimeout,
      environment: {
        [ENVIRONMENT.ordersTableName]: ordersTable.tableName,
        [ENVIRONMENT.deadLetterQueueUrl]: deadLetterQueue.queueUrl,
      },
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

    this.failedOrders = new PipelineFunction(this, 'FailedOrders', {
      folder: 'failed-orders',
      serviceName: SERVICE_NAMES.failedOrders,
      timeout: PIPELINE_CONSTANTS.failedOrdersTimeout,
      environment: { [ENVIRONMENT.rejectedOrdersTableName]: rejectedOrdersTable.tableName },
    });
    rejectedOrdersTable.grant(this.failedOrders, 'dynamodb:PutItem');
    this.failedOrders.addEventSource(
      new SqsEventSource(deadLetterQueue, {
        batchSize: PIPELINE_CONSTANTS.failedOrdersBatchSize,
        maxConcurrency: PIPELINE_CONSTANTS.failedOrdersMaxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    this.alarms = new DeadLetterAlarms(this, 'Alarms', { deadLetterQueue, alarmEmail: settings.alarmEmail });

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
