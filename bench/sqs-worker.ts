import { parentPort, workerData } from 'node:worker_threads';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

/** What the benchmark hands each worker thread. */
export interface SqsWorkerData {
  readonly endpoint: string;
  readonly queueUrl: string;
  readonly worker: number;
  readonly deadline: number;
  /** Int32 counters shared by all workers: [messages left to send, messages deleted, total]. */
  readonly counters: SharedArrayBuffer;
}

const TO_SEND = 0;
const DELETED = 1;
const TOTAL = 2;

/**
 * One benchmark worker: sends 10, receives up to 10 and deletes them, until every message of the
 * run has been deleted. The counters are shared so that work is split dynamically across threads.
 */
export async function runWorker(data: SqsWorkerData, sqs: SQSClient): Promise<void> {
  const counters = new Int32Array(data.counters);
  const total = Atomics.load(counters, TOTAL);
  for (let round = 0; Atomics.load(counters, DELETED) < total; round++) {
    if (Date.now() > data.deadline) throw new Error(`worker ${data.worker} passed its deadline`);
    const reserved = Math.min(10, Math.max(0, Atomics.sub(counters, TO_SEND, 10)));
    if (reserved > 0) {
      const Entries = Array.from({ length: reserved }, (_, index) => ({
        Id: `m${index}`,
        MessageBody: `worker ${data.worker} round ${round} message ${index}`,
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: data.queueUrl, Entries }));
    }
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: data.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: reserved > 0 ? 0 : 1,
      }),
    );
    if (Messages.length === 0) continue;
    const Entries = Messages.map((message, index) => ({
      Id: `d${index}`,
      ReceiptHandle: message.ReceiptHandle,
    }));
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: data.queueUrl, Entries }));
    Atomics.add(counters, DELETED, Messages.length);
  }
}

/** Creates the shared counters for a run of `total` messages. */
export function createCounters(total: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  const counters = new Int32Array(buffer);
  counters[TO_SEND] = total;
  counters[TOTAL] = total;
  return buffer;
}

if (parentPort && workerData) {
  const port = parentPort;
  const data = workerData as SqsWorkerData;
  const sqs = new SQSClient({
    endpoint: data.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  port.postMessage('ready');
  port.once('message', () => {
    runWorker(data, sqs)
      .then(() => port.postMessage('done'))
      .catch((error: unknown) => port.postMessage(`error: ${String(error)}`))
      .finally(() => sqs.destroy());
  });
}
