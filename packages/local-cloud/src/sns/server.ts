import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { foreignHostMessage, isLoopbackHost } from '../loopback-host';
import { writeQueryError } from '../protocol/aws-query';
import { SNS_XML, SnsError } from './errors';
import { answerSnsRequest } from './sns-api';
import type { SnsService } from './sns-service';

/** A running SNS endpoint of its own (the local cloud serves SNS on its gateway instead). */
export interface SnsServer {
  /** `http://127.0.0.1:<port>`: the SDK's `endpoint`, the CLI's `--endpoint-url`. */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves an {@link SnsService} on 127.0.0.1 (the endpoint has no authentication): every request
 * is answered as SNS, whatever service it is signed for. Sets the service's notification URLs to
 * this endpoint.
 */
export async function startSnsServer(service: SnsService, port = 0): Promise<SnsServer> {
  const server = createServer((request, response) => {
    if (!isLoopbackHost(request.headers.host)) {
      const refusal = new SnsError('AuthorizationError', foreignHostMessage(request.headers.host));
      writeQueryError(response, SNS_XML, refusal);
      return;
    }
    // A client that hangs up mid-body has nobody left to answer.
    answerSnsRequest(service, request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: boundPort } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${boundPort}`;
  service.urls.endpoint = endpoint;
  return {
    endpoint,
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
