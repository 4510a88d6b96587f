import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalCloud } from './cloud';
import { lambdaInvokeApi } from './lambda';
import { logsApi } from './logs';

/** A running gateway: one loopback port for every service of the local cloud. */
export interface Gateway {
  /** `http://127.0.0.1:<port>`: the AWS CLI's `--endpoint-url`, or `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/** DynamoDB's JSON protocol names its operations `DynamoDB_20120810.<Operation>`. */
const DYNAMODB_TARGET = 'DynamoDB_20120810.';

/**
 * Serves the local cloud on one port, routed as AWS's endpoints are told apart: Lambda's Invoke
 * route by its path, CloudWatch Logs and DynamoDB by their `X-Amz-Target`, and everything else
 * (SQS's JSON and Query protocols) to the SQS endpoint. So one `--endpoint-url` serves every
 * `aws lambda`, `aws sqs`, `aws logs` and `aws dynamodb` command.
 *
 * @param port on 127.0.0.1 only: the local cloud has no authentication. 0 picks a free port.
 */
export async function startGateway(cloud: LocalCloud, port = 0): Promise<Gateway> {
  const invoke = lambdaInvokeApi(cloud.lambda, cloud.logs);
  const logs = logsApi(cloud.logs);
  const sqs = new URL(cloud.sqs.endpoint);
  const dynamodb = new URL(cloud.dynamodb.endpoint);
  const server: Server = createServer((request, response) => {
    void (async () => {
      if (await invoke(request, response)) return;
      if (await logs(request, response)) return;
      const target = String(request.headers['x-amz-target'] ?? '');
      proxy(request, response, target.startsWith(DYNAMODB_TARGET) ? dynamodb : sqs);
    })().catch((error) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`local cloud gateway: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Streams a request to a local service and its answer back, headers untouched. */
function proxy(request: IncomingMessage, response: ServerResponse, target: URL): void {
  const upstream = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: request.headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', (error) => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
    response.end(`local cloud gateway: ${target.origin} did not answer (${error.message})`);
  });
  request.pipe(upstream);
}
