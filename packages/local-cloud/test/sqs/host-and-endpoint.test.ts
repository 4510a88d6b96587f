import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { parseArguments } from '../../src/sqs/cli';
import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { jsonRequest, queryRequest, rawRequest } from './http';
import { sqsClient } from './support';

const GATEWAY = 'http://127.0.0.1:4566';

describe('local SQS endpoint: advertised endpoint and local Host guard', () => {
  let server: SqsServer;
  let sqs: SQSClient;

  beforeAll(async () => {
    server = await startSqsServer({ port: 0, advertisedEndpoint: `${GATEWAY}/` });
    sqs = sqsClient(server.endpoint, 'json');
  });

  afterAll(async () => {
    sqs?.destroy();
    await server?.close();
  });

  it('hands out queue URLs on the advertised endpoint and serves them on its own port', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'behind-gateway' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'through the gateway' }));
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));

    expect(QueueUrl).toBe(`${GATEWAY}/000000000000/behind-gateway`);
    expect(server.queueUrlBase).toBe(GATEWAY);
    expect(server.endpoint).not.toBe(GATEWAY);
    expect(Messages.map((message) => message.Body)).toStrictEqual(['through the gateway']);
  });

  it('finds the queue by its path whatever host the queue URL or the request names', async () => {
    await jsonRequest(server.endpoint, 'CreateQueue', '{"QueueName":"by-path"}');
    const byOwnAddress = await jsonRequest(
      server.endpoint,
      'SendMessage',
      JSON.stringify({ QueueUrl: `${server.endpoint}/000000000000/by-path`, MessageBody: 'a' }),
    );
    const byQueryPath = await queryRequest(
      server.endpoint,
      'Action=SendMessage&MessageBody=b',
      '/000000000000/by-path',
    );

    expect(byOwnAddress.status).toBe(200);
    expect(byQueryPath.status).toBe(200);
  });

  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST:1234', '127.0.0.1:4566'])(
    'accepts Host %s',
    async (host) => {
      const response = await rawRequest(server.endpoint, {
        headers: {
          host,
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'AmazonSQS.ListQueues',
        },
        body: '{}',
      });

      expect(response.status).toBe(200);
    },
  );

  it('refuses a JSON request whose Host is not local with AccessDenied, 403, in the JSON shape', async () => {
    const response = await rawRequest(server.endpoint, {
      headers: {
        host: 'rebound.attacker.example:9324',
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.ListQueues',
      },
      body: '{}',
    });

    expect(response.status).toBe(403);
    expect(response.headers['x-amzn-query-error']).toBe('AccessDenied;Sender');
    expect(JSON.parse(response.body)).toMatchObject({
      __type: 'com.amazonaws.sqs#AccessDeniedException',
      message: expect.stringMatching(/rebound\.attacker\.example/),
    });
  });

  it('refuses a Query request whose Host is not local with AccessDenied in the XML shape', async () => {
    const response = await rawRequest(server.endpoint, {
      headers: { host: '127.0.0.1.nip.io', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues',
    });

    expect(response.status).toBe(403);
    expect(response.body).toContain('<Code>AccessDenied</Code>');
    expect(response.body).toContain('<Type>Sender</Type>');
  });

  it('accepts the advertised host when it is not a loopback name', async () => {
    const named = await startSqsServer({ port: 0, advertisedEndpoint: 'http://sqs.local.test:4566' });
    try {
      const request = (host: string) =>
        rawRequest(named.endpoint, {
          headers: {
            host,
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': 'AmazonSQS.ListQueues',
          },
          body: '{}',
        });

      expect((await request('sqs.local.test:4566')).status).toBe(200);
      expect((await request('other.local.test:4566')).status).toBe(403);
    } finally {
      await named.close();
    }
  });

  it('fails on an advertised endpoint that is not an http(s) base URL, naming the option', async () => {
    await expect(startSqsServer({ port: 0, advertisedEndpoint: 'ftp://127.0.0.1' })).rejects.toThrow(
      /advertisedEndpoint must be an http or https URL without query or fragment \(given ftp:\/\/127\.0\.0\.1\)/,
    );
    expect(() => parseArguments(['--advertised-endpoint', 'not a url'])).toThrow(
      /--advertised-endpoint must be an http or https URL without query or fragment \(given not a url\)/,
    );
    expect(parseArguments(['--advertised-endpoint', GATEWAY])).toMatchObject({ advertisedEndpoint: GATEWAY });
  });
});
