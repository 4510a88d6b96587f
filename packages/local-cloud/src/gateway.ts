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
import { isLoopbackHost, refuseForeignHost } from './loopback-host';
import { AwsError, toAwsError } from './protocol/aws-error';
import { writeJsonError } from './protocol/aws-json';
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

/** Where the gateway sends each request, once the cloud is up. */
interface Routes {
  readonly apis: readonly ServiceApi[];
  readonly sqs: URL;
  readonly dynamodb: URL;
}

function routesOf(cloud: LocalCloud): Routes {
  return {
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
}

/** Answers a request with the service it is for: the first API that takes it, else DynamoDB or SQS. */
async function route(
  request: IncomingMessage,
  response: ServerResponse,
  routes: Routes | undefined,
): Promise<void> {
  if (!isLoopbackHost(request.headers.host)) {
    refuseForeignHost(response, request.headers.host);
    return;
  }
  if (routes === undefined) {
    writeJsonError(
      response,
      new AwsError('ServiceUnavailableException', 'the local cloud is still starting', { httpStatus: 503 }),
    );
    return;
  }
  for (const api of routes.apis) if (await api(request, response)) return;
  const target = String(request.headers['x-amz-target'] ?? '');
  proxy(request, response, target.startsWith(DYNAMODB_TARGET) ? routes.dynamodb : routes.sqs);
}

/**
 * Answers what a service's handler threw as a 500 naming it, unless the answer was begun already.
 * It is not logged: a client that hangs up mid-body makes a handler throw too.
 */
function answerFailure(response: ServerResponse, thrown: unknown): void {
  const message = `local cloud gateway: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
  const error = toAwsError(thrown, {
    internalError: new AwsError('InternalFailure', message, { httpStatus: 500 }),
  });
  if (response.headersSent) response.end();
  else writeJsonError(response, error);
}

/** Listens on 127.0.0.1 only; resolves with the port bound (a free one for 0). */
export function listenOnLoopback(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
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
  let routes: Routes | undefined;
  const server: Server = createServer((request, response) => {
    route(request, response, routes).catch((thrown: unknown) => answerFailure(response, thrown));
  });
  const boundPort = await listenOnLoopback(server, port);
  return {
    endpoint: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    serve: (cloud) => {
      routes = routesOf(cloud);
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
    const message = `local cloud gateway: ${target.origin} did not answer (${error.message})`;
    if (response.headersSent) response.end();
    else writeJsonError(response, new AwsError('InternalFailure', message, { httpStatus: 502 }));
  });
  request.pipe(upstream);
}
