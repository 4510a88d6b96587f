import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '../clock';
import { hostGuard, normaliseAdvertisedEndpoint } from './host-guard';
import { Journal } from './journal';
import { SqsModel } from './queue-model';
import { sqsRequestHandler } from './request-handler';
import { type SqsFaults, validateFaults } from './sqs-faults';

export type { SqsFaults } from './sqs-faults';

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

/** The listening address and limits of an endpoint, checked: each bad option is named with its value. */
function checkedOptions(options: SqsServerOptions) {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1')
    throw new Error(`the SQS endpoint only listens on 127.0.0.1 (given ${String(host)})`);
  const port = options.port ?? 9324;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`port must be between 0 and 65535 (given ${port})`);
  return {
    host,
    port,
    maxRequestBytes: options.maxRequestBytes ?? 8 * 1024 * 1024,
    faults: validateFaults(options.faults ?? {}),
    advertisedEndpoint:
      options.advertisedEndpoint === undefined
        ? undefined
        : normaliseAdvertisedEndpoint(options.advertisedEndpoint),
  };
}

/** An HTTP server that keeps track of its open connections, so that closing it can end them. */
function trackedServer(): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = createServer({ keepAliveTimeout: 60_000, requestTimeout: 60_000 });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return { server, sockets };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Opens the journal and replays it into the model; if it cannot be, the server is closed. */
async function openJournal(
  server: Server,
  model: SqsModel,
  options: SqsServerOptions,
): Promise<Journal | undefined> {
  if (options.stateDir === undefined) return undefined;
  try {
    return await Journal.open(
      { dir: options.stateDir, compactAfterBytes: options.compactAfterBytes },
      (event) => model.restore(event),
      () => model.snapshot(),
    );
  } catch (error) {
    server.close();
    throw error;
  }
}

/** Ends long polls, stops accepting requests (ending connections still open after a second), flushes the journal. */
async function closeEndpoint(
  server: Server,
  sockets: Set<Socket>,
  model: SqsModel,
  journal: Journal | undefined,
): Promise<void> {
  model.close();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, 1000).unref();
  });
  await journal?.close();
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
  const checked = checkedOptions(options);
  let faults = checked.faults;
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
  const { server, sockets } = trackedServer();
  const handle = sqsRequestHandler({
    model,
    ready,
    maxRequestBytes: checked.maxRequestBytes,
    assertLocalHost: hostGuard(checked.advertisedEndpoint),
    journal: () => journal,
    faults: () => faults,
  });
  server.on('request', (request, response) => void handle(request, response));
  const port = await listen(server, checked.port, checked.host);
  const endpoint = `http://${checked.host}:${port}`;
  model.endpoint = checked.advertisedEndpoint ?? endpoint;
  journal = await openJournal(server, model, options);
  markReady();
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    queueUrlBase: model.endpoint,
    port,
    model,
    flushJournal: () => journal?.flush() ?? Promise.resolve(),
    setFaults(next) {
      faults = validateFaults(next);
    },
    close() {
      closing ??= closeEndpoint(server, sockets, model, journal);
      return closing;
    },
  };
}
