import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LocalStackDefinition, localEnvironment, localStackDefinition } from '../../src/assembly';
import type { TemplateResource } from '../../src/assembly/template';
import type { Clock } from '../../src/clock';
import { type BatchSettlement, EventSourceMappingService } from '../../src/event-source-mapping';
import { LambdaService, type LambdaServiceOptions, lambdaApi } from '../../src/lambda';
import { LogsService } from '../../src/logs';
import { type SqsServer, startSqsServer } from '../../src/sqs';
import type { SqsJsonProtocolClientOptions } from '../../src/sqs/json-protocol-client';
import { stackFactory } from '../assembly/template-factory';
import { writeHandlerAssets } from './function-fixtures';

/** Logical ids of the fixture stack's resources. */
export const FIXTURE_IDS = {
  consumer: 'Consumer',
  throws: 'Throws',
  ordersQueue: 'OrdersQueue',
  pausedQueue: 'PausedQueue',
  /** Enabled, BatchSize 10, ReportBatchItemFailures, MaximumConcurrency 2. */
  ordersMapping: 'OrdersMapping',
  /** `Enabled: false` in the template. */
  pausedMapping: 'PausedMapping',
} as const;

function functionResource(
  root: string,
  handler: string,
  properties: Record<string, unknown>,
): TemplateResource {
  return {
    Type: 'AWS::Lambda::Function',
    Properties: { Handler: 'index.handler', Runtime: 'nodejs24.x', ...properties },
    Metadata: { 'aws:asset:path': join(root, handler), 'aws:asset:property': 'Code' },
  };
}

/** A small template: two queues, a consumer reading both (one mapping disabled), and a function that throws. */
function fixtureResources(root: string): Record<string, TemplateResource> {
  return {
    ConsumerRole: { Type: 'AWS::IAM::Role', Properties: {} },
    [FIXTURE_IDS.ordersQueue]: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } },
    [FIXTURE_IDS.pausedQueue]: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30 } },
    [FIXTURE_IDS.consumer]: functionResource(root, 'consumer', {
      Role: { 'Fn::GetAtt': ['ConsumerRole', 'Arn'] },
      Architectures: ['arm64'],
      Description: 'reads the orders queue',
      MemorySize: 256,
      Timeout: 30,
      Environment: { Variables: { ORDERS_QUEUE_URL: { Ref: FIXTURE_IDS.ordersQueue } } },
      Tags: [{ Key: 'team', Value: 'orders' }],
    }),
    [FIXTURE_IDS.throws]: functionResource(root, 'throws', {
      Role: { 'Fn::GetAtt': ['ConsumerRole', 'Arn'] },
      // Room enough that a time-scaled clock never times the handler out.
      Timeout: 900,
    }),
    [FIXTURE_IDS.ordersMapping]: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { Ref: FIXTURE_IDS.consumer },
        EventSourceArn: { 'Fn::GetAtt': [FIXTURE_IDS.ordersQueue, 'Arn'] },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
      },
    },
    [FIXTURE_IDS.pausedMapping]: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { Ref: FIXTURE_IDS.consumer },
        EventSourceArn: { 'Fn::GetAtt': [FIXTURE_IDS.pausedQueue, 'Arn'] },
        Enabled: false,
      },
    },
  };
}

/** The fixture stack's services, with the Lambda API on a loopback port. */
export interface LocalLambdaStack {
  /** `http://127.0.0.1:<port>`: the Lambda API. */
  readonly endpoint: string;
  readonly stack: LocalStackDefinition;
  readonly sqs: SqsServer;
  /** The endpoint, region and credentials of {@link sqsClient}, as the event source mappings get them. */
  readonly sqsConnection: SqsJsonProtocolClientOptions;
  readonly sqsClient: SQSClient;
  readonly logs: LogsService;
  readonly lambda: LambdaService;
  readonly eventSourceMappings: EventSourceMappingService;
  /** Every batch the mappings settled. */
  readonly settlements: BatchSettlement[];
  close(): Promise<void>;
}

/**
 * Brings up the fixture stack the way LocalCloud does (without DynamoDB, which it has none of):
 * the SQS endpoint with its queues, the functions, the event source mappings (started), and
 * {@link lambdaApi} on its own server on 127.0.0.1.
 */
export async function startLocalLambdaStack(
  clock: Clock,
  asyncInvocations?: LambdaServiceOptions['asyncInvocations'],
): Promise<LocalLambdaStack> {
  const root = writeHandlerAssets(['consumer', 'throws']);
  const sqs = await startSqsServer({ port: 0, clock });
  const stack = localStackDefinition(
    stackFactory(fixtureResources(root), {}, 'LambdaApi'),
    localEnvironment({ sqsEndpoint: sqs.endpoint, dynamodbEndpoint: 'http://127.0.0.1:1' }),
  );
  const sqsConnection = {
    endpoint: sqs.endpoint,
    region: stack.environment.region,
    // The local endpoint never checks credentials.
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const sqsClient = new SQSClient(sqsConnection);
  for (const queue of stack.queues) {
    await sqsClient.send(
      new CreateQueueCommand({ QueueName: queue.queueName, Attributes: { ...queue.attributes } }),
    );
  }
  const logs = new LogsService({ clock });
  const lambda = new LambdaService({
    functions: stack.functions,
    environment: stack.environment,
    logs,
    clock,
    asyncInvocations,
  });
  const settlements: BatchSettlement[] = [];
  const eventSourceMappings = new EventSourceMappingService({
    stack,
    lambda,
    sqs: sqsConnection,
    clock,
    onBatchSettled: (settlement) => settlements.push(settlement),
  });
  eventSourceMappings.start();
  const api = lambdaApi({ stack, lambda, logs, eventSourceMappings });
  const server: Server = createServer(async (request, response) => {
    if (!(await api(request, response))) response.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stack,
    sqs,
    sqsConnection,
    sqsClient,
    logs,
    lambda,
    eventSourceMappings,
    settlements,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await eventSourceMappings.stop();
      await lambda.shutdown();
      sqsClient.destroy();
      await sqs.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
