import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRequestBody } from '../http-body';
import { type AwsError, reportBug, toAwsError } from '../protocol/aws-error';
import { sendReply } from '../protocol/http-reply';
import { SqsError } from './errors';
import type { Journal } from './journal';
import { jsonProtocol } from './json-protocol';
import { NON_DURABLE_OPERATIONS, OPERATIONS } from './operations';
import { queryProtocol } from './query-protocol';
import type { RequestContext, SqsModel } from './queue-model';
import { failsBatchEntries, responseDelayMs, type SqsFaults, sendBatchWithFaults } from './sqs-faults';
import type { HttpReply, WireProtocol } from './wire-protocol';

/** What the request handler of an SQS endpoint works with. */
export interface SqsEndpointState {
  readonly model: SqsModel;
  /** Resolves once the journal is replayed; requests wait for it. */
  readonly ready: Promise<void>;
  readonly maxRequestBytes: number;
  /** Throws AccessDenied for a Host that is not this machine's (see `hostGuard`). */
  readonly assertLocalHost: (host: string | undefined) => void;
  /** The journal, once open; `undefined` when state is kept in memory only. */
  journal(): Journal | undefined;
  /** The faults injected now. */
  faults(): SqsFaults;
}

/** Errors answered before the body is read: the connection cannot carry another request. */
const CONNECTION_ENDING_ERRORS: ReadonlySet<string> = new Set([
  'RequestEntityTooLarge',
  'AccessDeniedException',
]);

const INTERNAL_ERROR = new SqsError('InternalError', 'We encountered an internal error. Please try again.');

function senderIdOf(request: IncomingMessage): string | undefined {
  const match = /Credential=([^/,\s]+)/.exec(String(request.headers.authorization ?? ''));
  return match?.[1];
}

function protocolOf(request: IncomingMessage): WireProtocol {
  return request.headers['x-amz-target'] !== undefined ? jsonProtocol : queryProtocol;
}

/**
 * The request context the model sees. Only a long poll needs to know that its client left, and only
 * if it actually waits, so the abort signal (and its listener) is made on first use.
 */
function requestContext(
  request: IncomingMessage,
  response: ServerResponse,
  operation: string,
): RequestContext {
  const senderId = senderIdOf(request);
  if (operation !== 'ReceiveMessage') return { senderId };
  let signal: AbortSignal | undefined;
  return {
    senderId,
    get signal(): AbortSignal {
      if (signal === undefined) {
        const abort = new AbortController();
        response.on('close', () => {
          if (!response.writableFinished) abort.abort();
        });
        if (request.socket.destroyed) abort.abort();
        signal = abort.signal;
      }
      return signal;
    },
  };
}

/** Runs one parsed request on the model and waits until what it changed is durable. */
async function runOperation(
  endpoint: SqsEndpointState,
  protocol: WireProtocol,
  parsed: { operation: string; input: Record<string, unknown> },
  context: RequestContext,
): Promise<unknown> {
  const { operation, input } = parsed;
  const run = OPERATIONS[operation];
  if (!run) throw protocol.unknownOperation(operation);
  const faults = endpoint.faults();
  const result =
    operation === 'SendMessageBatch' && failsBatchEntries(faults)
      ? sendBatchWithFaults(endpoint.model, input, context, faults)
      : await run(endpoint.model, input, context);
  const journal = endpoint.journal();
  if (journal && !NON_DURABLE_OPERATIONS.has(operation)) await journal.flush();
  return result;
}

/** Sends the reply; after an error that ends the connection, drops what else the client sends. */
function finish(
  request: IncomingMessage,
  response: ServerResponse,
  reply: HttpReply,
  error?: AwsError,
): void {
  const closeConnection = error !== undefined && CONNECTION_ENDING_ERRORS.has(error.code);
  sendReply(response, reply, { closeConnection });
  if (closeConnection) {
    request.resume();
    response.on('finish', () => request.socket.end());
  }
}

/**
 * The request handler of an SQS endpoint: checks the Host, reads the request in the protocol it
 * speaks (AWS JSON when it has `X-Amz-Target`, else Query), runs the operation on the model and
 * answers in the same protocol. An error that is not an AWS error is a bug: it is written to stderr
 * and answered as InternalError.
 */
export function sqsRequestHandler(
  endpoint: SqsEndpointState,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const requestId = randomUUID();
    const protocol = protocolOf(request);
    let operation = '';
    let reply: HttpReply;
    let error: AwsError | undefined;
    try {
      endpoint.assertLocalHost(request.headers.host);
      await endpoint.ready;
      const body = await readRequestBody(request, endpoint.maxRequestBytes);
      const parsed = protocol.parse({ headers: request.headers, url: request.url ?? '/', body });
      operation = parsed.operation;
      const result = await runOperation(
        endpoint,
        protocol,
        parsed,
        requestContext(request, response, operation),
      );
      reply = protocol.reply(operation, result, requestId);
    } catch (thrown) {
      error = toAwsError(thrown, {
        internalError: INTERNAL_ERROR,
        onUnexpected: reportBug('local SQS', operation),
      });
      reply = protocol.error(error, requestId);
    }
    const delay = responseDelayMs(endpoint.faults(), operation);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    finish(request, response, reply, error);
  };
}
