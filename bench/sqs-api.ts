import { Agent } from 'node:http';
import { connect, type Socket } from 'node:net';
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { JSON_1_0_CONTENT_TYPE, type JsonTransport, md5OfBody, SqsJsonProtocolClient } from 'local-cloud';

/**
 * Which client a benchmark worker drives the endpoint with:
 * - `sdk`: @aws-sdk/client-sqs as an application would create it, default configuration;
 * - `sdk-tuned`: the SDK with an explicit keep-alive agent sized for the loop;
 * - `http`: the local cloud's AWS JSON 1.0 client (`SqsJsonProtocolClient`, the event source
 *   mappings' pollers use it) on node:http with a keep-alive agent;
 * - `lean`: the same client on one raw keep-alive TCP connection per worker, writing and parsing
 *   HTTP/1.1 itself.
 * Every kind does what the protocol asks of a client: it signs each request with SigV4, parses the
 * response, turns error responses into exceptions and checks the MD5 of every body sent and received.
 */
export type ClientKind = 'sdk' | 'sdk-tuned' | 'http' | 'lean';

/** The calls of the benchmark loops, whatever client makes them. */
export interface QueueApi {
  send(queueUrl: string, body: string): Promise<void>;
  sendBatch(queueUrl: string, entries: { Id: string; MessageBody: string }[]): Promise<void>;
  /** Receives up to 10 messages (visibility timeout 0 when `release` is set); returns their receipt handles. */
  receive(queueUrl: string, waitSeconds: number, release?: boolean): Promise<string[]>;
  deleteBatch(queueUrl: string, entries: { Id: string; ReceiptHandle: string }[]): Promise<void>;
  close(): void;
}

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

/** An SQSClient with dummy credentials for the local endpoint, default configuration. */
export function sdkClient(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: REGION, credentials: CREDENTIALS });
}

/** An SQSClient configured as a tuned application would: one keep-alive agent sized for its loop. */
function tunedSdkClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets: 4 }),
    }),
  });
}

function sdkApi(sqs: SQSClient): QueueApi {
  return {
    async send(QueueUrl, MessageBody) {
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody }));
    },
    async sendBatch(QueueUrl, Entries) {
      const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      if (Failed.length > 0) throw new Error(`SendMessageBatch failed entries: ${JSON.stringify(Failed)}`);
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
      const { Failed = [] } = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
      if (Failed.length > 0) throw new Error(`DeleteMessageBatch failed entries: ${JSON.stringify(Failed)}`);
    },
    close: () => sqs.destroy(),
  };
}

const HEADER_END = Buffer.from('\r\n\r\n');
const RESPONSE_TIMEOUT_MS = 30_000;

/**
 * One keep-alive HTTP/1.1 connection that carries one request at a time: the request goes out in a
 * single write, the response is parsed from the socket's bytes (status line, Content-Length or
 * chunked body, `Connection: close`). A closed connection is reopened for the next request.
 */
class KeepAliveConnection {
  private socket: Socket | undefined;
  private buffer: Buffer = Buffer.alloc(0);
  private pending:
    | { resolve: (value: { status: number; body: string }) => void; reject: (error: Error) => void }
    | undefined;

  constructor(
    private readonly port: number,
    private readonly hostname: string,
  ) {}

  request(head: string, body: string): Promise<{ status: number; body: string }> {
    if (this.pending) return Promise.reject(new Error('one request at a time on a connection'));
    const socket = this.socket ?? this.open();
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      socket.write(head + body);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private open(): Socket {
    // Reading into one buffer of the connection's own spares a 64 KiB allocation per read, which
    // otherwise dominates the client's garbage; bytes kept past the callback are copied out.
    const readBuffer = Buffer.allocUnsafe(64 * 1024);
    const socket = connect({
      port: this.port,
      host: this.hostname,
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (bytes: number, buffer: Uint8Array) => {
          const chunk = Buffer.from(buffer.buffer, buffer.byteOffset, bytes);
          this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
          this.parse();
          if (this.buffer.length > 0 && this.buffer.buffer === readBuffer.buffer)
            this.buffer = Buffer.from(this.buffer);
          return true;
        },
      },
    });
    const fail = (error: Error): void => {
      if (this.socket === socket) this.socket = undefined;
      this.buffer = Buffer.alloc(0);
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the connection closed before the response was complete')));
    // Longer than any long poll (20 s): a request that gets no answer fails instead of hanging the run.
    socket.setTimeout(RESPONSE_TIMEOUT_MS, () => {
      if (this.pending) socket.destroy(new Error(`no response within ${RESPONSE_TIMEOUT_MS} ms`));
    });
    this.socket = socket;
    return socket;
  }

  private parse(): void {
    const headerEnd = this.buffer.indexOf(HEADER_END);
    if (headerEnd < 0 || !this.pending) return;
    const head = this.buffer.toString('latin1', 0, headerEnd);
    const lines = head.split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    let contentLength = -1;
    let chunked = false;
    let closeAfter = false;
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index];
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') contentLength = Number(value);
      else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
      else if (name === 'connection') closeAfter = value.toLowerCase() === 'close';
    }
    const bodyStart = headerEnd + HEADER_END.length;
    let body: Buffer;
    let consumed: number;
    if (chunked) {
      const decoded = decodeChunked(this.buffer, bodyStart);
      if (!decoded) return;
      ({ body, consumed } = decoded);
    } else {
      if (contentLength < 0) {
        this.fail(new Error('a response without Content-Length or chunking'));
        return;
      }
      if (this.buffer.length < bodyStart + contentLength) return;
      body = this.buffer.subarray(bodyStart, bodyStart + contentLength);
      consumed = bodyStart + contentLength;
    }
    const text = body.toString('utf8');
    this.buffer = consumed === this.buffer.length ? Buffer.alloc(0) : this.buffer.subarray(consumed);
    const pending = this.pending;
    this.pending = undefined;
    if (closeAfter) this.close();
    pending.resolve({ status, body: text });
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    this.close();
    pending?.reject(error);
  }
}

/** Decodes a complete chunked body starting at `start`, or returns undefined while it is incomplete. */
function decodeChunked(buffer: Buffer, start: number): { body: Buffer; consumed: number } | undefined {
  const parts: Buffer[] = [];
  let offset = start;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(buffer.toString('latin1', offset, lineEnd), 16);
    if (size === 0) {
      // No trailers from this endpoint: the body ends with the empty line after the last chunk.
      if (buffer.length < lineEnd + 4) return undefined;
      return { body: Buffer.concat(parts), consumed: lineEnd + 4 };
    }
    if (buffer.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/** A transport on one raw keep-alive connection: one request at a time. */
function leanTransport(endpoint: URL): JsonTransport {
  const connection = new KeepAliveConnection(Number(endpoint.port), endpoint.hostname);
  const fixed = `POST ${endpoint.pathname} HTTP/1.1\r\nHost: ${endpoint.host}\r\nContent-Type: ${JSON_1_0_CONTENT_TYPE}\r\n`;
  return {
    send: ({ target, body, signature }) =>
      connection.request(
        `${fixed}X-Amz-Target: ${target}\r\nX-Amz-Date: ${signature.amzDate}\r\nAuthorization: ${signature.authorization}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
        body,
      ),
    close: () => connection.close(),
  };
}

interface SentEntry {
  Id: string;
  MessageId: string;
  MD5OfMessageBody: string;
}

/**
 * The benchmark operations on the local cloud's JSON 1.0 client, which turns error responses into
 * exceptions and checks the MD5 of every body received; the MD5 of every body sent is checked here.
 */
function jsonApi(sqs: SqsJsonProtocolClient): QueueApi {
  const assertAllSent = (
    entries: { Id: string; MessageBody: string }[],
    result: Record<string, unknown>,
  ): void => {
    const failed = (result.Failed ?? []) as unknown[];
    if (failed.length > 0) throw new Error(`SendMessageBatch failed entries: ${JSON.stringify(failed)}`);
    const successful = (result.Successful ?? []) as SentEntry[];
    if (successful.length !== entries.length) throw new Error('SendMessageBatch lost entries');
    for (const sent of successful) {
      const entry = entries.find((candidate) => candidate.Id === sent.Id);
      if (!entry || md5OfBody(entry.MessageBody) !== sent.MD5OfMessageBody)
        throw new Error(`MD5 of the body sent as ${sent.Id} does not match`);
    }
  };
  return {
    async send(QueueUrl, MessageBody) {
      const result = await sqs.request('SendMessage', { QueueUrl, MessageBody });
      if (result.MD5OfMessageBody !== md5OfBody(MessageBody))
        throw new Error('MD5 of the body sent does not match');
    },
    async sendBatch(QueueUrl, Entries) {
      assertAllSent(Entries, await sqs.request('SendMessageBatch', { QueueUrl, Entries }));
    },
    async receive(QueueUrl, WaitTimeSeconds, release) {
      const { Messages = [] } = await sqs.receiveMessage({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds,
        ...(release ? { VisibilityTimeout: 0 } : {}),
      });
      return Messages.map((message) => message.ReceiptHandle ?? '');
    },
    async deleteBatch(QueueUrl, Entries) {
      const { Failed = [] } = await sqs.deleteMessageBatch({ QueueUrl, Entries });
      if (Failed.length > 0) throw new Error(`DeleteMessageBatch failed entries: ${JSON.stringify(Failed)}`);
    },
    close: () => sqs.close(),
  };
}

/** The API of the given kind for the endpoint. */
export function queueApi(kind: ClientKind, endpoint: string): QueueApi {
  switch (kind) {
    case 'sdk':
      return sdkApi(sdkClient(endpoint));
    case 'sdk-tuned':
      return sdkApi(tunedSdkClient(endpoint));
    case 'http':
      return jsonApi(new SqsJsonProtocolClient({ endpoint, region: REGION, credentials: CREDENTIALS }));
    case 'lean':
      return jsonApi(
        new SqsJsonProtocolClient({ endpoint, region: REGION, credentials: CREDENTIALS }, leanTransport),
      );
  }
}
