import { Agent, request } from 'node:http';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

/** Which client a benchmark worker drives the endpoint with. */
export type ClientKind = 'sdk' | 'raw';

/** The calls of the benchmark loops, whatever client makes them. */
export interface QueueApi {
  send(queueUrl: string, body: string): Promise<void>;
  sendBatch(queueUrl: string, entries: { Id: string; MessageBody: string }[]): Promise<void>;
  /** Receives up to 10 messages (visibility timeout 0 when `release` is set); returns their receipt handles. */
  receive(queueUrl: string, waitSeconds: number, release?: boolean): Promise<string[]>;
  deleteBatch(queueUrl: string, entries: { Id: string; ReceiptHandle: string }[]): Promise<void>;
  close(): void;
}

/** An SQSClient with dummy credentials for the local endpoint. */
export function sdkClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
}

function sdkApi(endpoint: string): QueueApi {
  const sqs = sdkClient(endpoint);
  return {
    async send(QueueUrl, MessageBody) {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }));
    },
    async sendBatch(QueueUrl, Entries) {
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    },
    async receive(QueueUrl, WaitTimeSeconds, release) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds,
          VisibilityTimeout: release ? 0 : undefined,
        }),
      );
      return Messages.map((message) => message.ReceiptHandle ?? '');
    },
    async deleteBatch(QueueUrl, Entries) {
      await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
    },
    close: () => sqs.destroy(),
  };
}

/**
 * A bare AWS JSON 1.0 client on a keep-alive agent: no signing, no MD5 checks, no middleware. It
 * shows what the endpoint itself sustains once the SDK's own CPU cost is out of the way.
 */
function rawApi(endpoint: string): QueueApi {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const url = new URL(endpoint);
  const call = (operation: string, input: object): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify(input);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `AmazonSQS.${operation}`,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`${operation} failed (${res.statusCode}): ${text}`));
            else resolve(JSON.parse(text));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    async send(QueueUrl, MessageBody) {
      await call('SendMessage', { QueueUrl, MessageBody });
    },
    async sendBatch(QueueUrl, Entries) {
      await call('SendMessageBatch', { QueueUrl, Entries });
    },
    async receive(QueueUrl, WaitTimeSeconds, release) {
      const result = await call('ReceiveMessage', {
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds,
        ...(release ? { VisibilityTimeout: 0 } : {}),
      });
      return ((result.Messages ?? []) as { ReceiptHandle: string }[]).map((message) => message.ReceiptHandle);
    },
    async deleteBatch(QueueUrl, Entries) {
      await call('DeleteMessageBatch', { QueueUrl, Entries });
    },
    close: () => agent.destroy(),
  };
}

/** The API of the given kind for the endpoint. */
export function queueApi(kind: ClientKind, endpoint: string): QueueApi {
  return kind === 'sdk' ? sdkApi(endpoint) : rawApi(endpoint);
}
