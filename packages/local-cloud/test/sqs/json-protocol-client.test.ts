import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { toSqsRecord } from '../../src/event-source-mapping/sqs-event';
import { Md5MismatchError, SqsServiceError } from '../../src/sqs/client-errors';
import { SqsJsonProtocolClient } from '../../src/sqs/json-protocol-client';
import { md5OfBody, md5OfMessageAttributes } from '../../src/sqs/md5';
import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { errorOf, sqsClient, TEST_CREDENTIALS } from './support';

const REGION = 'us-east-1';
const BINARY = Uint8Array.from([0, 1, 2, 254, 255]);

function clientFor(endpoint: string): SqsJsonProtocolClient {
  return new SqsJsonProtocolClient({ endpoint, region: REGION, credentials: TEST_CREDENTIALS });
}

/** An HTTP server on 127.0.0.1 that answers every request with `answer`, for responses SQS never sends. */
async function fakeEndpoint(
  answer: (request: IncomingMessage, response: ServerResponse, socket: Socket) => void,
): Promise<{ endpoint: string; requests: number; close(): Promise<void> }> {
  const state = { requests: 0 };
  const server: Server = createServer((request, response) => {
    state.requests += 1;
    request.resume();
    request.on('end', () => answer(request, response, request.socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function answerJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

describe('SqsJsonProtocolClient against the local SQS endpoint', () => {
  let server: SqsServer;
  let sdk: SQSClient;
  let client: SqsJsonProtocolClient;

  beforeAll(async () => {
    server = await startSqsServer({ port: 0 });
    sdk = sqsClient(server.endpoint, 'json');
    client = clientFor(server.endpoint);
  });

  afterAll(async () => {
    client?.close();
    sdk?.destroy();
    await server?.close();
  });

  async function createQueue(QueueName: string, Attributes?: Record<string, string>): Promise<string> {
    const { QueueUrl = '' } = await sdk.send(new CreateQueueCommand({ QueueName, Attributes }));
    return QueueUrl;
  }

  test('receives a message with every system attribute and string, number and binary message attributes, as the SDK does', async () => {
    const queueUrl = await createQueue('attributes.fifo', { FifoQueue: 'true' });
    const { MessageId } = await sdk.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'order 1 ✓',
        MessageGroupId: 'customer-7',
        MessageDeduplicationId: 'order-1',
        MessageAttributes: {
          source: { DataType: 'String', StringValue: 'web' },
          quantity: { DataType: 'Number', StringValue: '42' },
          thumbprint: { DataType: 'Binary', BinaryValue: BINARY },
        },
        MessageSystemAttributes: {
          AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' },
        },
      }),
    );
    const receive = {
      QueueUrl: queueUrl,
      MessageSystemAttributeNames: ['All' as const],
      MessageAttributeNames: ['All'],
      // Visible again at once, so that the SDK receives the same message after this client.
      VisibilityTimeout: 0,
    };

    const { Messages: [message] = [] } = await client.receiveMessage(receive);
    const { Messages: [sdkMessage] = [] } = await sdk.send(new ReceiveMessageCommand(receive));

    expect(message).toMatchObject({
      MessageId,
      Body: 'order 1 ✓',
      MD5OfBody: md5OfBody('order 1 ✓'),
      ReceiptHandle: expect.any(String),
      MD5OfMessageAttributes: sdkMessage.MD5OfMessageAttributes,
    });
    expect(Object.keys(message.Attributes ?? {}).sort()).toStrictEqual(
      [
        'AWSTraceHeader',
        'ApproximateFirstReceiveTimestamp',
        'ApproximateReceiveCount',
        'MessageDeduplicationId',
        'MessageGroupId',
        'SenderId',
        'SentTimestamp',
        'SequenceNumber',
      ].sort(),
    );
    expect(message.Attributes).toMatchObject({
      ApproximateReceiveCount: '1',
      MessageGroupId: 'customer-7',
      AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793',
    });
    expect(sdkMessage.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(message.MessageAttributes).toStrictEqual(sdkMessage.MessageAttributes);
    expect(message.MessageAttributes?.thumbprint.BinaryValue).toStrictEqual(BINARY);
    expect(
      toSqsRecord(message, { queueArn: 'arn:aws:sqs:us-east-1:000000000000:attributes.fifo', region: REGION })
        .messageAttributes.thumbprint,
    ).toStrictEqual({
      dataType: 'Binary',
      binaryValue: Buffer.from(BINARY).toString('base64'),
      stringListValues: [],
      binaryListValues: [],
    });
  });

  test('answers an empty receive with no messages', async () => {
    const queueUrl = await createQueue('empty');

    expect(await client.receiveMessage({ QueueUrl: queueUrl, WaitTimeSeconds: 0 })).toStrictEqual({});
  });

  test('deletes a batch, reporting the entries it could not delete in Failed', async () => {
    const queueUrl = await createQueue('deletes');
    await sdk.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'to delete' }));
    const { Messages: [message] = [] } = await client.receiveMessage({ QueueUrl: queueUrl });

    const result = await client.deleteMessageBatch({
      QueueUrl: queueUrl,
      Entries: [
        { Id: 'processed', ReceiptHandle: message.ReceiptHandle },
        { Id: 'forged', ReceiptHandle: 'not-a-receipt-handle' },
      ],
    });

    expect(result.Successful).toStrictEqual([{ Id: 'processed' }]);
    expect(result.Failed).toStrictEqual([
      {
        Id: 'forged',
        SenderFault: true,
        Code: 'ReceiptHandleIsInvalid',
        Message: expect.stringContaining('not-a-receipt-handle'),
      },
    ]);
    expect(
      await client.receiveMessage({ QueueUrl: queueUrl, VisibilityTimeout: 0, WaitTimeSeconds: 0 }),
    ).toStrictEqual({});
  });

  test('throws error responses with the AWS error name and message, as the SDK names them', async () => {
    const QueueUrl = `${server.endpoint}/000000000000/missing`;

    const error = await errorOf(client.receiveMessage({ QueueUrl }));
    const sdkError = await errorOf(sdk.send(new ReceiveMessageCommand({ QueueUrl })));

    expect(error).toBeInstanceOf(SqsServiceError);
    expect(error).toMatchObject({
      name: 'QueueDoesNotExist',
      message: 'The specified queue does not exist.',
      operation: 'ReceiveMessage',
      statusCode: 400,
    });
    expect(error.name).toBe(sdkError.name);
    expect(error.message).toBe(sdkError.message);
  });

  test('throws a refused batch as a whole', async () => {
    const queueUrl = await createQueue('refused');

    const error = await errorOf(client.deleteMessageBatch({ QueueUrl: queueUrl, Entries: [] }));

    expect(error).toMatchObject({ name: 'EmptyBatchRequest', operation: 'DeleteMessageBatch' });
  });

  test('keeps a long poll of every caller in flight at once', async () => {
    const queueUrl = await createQueue('lanes');
    const started = performance.now();

    const received = await Promise.all(
      Array.from({ length: 4 }, () => client.receiveMessage({ QueueUrl: queueUrl, WaitTimeSeconds: 1 })),
    );

    // On one connection, the polls would wait their 1 s one after the other.
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(received).toStrictEqual([{}, {}, {}, {}]);
  });
});

describe('SqsJsonProtocolClient against responses SQS never sends', () => {
  const message = {
    MessageId: 'm-1',
    ReceiptHandle: 'r-1',
    Body: 'order 1',
    MD5OfBody: md5OfBody('order 1'),
  };
  const attributes = { source: { DataType: 'String', StringValue: 'web' } };

  test.each([
    ['a body that does not match MD5OfBody', { ...message, Body: 'order 2' }, 'MD5OfBody'],
    [
      'message attributes that do not match MD5OfMessageAttributes',
      {
        ...message,
        MessageAttributes: attributes,
        MD5OfMessageAttributes: md5OfMessageAttributes({
          source: { DataType: 'String', StringValue: 'app' },
        }),
      },
      'MD5OfMessageAttributes',
    ],
    [
      'message attributes without their MD5',
      { ...message, MessageAttributes: attributes },
      'MD5OfMessageAttributes',
    ],
  ])('refuses a receive with %s', async (_case, received, field) => {
    const fake = await fakeEndpoint((_request, response) =>
      answerJson(response, 200, { Messages: [received] }),
    );
    const client = clientFor(fake.endpoint);

    const error = await errorOf(client.receiveMessage({ QueueUrl: `${fake.endpoint}/000000000000/orders` }));
    client.close();
    await fake.close();

    expect(error).toBeInstanceOf(Md5MismatchError);
    expect(error).toMatchObject({ field, messageIds: ['m-1'] });
    expect(error.message).toMatch(new RegExp(`${field} does not match .* m-1`));
  });

  test.each([
    [
      'an error type without namespace, as the gateway sends it',
      503,
      '{"__type":"ServiceUnavailableException","message":"the local cloud is still starting"}',
      { name: 'ServiceUnavailableException', message: 'the local cloud is still starting', statusCode: 503 },
    ],
    [
      'a body that is no AWS error',
      502,
      'local cloud gateway: connect ECONNREFUSED',
      {
        name: 'UnknownError',
        message:
          'ReceiveMessage answered HTTP 502 without an AWS error: local cloud gateway: connect ECONNREFUSED',
        statusCode: 502,
      },
    ],
  ])('throws %s as a named error', async (_case, status, body, expected) => {
    const fake = await fakeEndpoint((_request, response) => answerJson(response, status, body));
    const client = clientFor(fake.endpoint);

    const error = await errorOf(client.receiveMessage({ QueueUrl: `${fake.endpoint}/000000000000/orders` }));
    client.close();
    await fake.close();

    expect(error).toBeInstanceOf(SqsServiceError);
    expect(error).toMatchObject(expected);
  });

  test('sends a request again on a new connection when the endpoint closed the kept-alive one it reused', async () => {
    const requestsOnSocket = new WeakMap<Socket, number>();
    const fake = await fakeEndpoint((_request, response, socket) => {
      const count = (requestsOnSocket.get(socket) ?? 0) + 1;
      requestsOnSocket.set(socket, count);
      if (count === 2) socket.destroy();
      else answerJson(response, 200, {});
    });
    const client = clientFor(fake.endpoint);
    const QueueUrl = `${fake.endpoint}/000000000000/orders`;

    await client.receiveMessage({ QueueUrl });
    const second = await client.receiveMessage({ QueueUrl });
    client.close();
    await fake.close();

    expect(second).toStrictEqual({});
    expect(fake.requests).toBe(3);
  });
});
