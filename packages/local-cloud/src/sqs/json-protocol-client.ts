import type {
  ChangeMessageVisibilityBatchRequest,
  ChangeMessageVisibilityBatchResult,
  DeleteMessageBatchRequest,
  DeleteMessageBatchResult,
  GetQueueAttributesRequest,
  GetQueueAttributesResult,
  Message,
  MessageAttributeValue,
  ReceiveMessageRequest,
  ReceiveMessageResult,
} from '@aws-sdk/client-sqs';
import { Md5MismatchError, SqsServiceError } from './client-errors';
import { httpJsonTransport } from './http-json-transport';
import { md5OfBody, md5OfMessageAttributes, type MessageAttributeValue as WireAttributeValue } from './md5';
import { RequestSigner, type SignatureHeaders, type SigningCredentials } from './request-signer';

/** One signed AWS JSON 1.0 request, as a transport carries it. */
export interface SignedJsonRequest {
  /** `X-Amz-Target`, e.g. `AmazonSQS.ReceiveMessage`. */
  readonly target: string;
  readonly body: string;
  readonly signature: SignatureHeaders;
}

/** A response's status and body. */
export interface JsonResponse {
  readonly status: number;
  readonly body: string;
}

/**
 * Carries signed requests to the endpoint and back: POST to the endpoint's path with the signed
 * headers (`Host` = the endpoint's host, `Content-Type` = AWS JSON 1.0, `X-Amz-Target`,
 * `X-Amz-Date`, `Authorization`).
 */
export interface JsonTransport {
  send(request: SignedJsonRequest): Promise<JsonResponse>;
  /** Closes its connections. */
  close(): void;
}

/** Where the SQS endpoint is and what to sign for it: the fields of an SQSClient's configuration. */
export interface SqsJsonProtocolClientOptions {
  /** Base URL of the endpoint, e.g. `http://127.0.0.1:9324`, as an SQSClient's `endpoint`. */
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: SigningCredentials;
}

/** A received message as JSON carries it: binary attribute values are base64. */
type WireMessage = Omit<Message, 'MessageAttributes'> & {
  MessageAttributes?: Record<string, WireAttributeValue>;
};

/**
 * A lean SQS client that speaks AWS JSON 1.0 for the calls of Lambda's event source mapping pollers,
 * which are part of the emulated Lambda service and need not pay the SDK's CPU per request. It does
 * what the protocol asks of a client, as the SDK does: signs each request with SigV4, turns error
 * responses into {@link SqsServiceError}s named as the SDK names them, returns messages in the SDK's
 * shapes (binary attribute values as bytes), and refuses a receive whose bodies or message attributes
 * do not match their MD5 ({@link Md5MismatchError}). It does not retry: a poller polls again anyway.
 *
 * @example
 * const sqs = new SqsJsonProtocolClient({ endpoint: 'http://127.0.0.1:9324', region: 'us-east-1', credentials });
 * const { Messages = [] } = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
 * sqs.close();
 */
export class SqsJsonProtocolClient {
  private readonly signer: RequestSigner;
  private readonly transport: JsonTransport;

  /**
   * @param transport how requests travel to the endpoint. @default - node:http on a keep-alive agent
   */
  constructor(
    options: SqsJsonProtocolClientOptions,
    transport: (endpoint: URL) => JsonTransport = httpJsonTransport,
  ) {
    const endpoint = new URL(options.endpoint);
    this.signer = new RequestSigner({ endpoint, region: options.region, credentials: options.credentials });
    this.transport = transport(endpoint);
  }

  /**
   * ReceiveMessage. Every message's body, and its message attributes when it has some, are checked
   * against the MD5 that came with them.
   * @throws Md5MismatchError when one does not match; SqsServiceError for an error response
   */
  async receiveMessage(input: ReceiveMessageRequest): Promise<ReceiveMessageResult> {
    const result = (await this.request('ReceiveMessage', input)) as { Messages?: WireMessage[] };
    if (result.Messages === undefined) return {};
    assertMd5sMatch(result.Messages);
    return { Messages: result.Messages.map(toMessage) };
  }

  /**
   * DeleteMessageBatch: entries that could not be deleted are in `Failed`, not thrown.
   * @throws SqsServiceError when the request as a whole is refused
   */
  async deleteMessageBatch(input: DeleteMessageBatchRequest): Promise<DeleteMessageBatchResult> {
    const result = (await this.request('DeleteMessageBatch', input)) as Partial<DeleteMessageBatchResult>;
    return { Successful: result.Successful ?? [], Failed: result.Failed ?? [] };
  }

  /**
   * ChangeMessageVisibilityBatch: entries that could not be changed are in `Failed`, not thrown.
   * @throws SqsServiceError when the request as a whole is refused
   */
  async changeMessageVisibilityBatch(
    input: ChangeMessageVisibilityBatchRequest,
  ): Promise<ChangeMessageVisibilityBatchResult> {
    const result = (await this.request(
      'ChangeMessageVisibilityBatch',
      input,
    )) as Partial<ChangeMessageVisibilityBatchResult>;
    return { Successful: result.Successful ?? [], Failed: result.Failed ?? [] };
  }

  /** GetQueueAttributes. @throws SqsServiceError for an error response */
  async getQueueAttributes(input: GetQueueAttributesRequest): Promise<GetQueueAttributesResult> {
    return (await this.request('GetQueueAttributes', input)) as GetQueueAttributesResult;
  }

  /**
   * Any SQS operation, with its input and result as AWS JSON 1.0 carries them (binary values base64),
   * for operations without a method of their own.
   * @throws SqsServiceError for an error response
   */
  async request(operation: string, input: object): Promise<Record<string, unknown>> {
    const target = `AmazonSQS.${operation}`;
    const body = JSON.stringify(input);
    const response = await this.transport.send({ target, body, signature: this.signer.sign(target, body) });
    if (response.status !== 200) throw serviceError(operation, response);
    try {
      return response.body === '' ? {} : (JSON.parse(response.body) as Record<string, unknown>);
    } catch (error) {
      throw new Error(`${operation} answered with a body that is not JSON: ${excerpt(response.body)}`, {
        cause: error,
      });
    }
  }

  /** Closes the connections kept alive. */
  close(): void {
    this.transport.close();
  }
}

function assertMd5sMatch(messages: readonly WireMessage[]): void {
  const badBodies: string[] = [];
  const badAttributes: string[] = [];
  for (const message of messages) {
    if (md5OfBody(message.Body ?? '') !== message.MD5OfBody) badBodies.push(String(message.MessageId));
    // Either both or neither: attributes without their MD5, or an MD5 without them, were mangled too.
    if (md5OfMessageAttributes(message.MessageAttributes) !== message.MD5OfMessageAttributes)
      badAttributes.push(String(message.MessageId));
  }
  if (badBodies.length > 0) throw new Md5MismatchError('MD5OfBody', badBodies);
  if (badAttributes.length > 0) throw new Md5MismatchError('MD5OfMessageAttributes', badAttributes);
}

/** The message as the SDK returns it: binary attribute values decoded to bytes. */
function toMessage(message: WireMessage): Message {
  if (message.MessageAttributes === undefined) return message as Message;
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes)) {
    const { BinaryValue, BinaryListValues, ...rest } = value;
    attributes[name] = {
      ...rest,
      ...(BinaryValue === undefined ? {} : { BinaryValue: fromBase64(BinaryValue) }),
      ...(BinaryListValues === undefined ? {} : { BinaryListValues: BinaryListValues.map(fromBase64) }),
    };
  }
  return { ...message, MessageAttributes: attributes };
}

/** Bytes as the SDK gives them: a plain Uint8Array. */
function fromBase64(value: string): Uint8Array {
  const bytes = Buffer.from(value, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The error an error response stands for, named as the SDK names it: `__type` without its namespace
 * (`com.amazonaws.sqs#QueueDoesNotExist` is `QueueDoesNotExist`).
 */
function serviceError(operation: string, response: JsonResponse): SqsServiceError {
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown } | undefined;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed?.__type !== 'string') {
    return new SqsServiceError(
      'UnknownError',
      `${operation} answered HTTP ${response.status} without an AWS error: ${excerpt(response.body)}`,
      operation,
      response.status,
    );
  }
  const name = parsed.__type.split(',')[0].split(':')[0].split('#').at(-1) ?? parsed.__type;
  const message = parsed.message ?? parsed.Message;
  return new SqsServiceError(
    name,
    typeof message === 'string' ? message : `${operation} failed with ${name}`,
    operation,
    response.status,
  );
}

function excerpt(body: string): string {
  return body.length > 200 ? `${body.slice(0, 200)}...` : body === '' ? '(empty body)' : body;
}
