import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalCloud } from './cloud';
import { cloudFormationApi } from './cloudformation';
import { cloudWatchApi } from './cloudwatch';
import { lambdaApi } from './lambda';
import { logsApi } from './logs';
import { isLoopbackHost } from './loopback-host';
import { snsApi } from './sns';

/** A handler of one service's API: answers the requests that are its own, returns false for others. */
type ServiceApi = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

/** A running gateway: one loopback port for every service of the local cloud. */
export interface Gateway {
  /** `http://127.0.0.1:<port>`: the AWS CLI's `--endpoint-url`, or `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  readonly port: number;
  /**
   * Routes requests to the services of a cloud. The port is bound first, so the cloud can carry
   * the gateway's address in its queue URLs and outputs; until then every request gets a 503.
   */
  serve(cloud: LocalCloud): void;
  close(): Promise<void>;
}

/** DynamoDB's JSON protocol names its operations `DynamoDB_20120810.<Operation>`. */
const DYNAMODB_TARGET = 'DynamoDB_20120810.';

function sendError(response: ServerResponse, status: number, type: string, message: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  response.end(JSON.stringify({ __type: type, message }));
}

/**
 * Serves the local cloud on one port, routed as AWS's endpoints are told apart: Lambda's routes by
 * their path, CloudWatch Logs and DynamoDB by their `X-Amz-Target`, CloudWatch, CloudFormation and SNS
 * (Query protocol) by the service their signature names, and everything else (SQS's JSON and
 * Query protocols) to the SQS endpoint. So one `--endpoint-url` serves every `aws lambda`,
 * `aws sqs`, `aws sns`, `aws logs`, `aws dynamodb`, `aws cloudwatch` and
 * `aws cloudformation describe-stacks` command. Requests whose Host is not this machine are
 * refused (see {@link isLoopbackHost}).
 *
 * @param port on 127.0.0.1 only: the local cloud has no authentication. 0 picks a free port.
 * @example
 * const gateway = await startGateway(4566);
 * const cloud = await LocalCloud.start({ ...options, publicEndpoint: gateway.endpoint });
 * gateway.serve(cloud);
 */
export async function startGateway(port = 0): Promise<Gateway> {
  let routes: { apis: ServiceApi[]; sqs: URL; dynamodb: URL } | undefined;
  const server: Server = createServer((request, response) => {
    void (async () => {
      if (!isLoopbackHost(request.headers.host)) {
        sendError(
          response,
          403,
          'AccessDeniedException',
          `the local cloud answers only requests addressed to 127.0.0.1 or localhost (Host: ${request.headers.host})`,
        );
        return;
      }
      if (routes === undefined) {
        sendError(response, 503, 'ServiceUnavailableException', 'the local cloud is still starting');
        return;
      }
      for (const api of routes.apis) if (await api(request, response)) return;
      const target = String(request.headers['x-amz-target'] ?? '');
      proxy(request, response, target.startsWith(DYNAMODB_TARGET) ? routes.dynamodb : routes.sqs);
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
    serve: (cloud) => {
      routes = {
        apis: [
          lambdaApi({
            lambda: cloud.lambda,
            logs: cloud.logs,
            eventSourceMappings: cloud.eventSourceMappings,
            stack: cloud.stack,
          }),
          logsApi(cloud.logs),
          cloudWatchApi(cloud.cloudWatch),
          cloudFormationApi(cloud.stacks),
          snsApi(cloud.sns),
        ],
        sqs: new URL(cloud.sqs.endpoint),
        dynamodb: new URL(cloud.dynamodb.endpoint),
      };
    },
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
