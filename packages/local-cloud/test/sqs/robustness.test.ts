import { ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { md5OfBody } from '../../src/sqs/md5';
import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { jsonRequest, queryRequest, rawRequest } from './http';
import { eventually, sqsClient } from './support';

const MAX_REQUEST_BYTES = 64 * 1024;

describe('local SQS endpoint: malformed and hostile requests', () => {
  let server: SqsServer;
  let sqs: SQSClient;
  let queueUrl: string;

  beforeAll(async () => {
    server = await startSqsServer({ port: 0, maxRequestBytes: MAX_REQUEST_BYTES });
    sqs = sqsClient(server.endpoint, 'json');
    const created = await jsonRequest(server.endpoint, 'CreateQueue', '{"QueueName":"robust"}');
    queueUrl = JSON.parse(created.body).QueueUrl;
  });

  afterAll(async () => {
    sqs?.destroy();
    await server?.close();
  });

  async function stillServes(): Promise<void> {
    const response = await jsonRequest(server.endpoint, 'GetQueueUrl', '{"QueueName":"robust"}');
    expect(response.status).toBe(200);
  }

  it('listens on 127.0.0.1 only', async () => {
    expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(startSqsServer({ port: 0, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(
      /only listens on 127\.0\.0\.1/,
    );
  });

  it('answers malformed JSON with SerializationException', async () => {
    const truncated = await jsonRequest(server.endpoint, 'SendMessage', '{"QueueUrl": "x", "MessageBody": ');
    const array = await jsonRequest(server.endpoint, 'SendMessage', '[1, 2]');

    expect(truncated.status).toBe(400);
    expect(JSON.parse(truncated.body).__type).toBe('com.amazonaws.sqs#SerializationException');
    expect(array.status).toBe(400);
    await stillServes();
  });

  it('answers a JSON error with __type and the x-amzn-query-error header', async () => {
    const response = await jsonRequest(server.endpoint, 'GetQueueUrl', '{"QueueName":"missing"}');

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(response.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(JSON.parse(response.body)).toStrictEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
  });

  it('answers unknown operations and actions in each protocol', async () => {
    const json = await jsonRequest(server.endpoint, 'LaunchRocket', '{}');
    const query = await queryRequest(server.endpoint, 'Action=LaunchRocket&Version=2012-11-05');
    const noAction = await queryRequest(server.endpoint, 'Version=2012-11-05');

    expect(json.status).toBe(400);
    expect(JSON.parse(json.body).__type).toBe('com.amazonaws.sqs#UnknownOperationException');
    expect(query.status).toBe(400);
    expect(query.body).toContain('<Code>InvalidAction</Code>');
    expect(noAction.body).toContain('<Code>MissingParameter</Code>');
  });

  it('answers missing parameters with MissingParameter', async () => {
    const json = await jsonRequest(server.endpoint, 'SendMessage', '{"MessageBody":"x"}');
    const query = await queryRequest(
      server.endpoint,
      `Action=SendMessage&QueueUrl=${encodeURIComponent(queueUrl)}`,
    );

    expect(json.headers['x-amzn-query-error']).toBe('MissingParameter;Sender');
    expect(JSON.parse(json.body).message).toBe('The request must contain the parameter QueueUrl.');
    expect(query.status).toBe(400);
    expect(query.body).toMatch(
      /^<\?xml version="1.0"\?><ErrorResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><Error><Type>Sender<\/Type><Code>MissingParameter<\/Code><Message>The request must contain the parameter MessageBody.<\/Message><Detail\/><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it('answers malformed form encoding with MalformedQueryString', async () => {
    const response = await queryRequest(server.endpoint, 'Action=ListQueues&QueueNamePrefix=%zz');

    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>MalformedQueryString</Code>');
    await stillServes();
  });

  it('refuses a body declared larger than the limit before reading it', async () => {
    const response = await rawRequest(server.endpoint, {
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.SendMessage',
        'content-length': String(100 * 1024 * 1024),
      },
      body: Buffer.alloc(1024, 0x20),
    });

    expect(response.status).toBe(413);
    await stillServes();
  });

  it('stops reading an endless chunked body once it passes the limit', async () => {
    let sent = 0;
    function* endless(): Generator<Buffer> {
      // Bounded so a server that never answers fails the test instead of hanging it.
      for (let index = 0; index < 100_000; index++) {
        sent += 16 * 1024;
        yield Buffer.alloc(16 * 1024, 0x41);
      }
    }

    const response = await rawRequest(server.endpoint, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: endless(),
    });

    expect(response.status).toBe(413);
    expect(response.body).toContain('<Code>RequestEntityTooLarge</Code>');
    expect(sent).toBeLessThan(100_000 * 16 * 1024);
    await stillServes();
  });

  it('gets over a client that hangs up in the middle of its body', async () => {
    const { connect } = await import('node:net');
    const url = new URL(server.endpoint);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST / HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/x-amz-json-1.0\r\n`);
        socket.write('X-Amz-Target: AmazonSQS.ListQueues\r\nContent-Length: 1000\r\n\r\n{"Queue');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 20);
      });
      socket.on('error', reject);
    });

    await stillServes();
  });

  it('serves Query requests by GET, and takes the queue URL from the path', async () => {
    const list = await rawRequest(server.endpoint, {
      method: 'GET',
      path: '/?Action=ListQueues&QueueNamePrefix=rob',
    });
    const send = await queryRequest(
      server.endpoint,
      'Action=SendMessage&MessageBody=by+path',
      '/000000000000/robust',
    );

    expect(list.status).toBe(200);
    expect(list.body).toBe(
      `<?xml version="1.0"?><ListQueuesResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><ListQueuesResult><QueueUrl>${queueUrl}</QueueUrl></ListQueuesResult><ResponseMetadata><RequestId>${list.headers['x-amzn-requestid']}</RequestId></ResponseMetadata></ListQueuesResponse>`,
    );
    expect(send.status).toBe(200);
    expect(send.body).toContain(`<MD5OfMessageBody>${md5OfBody('by path')}</MD5OfMessageBody>`);
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }),
    );
    expect(Messages?.[0].Body).toBe('by path');
  });

  it('does not hand messages to a long poll whose client has gone away', async () => {
    const QueueUrl = JSON.parse(
      (await jsonRequest(server.endpoint, 'CreateQueue', '{"QueueName":"abandoned"}')).body,
    ).QueueUrl;
    const controller = new AbortController();
    const abandoned = sqs
      .send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }), { abortSignal: controller.signal })
      .catch((error: Error) => error.name);
    expect(await eventually(() => server.model.pendingReceives(QueueUrl) === 1)).toBe(true);
    controller.abort();
    expect(await abandoned).toBe('AbortError');
    expect(await eventually(() => server.model.pendingReceives(QueueUrl) === 0)).toBe(true);

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'for the next poll' }));
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    );

    expect(Messages?.[0].Body).toBe('for the next poll');
    expect(Messages?.[0].Attributes?.ApproximateReceiveCount).toBe('1');
  });
});
