import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from './clock';
import { SqsError } from './errors';
import { hostGuard, normaliseAdvertisedEndpoint } from './host-guard';
import { type Input, readObjectList, readString } from './input';
import { Journal } from './journal';
import { jsonProtocol } from './json-protocol';
import { assertBatchEntries } from './message-validation';
import { NON_DURABLE_OPERATIONS, OPERATIONS } from './operations';
import { queryProtocol } from './query-protocol';
import { type BatchFailure, type RequestContext, SqsModel } from './queue-model';
import { SQS_LIMITS } from './sqs-limits';
import type { HttpReply, WireProtocol } from './wire-protocol';

/** Faults to inject, for testing clients' retry logic. All are off by default. */
export interface SqsFaults {
  /**
   * Fraction (0 to 1) of SendMessageBatch entries to fail, reported in `Failed` with SenderFault
   * false and code {@link failureCode}; the other entries are sent normally. @default 0
   */
  readonly sendBatchFailureRate?: number;
  /** Code of injected batch entry failures. @default 'InternalError' */
  readonly failureCode?: string;
  /** Delay added before every response, in wall-clock milliseconds. @default 0 */
  readonly responseDelayMs?: number;
  /** Restricts {@link responseDelayMs} to these operations. @default - every operation */
  readonly delayOperations?: readonly string[];
  /** Random source in [0, 1), to make injected failures reproducible. @default Math.random */
  readonly random?: () => number;
}

/** Options of {@link startSqsServer}. */
export interface SqsServerOptions {
  /** TCP port; 0 picks a free one. @default 9324 */
  readonly port?: number;
  /** Interface to listen on. Only loopback is allowed: this endpoint has no authentication. @default '127.0.0.1' */
  readonly host?: '127.0.0.1';
  /** Directory for the durable journal. @default - state is kept in memory only */
  readonly stateDir?: string;
  /** Time source for the queue model (visibility, delays, retention, long polls). @default systemClock */
  readonly clock?: Clock;
  /** Account id in queue URLs and ARNs. @default '000000000000' */
  readonly accountId?: string;
  /** Region in ARNs. @default 'us-east-1' */
  readonly region?: string;
  /** Faults to inject. @default - none */
  readonly faults?: SqsFaults;
  /**
   * Largest request body accepted, in bytes; larger ones are refused before they are read. It leaves
   * room for a 1 MiB batch whose characters need escaping. @default 8 MiB
   */
  readonly maxRequestBytes?: number;
  /** Journal size that triggers a compaction. @default 64 MiB */
  readonly compactAfterBytes?: number;
  /**
   * Base URL that queue URLs advertise, for an endpoint served behind a gateway on another address,
   * e.g. `http://127.0.0.1:4566` (an http or https URL; a path prefix is kept). Requests still find
   * their queue by the `/<account>/<name>` end of the queue URL or path, whatever Host they carry, and
   * this URL's host is accepted as a Host header besides the loopback names.
   * @default - the address the server listens on, `http://127.0.0.1:<port>`
   */
  readonly advertisedEndpoint?: string;
}

/** A running SQS endpoint. */
export interface SqsServer {
  /** Base URL it listens on, e.g. `http://127.0.0.1:9324`: the SDK's `endpoint` and the CLI's `--endpoint-url`. */
  readonly endpoint: string;
  /** Base URL of the queue URLs it hands out: {@link SqsServerOptions.advertisedEndpoint}, else {@link endpoint}. */
  readonly queueUrlBase: string;
  readonly port: number;
  /** The queue model behind the endpoint, for in-process use by the local cloud. */
  readonly model: SqsModel;
  /**
   * Resolves once every change made so far, through the model too, is in the journal on disk: an
   * in-process caller that acknowledges a send (SNS marking a delivery done) waits for it, as the
   * endpoint waits before it answers. At once without a state directory.
   */
  flushJournal(): Promise<void>;
  /** Replaces the injected faults; `{}` turns them all off. */
  setFaults(faults: SqsFaults): void;
  /** Ends long polls, stops accepting requests, flushes the journal. */
  close(): Promise<void>;
}

function senderIdOf(request: IncomingMessage): string | undefined {
  const match = /Credential=([^/,\s]+)/.exec(String(request.headers.authorization ?? ''));
  return match?.[1];
}

function protocolOf(request: IncomingMessage): WireProtocol {
  return request.headers['x-amz-target'] !== undefined ? jsonProtocol : queryProtocol;
}

/** Reads the body up to `limit` bytes; beyond it, stops buffering and reports the request too large. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new SqsError('RequestEntityTooLarge', `The request body is larger than ${limit} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        chunks.length = 0;
        reject(new SqsError('RequestEntityTooLarge', `The request body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    // An aborted request is the client's doing, not a bug of this endpoint.
    request.on('error', () => reject(new SqsError('MalformedQueryString', 'The request body was cut off.')));
    // A client that hangs up mid-body may never cause 'end' or 'error'; the handler must not wait forever.
    request.on('close', () => {
      if (!request.complete) reject(new SqsError('MalformedQueryString', 'The request body was cut off.'));
    });
  });
}

function send(response: ServerResponse, reply: HttpReply, closeConnection: boolean): void {
  if (response.writableEnded || response.destroyed) return;
  // A flat [name, value, ...] list skips building a merged header object on every response.
  const headers: (string | number)[] = [];
  for (const name in reply.headers) headers.push(name, reply.headers[name]);
  headers.push('content-length', Buffer.byteLength(reply.body));
  if (closeConnection) headers.push('connection', 'close');
  response.writeHead(reply.status, headers);
  response.end(reply.body);
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

/**
 * Starts an SQS-compatible endpoint on 127.0.0.1 that speaks both AWS JSON 1.0 and the Query
 * protocol, resolving once it accepts connections.
 *
 * @example
 * const server = await startSqsServer({ port: 0 });
 * const sqs = new SQSClient({ endpoint: server.endpoint, region: 'us-east-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * // ...
 * await server.close();
 */
export async function startSqsServer(options: SqsServerOptions = {}): Promise<SqsServer> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1')
    throw new Error(`the SQS endpoint only listens on 127.0.0.1 (given ${String(host)})`);
  const port = options.port ?? 9324;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`port must be between 0 and 65535 (given ${port})`);
  const maxRequestBytes = options.maxRequestBytes ?? 8 * 1024 * 1024;
  let faults: SqsFaults = validateFaults(options.faults ?? {});
  const advertisedEndpoint =
    options.advertisedEndpoint === undefined
      ? undefined
      : normaliseAdvertisedEndpoint(options.advertisedEndpoint);
  const assertLocalHost = hostGuard(advertisedEndpoint);

  let journal: Journal | undefined;
  const model = new SqsModel({
    clock: options.clock,
    accountId: options.accountId,
    region: options.region,
    journal: options.stateDir === undefined ? undefined : { append: (event) => journal?.append(event) },
  });
  // Queue URLs embed the port, which is only known once listening, so the journal is replayed after
  // listen() and requests wait for it.
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 60_000 });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const protocol = protocolOf(request);
    let operation = '';
    let reply: HttpReply;
    let closeConnection = false;
    try {
      assertLocalHost(request.headers.host);
      await ready;
      const body = await readBody(request, maxRequestBytes);
      const parsed = protocol.parse({ headers: request.headers, url: request.url ?? '/', body });
      operation = parsed.operation;
      const run = OPERATIONS[operation];
      if (!run) {
        throw protocol === jsonProtocol
          ? new SqsError('UnknownOperationException', `The operation ${operation} is not supported.`)
          : new SqsError('InvalidAction', `The action ${operation} is not valid for this endpoint.`);
      }
      const context = requestContext(request, response, operation);
      const result =
        operation === 'SendMessageBatch' && (faults.sendBatchFailureRate ?? 0) > 0
          ? sendBatchWithFaults(model, parsed.input, context, faults)
          : await run(model, parsed.input, context);
      if (journal && !NON_DURABLE_OPERATIONS.has(operation)) await journal.flush();
      reply = protocol.reply(operation, result, requestId);
    } catch (error) {
      if (error instanceof SqsError) {
        // Both are refused before the body is read: the connection cannot carry another request.
        closeConnection = error.code === 'RequestEntityTooLarge' || error.code === 'AccessDeniedException';
        reply = protocol.error(error, requestId);
      } else {
        // A bug, not a bad request: say so where the developer running the endpoint will see it.
        process.stderr.write(
          `local SQS: ${operation || 'request'} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
        );
        reply = protocol.error(
          new SqsError('InternalError', 'We encountered an internal error. Please try again.'),
          requestId,
        );
      }
    }
    const delay = faults.responseDelayMs ?? 0;
    if (delay > 0 && (!faults.delayOperations || faults.delayOperations.includes(operation))) {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    send(response, reply, closeConnection);
    if (closeConnection) {
      // Discard whatever else the client sends until the connection closes, without buffering it.
      request.resume();
      response.on('finish', () => request.socket.end());
    }
  };
  server.on('request', (request, response) => {
    void handle(request, response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const endpoint = `http://${host}:${actualPort}`;
  model.endpoint = advertisedEndpoint ?? endpoint;
  if (options.stateDir !== undefined) {
    try {
      journal = await Journal.open(
        { dir: options.stateDir, compactAfterBytes: options.compactAfterBytes },
        (event) => model.restore(event),
        () => model.snapshot(),
      );
    } catch (error) {
      server.close();
      throw error;
    }
  }
  markReady();

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    queueUrlBase: model.endpoint,
    port: actualPort,
    model,
    flushJournal: () => journal?.flush() ?? Promise.resolve(),
    setFaults(next) {
      faults = validateFaults(next);
    },
    close() {
      closing ??= (async () => {
        model.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => {
            for (const socket of sockets) socket.destroy();
          }, 1000).unref();
        });
        await journal?.close();
      })();
      return closing;
    },
  };
}

function validateFaults(faults: SqsFaults): SqsFaults {
  const rate = faults.sendBatchFailureRate ?? 0;
  if (!(rate >= 0 && rate <= 1))
    throw new Error(`sendBatchFailureRate must be between 0 and 1 (given ${rate})`);
  const delay = faults.responseDelayMs ?? 0;
  if (!(delay >= 0 && delay <= 600_000))
    throw new Error(`responseDelayMs must be between 0 and 600000 (given ${delay})`);
  return faults;
}

/** SendMessageBatch with a random share of its (valid) entries failed as the server's fault. */
function sendBatchWithFaults(
  model: SqsModel,
  input: Input,
  context: { senderId?: string },
  faults: SqsFaults,
): { Successful: unknown[]; Failed: BatchFailure[] } {
  model.resolveQueueUrl(readString(input, 'QueueUrl') ?? '');
  const entries = readObjectList(input, 'Entries');
  assertBatchEntries(entries, SQS_LIMITS.maxBatchEntries, 'SendMessageBatchRequestEntry');
  const random = faults.random ?? Math.random;
  const rate = faults.sendBatchFailureRate ?? 0;
  const kept: Input[] = [];
  const injected: BatchFailure[] = [];
  for (const entry of entries) {
    if (random() < rate) {
      injected.push({
        Id: readString(entry, 'Id') ?? '',
        SenderFault: false,
        Code: faults.failureCode ?? 'InternalError',
        Message: 'Injected fault: the entry was not sent.',
      });
    } else {
      kept.push(entry);
    }
  }
  if (kept.length === 0) return { Successful: [], Failed: injected };
  const result = model.sendMessageBatch({ ...input, Entries: kept }, context);
  return { Successful: result.Successful, Failed: [...result.Failed, ...injected] };
}
