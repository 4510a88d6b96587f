import { parentPort, workerData } from 'node:worker_threads';
import type { BootstrapData, InvokeMessage, WorkerMessage } from '../runtime-bootstrap';

/** The function this worker runs and what its runtime provides, as its instance started it. */
export const bootstrap: BootstrapData = workerData;

function instancePort(): NonNullable<typeof parentPort> {
  if (parentPort === null) throw new Error('the Lambda runtime bootstrap runs only in a worker thread');
  return parentPort;
}

/** Sends one message to the worker's instance. */
export function post(message: WorkerMessage): void {
  instancePort().postMessage(message);
}

/** Sends one line to the instance's log stream. */
export function emitLogLine(message: string): void {
  post({ type: 'log', message });
}

/** Calls `listener` for each invocation the instance asks for. */
export function onInvoke(listener: (message: InvokeMessage) => void): void {
  instancePort().on('message', (message: { readonly type?: string }) => {
    if (message.type === 'invoke') listener(message as InvokeMessage);
  });
}
