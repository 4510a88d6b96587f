import { hash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { readTextBody } from '../http-body';
import { AwsError } from '../protocol/aws-error';
import { writeJsonError } from '../protocol/aws-json';
import { putInFront } from '../request-handlers';
import { DYNAMODB_FAULT_ERRORS, type DynamoDbFaultCode, type DynamoDbFaults } from './dynamodb-faults';

/** dynalite's own limit on a request body. */
const MAXIMUM_REQUEST_BYTES = 16 * 1024 * 1024;

/**
 * Puts {@link DynamoDbFaults} in front of dynalite's request handler, in the same server, so the
 * endpoint and every client of it stay as they are. While no fault is active a request goes straight
 * to dynalite, unread; while one is, the body is read to find the table, and the request is delayed,
 * failed, or replayed to dynalite whole.
 */
export function interceptWithFaults(server: Server, faults: DynamoDbFaults): void {
  putInFront(server, (request, response, dynalite) => {
    faults.noteRequest(headerValue(request.headers['amz-sdk-request']));
    if (!faults.active) {
      dynalite(request, response);
      return;
    }
    void withFaults(request, response, faults, (replayed) => {
      // A request held back past the endpoint's stop would reach a closed store and throw there.
      if (server.listening) dynalite(replayed, response);
      else request.socket.destroy();
    }).catch((error: unknown) => {
      if (response.headersSent) response.end();
      else writeJsonError(response, new AwsError('InternalServerError', String(error), { httpStatus: 500 }));
    });
  });
}

async function withFaults(
  request: IncomingMessage,
  response: ServerResponse,
  faults: DynamoDbFaults,
  dynalite: (request: IncomingMessage) => void,
): Promise<void> {
  const body = await readTextBody(request, MAXIMUM_REQUEST_BYTES);
  if (body === undefined) {
    const message = `The request body is larger than ${MAXIMUM_REQUEST_BYTES} bytes.`;
    writeJsonError(response, new AwsError('RequestEntityTooLarge', message, { httpStatus: 413 }));
    return;
  }
  const target = headerValue(request.headers['x-amz-target']) ?? '';
  // The SDK numbers its attempts (counted by noteRequest); other clients' retries are recognised by content.
  const fingerprint =
    request.headers['amz-sdk-request'] === undefined
      ? hash('sha256', `${target}\n${body}`, 'base64')
      : undefined;
  const decision = faults.decide(target, parseOrUndefined(body), fingerprint);
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  if (decision.error === undefined) {
    dynalite(replay(request, body));
    return;
  }
  writeInjectedError(response, decision.error);
}

/** Answers an injected error as DynamoDB does: `__type` in the error's own namespace. */
function writeInjectedError(response: ServerResponse, code: DynamoDbFaultCode): void {
  const { status, type, message } = DYNAMODB_FAULT_ERRORS[code];
  writeJsonError(response, new AwsError(code, message, { httpStatus: status }), {
    namespace: type.slice(0, type.indexOf('#')),
    requestId: `local-fault-${Date.now().toString(36)}`,
  });
}

/** A stand-in for a request whose body was read already: the same headers, and the body again. */
function replay(request: IncomingMessage, body: string): IncomingMessage {
  const stream = Readable.from(body === '' ? [] : [Buffer.from(body)]);
  return Object.assign(stream, {
    headers: request.headers,
    method: request.method,
    url: request.url,
    httpVersion: request.httpVersion,
    socket: request.socket,
  }) as unknown as IncomingMessage;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
