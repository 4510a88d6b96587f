import { parentPort, workerData } from 'node:worker_threads';
import { type ClientKind, type QueueApi, queueApi } from './sqs-api';

/** What the benchmark hands each worker thread. */
export interface SqsWorkerData {
  readonly endpoint: string;
  readonly queueUrl: string;
  readonly worker: number;
  readonly deadline: number;
  readonly client: ClientKind;
  /**
   * Shared by all workers: Int32 counters [messages left to send, messages deleted, total], then
   * (at byte {@link LAST_DELETE_OFFSET}) a Float64 with the moment the last message was deleted.
   */
  readonly counters: SharedArrayBuffer;
}

const TO_SEND = 0;
const DELETED = 1;
const TOTAL = 2;
const LAST_DELETE_OFFSET = 16;

/** Now, in epoch milliseconds with sub-millisecond precision, comparable across threads. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * One benchmark worker: sends 10, receives up to 10 and deletes them, until every message of the
 * run has been deleted. The counters are shared so that work is split dynamically across threads.
 */
export async function runWorker(data: SqsWorkerData, api: QueueApi): Promise<void> {
  const counters = new Int32Array(data.counters);
  const total = Atomics.load(counters, TOTAL);
  for (let round = 0; Atomics.load(counters, DELETED) < total; round++) {
    if (Date.now() > data.deadline) throw new Error(`worker ${data.worker} passed its deadline`);
    const reserved = Math.min(10, Math.max(0, Atomics.sub(counters, TO_SEND, 10)));
    if (reserved > 0) {
      const entries = Array.from({ length: reserved }, (_, index) => ({
        Id: `m${index}`,
        MessageBody: `worker ${data.worker} round ${round} message ${index}`,
      }));
      await api.sendBatch(data.queueUrl, entries);
    }
    const handles = await api.receive(data.queueUrl, reserved > 0 ? 0 : 1);
    if (handles.length === 0) continue;
    await api.deleteBatch(
      data.queueUrl,
      handles.map((ReceiptHandle, index) => ({ Id: `d${index}`, ReceiptHandle })),
    );
    const deletedBefore = Atomics.add(counters, DELETED, handles.length);
    if (deletedBefore < total && deletedBefore + handles.length >= total) {
      new Float64Array(data.counters, LAST_DELETE_OFFSET, 1)[0] = preciseNow();
    }
  }
}

/**
 * When the run's last message was deleted (epoch ms, {@link preciseNow}): the end of the work.
 * Workers still parked in a long poll on the empty queue return up to its wait later.
 */
export function lastDeleteAt(counters: SharedArrayBuffer): number {
  return new Float64Array(counters, LAST_DELETE_OFFSET, 1)[0];
}

/** Creates the shared counters for a run of `total` messages. */
export function createCounters(total: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(LAST_DELETE_OFFSET + Float64Array.BYTES_PER_ELEMENT);
  const counters = new Int32Array(buffer);
  counters[TO_SEND] = total;
  counters[TOTAL] = total;
  return buffer;
}

if (parentPort && workerData) {
  const port = parentPort;
  const data = workerData as SqsWorkerData;
  const api = queueApi(data.client, data.endpoint);
  port.postMessage('ready');
  port.once('message', () => {
    runWorker(data, api)
      .then(() => port.postMessage('done'))
      .catch((error: unknown) => port.postMessage(`error: ${String(error)}`))
      .finally(() => api.close());
  });
}
