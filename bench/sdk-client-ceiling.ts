import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Benchmark, BenchmarkResult } from './benchmark';
import { startCannedServer } from './canned-server';

const REQUESTS = 1_500;
const BATCH = 10;
const BODY = 'hello';
const BODY_MD5 = '5d41402abc4b2a76b9719d911017c592';

/** Canned SQS answers: the fastest server there can be, so what is measured is the SDK client. */
const ANSWERS: Record<string, string> = {
  'AmazonSQS.SendMessageBatch': JSON.stringify({
    Successful: Array.from({ length: BATCH }, (_, i) => ({
      Id: String(i),
      MessageId: `m${i}`,
      MD5OfMessageBody: BODY_MD5,
    })),
    Failed: [],
  }),
  'AmazonSQS.ReceiveMessage': JSON.stringify({
    Messages: Array.from({ length: BATCH }, (_, i) => ({
      MessageId: `m${i}`,
      ReceiptHandle: `r${i}`,
      MD5OfBody: BODY_MD5,
      Body: BODY,
    })),
  }),
  'AmazonSQS.DeleteMessageBatch': JSON.stringify({
    Successful: Array.from({ length: BATCH }, (_, i) => ({ Id: String(i) })),
    Failed: [],
  }),
};

/**
 * How fast one async loop of the AWS SDK v3 can go at all: send 10 / receive 10 / delete 10
 * against a server that answers instantly with canned responses. Whatever a real endpoint does,
 * a single SDK loop on this machine cannot beat this ceiling.
 */
export const sdkClientCeiling: Benchmark = {
  name: 'sdk-ceiling',
  description: `one SDK loop of send 10 / receive 10 / delete 10 against a canned-response server, ${REQUESTS} requests`,
  async run(): Promise<BenchmarkResult> {
    const server = await startCannedServer((target) => ANSWERS[target] ?? '{}');
    const { endpoint } = server;
    const client = new SQSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const QueueUrl = `${endpoint}/000000000000/ceiling`;
    const entries = Array.from({ length: BATCH }, (_, i) => ({ Id: String(i), MessageBody: BODY }));
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    try {
      for (let round = 0; round < REQUESTS / 3; round += 1) {
        await client.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries }));
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: BATCH }),
        );
        await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl,
            Entries: Messages.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
      }
    } finally {
      client.destroy();
      server.close();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const rounds = REQUESTS / 3;
    const messagesPerSecond = Math.round((rounds * BATCH) / seconds);
    const cpuPerRequestMs = (cpu.user + cpu.system) / 1000 / REQUESTS;
    return {
      rows: [
        {
          measure: 'SDK ceiling, 1 loop (canned-response server)',
          value: messagesPerSecond,
          unit: 'msg/s',
          detail: `${rounds * BATCH} messages in ${seconds.toFixed(2)} s`,
        },
        {
          measure: 'SDK CPU per request (client and canned server together)',
          value: Math.round(cpuPerRequestMs * 1000) / 1000,
          unit: 'ms',
          detail: `${REQUESTS} requests`,
        },
      ],
      figures: { messagesPerSecond, cpuPerRequestMs, requests: REQUESTS },
    };
  },
};
