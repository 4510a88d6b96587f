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
    this.settings = resolvePipelineSettings(props);
    this.queues = new OrderQueues(this, 'Queues', {
      maxReceiveCount: this.settings.maxReceiveCount,
      encryption: this.settings.queueEncryption,
      ordersVisibilityTimeout: visibilityTimeoutFor(
        this.settings.processOrdersTimeout,
        this.settings.maxBatchingWindow,
      ),
      deadLetterVisibilityTimeout: visibilityTimeoutFor(
        PIPELINE_CONSTANTS.failedOrdersTimeout,
        PIPELINE_CONSTANTS.noBatchingWindow,
      ),
    });
    this.tables = new OrderTables(this, 'Tables');
    this.generateOrders = this.addGenerateOrders();
    this.processOrders = this.addProcessOrders();
    this.failedOrders = this.addFailedOrders();
    this.alarms = new DeadLetterAlarms(this, 'Alarms', {
      deadLetterQueue: this.queues.deadLetterQueue,
      failedInvocationsQueue: this.queues.failedInvocationsQueue,
      alarmEmail: this.settings.alarmEmail,
    });
    this.addOutputs(this.outputValues());
  }

  /**
   * The producer: sends orders to the orders queue. An asynchronous invocation that fails every
   * retry leaves its event on the failed-invocations queue.
   */
  private addGenerateOrders(): PipelineFunction {
    const generateOrders = new PipelineFunction(this, 'GenerateOrders', {
      folder: 'generate-orders',
      serviceName: SERVICE_NAMES.generateOrders,
      timeout: PIPELINE_CONSTANTS.generateOrdersTimeout,
      environment: { [ENVIRONMENT.ordersQueueUrl]: this.queues.ordersQueue.queueUrl },
      deadLetterQueue: this.queues.failedInvocationsQueue,
    });
    this.queues.grantSend(this.queues.ordersQueue, generateOrders);
    this.queues.grantKeyForSend(generateOrders);
    return generateOrders;
  }

  /** The orders queue's consumer: stores valid orders, forwards invalid ones to the dead-letter queue. */
  private addProcessOrders(): PipelineFunction {
    const { ordersQueue, deadLetterQueue } = this.queues;
    const { ordersTable } = this.tables;
    const processOrders = new PipelineFunction(this, 'ProcessOrders', {
      folder: 'process-orders',
      serviceName: SERVICE_NAMES.processOrders,
      timeout: this.settings.processOrdersTimeout,
      environment: {
        [ENVIRONMENT.ordersTableName]: ordersTable.tableName,
        [ENVIRONMENT.deadLetterQueueUrl]: deadLetterQueue.queueUrl,
      },
      // The SQS client forwards invalid orders only: most cold starts need not load it.
      separateBundles: ['connect-dead-letter-forwarder'],
    });
    // GetItem: the stored content hash, when a failed conditional put does not return it (emulators).
    ordersTable.grant(processOrders, 'dynamodb:PutItem', 'dynamodb:GetItem');
    this.queues.grantSend(deadLetterQueue, processOrders);
    processOrders.addEventSource(
      new SqsEventSource(ordersQueue, {
        batchSize: this.settings.batchSize,
        maxBatchingWindow: this.settings.maxBatchingWindow,
        maxConcurrency: this.settings.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    acknowledgeInvokedByQueueOnly(
      processOrders,
      "the orders queue's redrive policy moves a record that fails maxReceiveCount receives to the dead-letter queue",
    );
    return processOrders;
  }

  /** The consumer of the dead-letter queue: records each rejected order with its reason. */
  private addFailedOrders(): PipelineFunction {
    const { ordersTable, rejectedOrdersTable } = this.tables;
    const failedOrders = new PipelineFunction(this, 'FailedOrders', {
      folder: 'failed-orders',
      serviceName: SERVICE_NAMES.failedOrders,
      timeout: PIPELINE_CONSTANTS.failedOrdersTimeout,
      environment: {
        [ENVIRONMENT.rejectedOrdersTableName]: rejectedOrdersTable.tableName,
        [ENVIRONMENT.ordersTableName]: ordersTable.tableName,
      },
    });
    rejectedOrdersTable.grant(failedOrders, 'dynamodb:PutItem');
    // GetItem only: a message SQS dead-lettered whose order is stored after all is not a rejection.
    ordersTable.grant(failedOrders, 'dynamodb:GetItem');
    failedOrders.addEventSource(
      new SqsEventSource(this.queues.deadLetterQueue, {
        batchSize: PIPELINE_CONSTANTS.failedOrdersBatchSize,
        maxConcurrency: PIPELINE_CONSTANTS.failedOrdersMaxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    acknowledgeInvokedByQueueOnly(
      failedOrders,
      'a record it cannot store stays on the dead-letter queue for 14 days, where the backlog alarm sees it',
    );
    return failedOrders;
  }

  /** What the CLI, the local cloud and the runbook look up by name (`StackOutputName`). */
  private outputValues(): Record<StackOutputName, string> {
    return {
      OrdersQueueUrl: this.queues.ordersQueue.queueUrl,
      DeadLetterQueueUrl: this.queues.deadLetterQueue.queueUrl,
      GenerateOrdersFunctionName: this.generateOrders.functionName,
      ProcessOrdersFunctionName: this.processOrders.functionName,
      FailedOrdersFunctionName: this.failedOrders.functionName,
      GenerateOrdersLogGroupName: this.generateOrders.logGroup.logGroupName,
      ProcessOrdersLogGroupName: this.processOrders.logGroup.logGroupName,
      FailedOrdersLogGroupName: this.failedOrders.logGroup.logGroupName,
      OrdersTableName: this.tables.ordersTable.tableName,
      RejectedOrdersTableName: this.tables.rejectedOrdersTable.tableName,
      DeadLetteredOrdersAlarmName: this.alarms.deadLetteredOrdersAlarm.alarmName,
      AlarmTopicArn: this.alarms.alarmTopic.topicArn,
    };
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
