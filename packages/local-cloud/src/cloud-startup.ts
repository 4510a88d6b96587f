import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, type LocalQueueDefinition, type LocalStackDefinition } from './assembly';
import type { LocalCloudOptions } from './cloud';
import { cloudAsyncTargets } from './cloud-async-targets';
import { startCloudSns } from './cloud-sns';
import { CloudWatchService } from './cloudwatch';
import { type DynamoDbService, startDynamoDb } from './dynamodb';
import { EventSourceMappingService, type EventSourceMappingServiceOptions } from './event-source-mapping';
import { LambdaService } from './lambda';
import { LogsService } from './logs';
import { publishAlarmNotification, type SnsService } from './sns';
import { type SqsServer, startSqsServer } from './sqs';

/** The folders of a state directory, one per service. */
export interface StateFolders {
  readonly sqs: string;
  readonly dynamodb: string;
  readonly logs: string;
  readonly lambda: string;
  readonly sns: string;
  /** The web console's activity (timeline, dead letters), replayed after a restart. */
  readonly console: string;
}

/** The services {@link startServices} starts. */
export interface CloudServices {
  readonly logs: LogsService;
  readonly cloudWatch: CloudWatchService;
  readonly lambda: LambdaService;
  readonly eventSourceMappings: EventSourceMappingService;
  readonly sns: SnsService;
}

/** How the cloud's own clients reach the local SQS endpoint: its address, the region, the local credentials. */
export function localSqsConnection(
  endpoint: string,
  region: string,
): EventSourceMappingServiceOptions['sqs'] {
  return {
    endpoint,
    region,
    credentials: {
      accessKeyId: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  };
}

/** The services that run the stack: logs, alarms, functions and their event source mappings, polling. */
export function startServices(
  stack: LocalStackDefinition,
  sqs: SqsServer,
  sqsConnection: EventSourceMappingServiceOptions['sqs'],
  options: LocalCloudOptions,
  state: StateFolders | undefined,
): CloudServices {
  const logs = new LogsService({
    clock: options.clock,
    directory: options.logsDirectory,
    printer: options.printer,
    stateDirectory: state?.logs,
  });
  let sns: SnsService | undefined;
  const cloudWatch = CloudWatchService.start({
    stack,
    logs,
    sqs,
    clock: options.clock,
    onAlarmStateChange: options.onAlarmStateChange,
    onProblem: options.onProblem,
    onNotification: (notification) => {
      if (sns !== undefined) publishAlarmNotification(sns, notification);
    },
  });
  const lambda: LambdaService = new LambdaService({
    functions: stack.functions,
    environment: stack.environment,
    logs,
    clock: options.clock,
    concurrency: options.lambdaConcurrency,
    asyncInvocations: {
      journalFile: state === undefined ? undefined : join(state.lambda, 'async-invocations.jsonl'),
      // Dead-letter queues and destinations; SNS starts below, hence the late references.
      targets: cloudAsyncTargets({ sqs, lambda: () => lambda, sns: () => sns }),
      onProblem: options.onProblem ?? ((message) => process.stderr.write(`${message}\n`)),
    },
  });
  const eventSourceMappings = new EventSourceMappingService({
    stack,
    lambda,
    sqs: sqsConnection,
    clock: options.clock,
    onBatchSettled: options.onBatchSettled,
    onProblem: options.onProblem,
    stateFile: state === undefined ? undefined : join(state.lambda, 'event-source-mappings.json'),
  });
  sns = startCloudSns({
    stack,
    sqs,
    lambda,
    logs,
    clock: options.clock,
    endpoint: options.publicEndpoint ?? sqs.endpoint,
    stateDirectory: state?.sns,
    onProblem: options.onProblem,
  });
  eventSourceMappings.start();
  return { logs, cloudWatch, lambda, eventSourceMappings, sns };
}

/** The SQS endpoint and DynamoDB, on the state directory's folders when there is one. */
export async function startStorage(
  options: LocalCloudOptions,
  state: StateFolders | undefined,
): Promise<{ sqs: SqsServer; dynamodb: DynamoDbService }> {
  const sqs = await startSqsServer({
    port: options.sqsPort ?? 0,
    clock: options.clock,
    stateDir: state?.sqs,
    advertisedEndpoint: options.publicEndpoint,
  });
  const dynamodb = await startDynamoDb({ path: state?.dynamodb }).catch(async (error) => {
    await sqs.close();
    throw error;
  });
  return { sqs, dynamodb };
}

/** The folders of a state directory, one per service, made if missing. */
export function stateFolders(stateDirectory: string): StateFolders {
  const folders = {
    sqs: join(stateDirectory, 'sqs'),
    dynamodb: join(stateDirectory, 'dynamodb'),
    logs: join(stateDirectory, 'logs'),
    lambda: join(stateDirectory, 'lambda'),
    sns: join(stateDirectory, 'sns'),
    console: join(stateDirectory, 'console'),
  };
  for (const folder of Object.values(folders)) mkdirSync(folder, { recursive: true });
  return folders;
}

/**
 * Creates the queues with their attributes, redrive policy included: `localStackDefinition` lists
 * every dead-letter queue before the queues that redrive to it.
 */
export async function createQueues(sqs: SQSClient, queues: readonly LocalQueueDefinition[]): Promise<void> {
  for (const queue of queues) {
    await sqs.send(
      new CreateQueueCommand({ QueueName: queue.queueName, Attributes: { ...queue.attributes } }),
    );
  }
}
