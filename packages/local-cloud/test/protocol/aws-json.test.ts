import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError } from '../../src/protocol/aws-error';
import {
  jsonErrorReply,
  jsonResultReply,
  parseJsonRequest,
  writeJsonError,
  writeJsonResult,
} from '../../src/protocol/aws-json';

const SQS = { targetPrefix: 'AmazonSQS.' };

describe('parseJsonRequest', () => {
  it('reads the operation from X-Amz-Target and the input from the body', () => {
    expect(
      parseJsonRequest('AmazonSQS.SendMessage', '{"QueueUrl":"q","MessageBody":"b"}', SQS),
    ).toStrictEqual({
      operation: 'SendMessage',
      input: { QueueUrl: 'q', MessageBody: 'b' },
    });
  });

  it('reads an empty or blank body as no input', () => {
    expect(parseJsonRequest('AmazonSQS.ListQueues', Buffer.alloc(0), SQS).input).toStrictEqual({});
    expect(parseJsonRequest('AmazonSQS.ListQueues', ' \n', SQS).input).toStrictEqual({});
  });

  it.each([
    ['another service', 'Logs_20140328.GetLogEvents'],
    ['no operation', 'AmazonSQS.'],
    ['no target', undefined],
  ])('refuses a target naming %s as UnknownOperationException', (_what, target) => {
    expect(() => parseJsonRequest(target, '{}', SQS)).toThrow(
      expect.objectContaining({ code: 'UnknownOperationException', httpStatus: 400 }),
    );
  });

  it('refuses a body that is not JSON as SerializationException, saying why', () => {
    expect(() => parseJsonRequest('AmazonSQS.SendMessage', '{"QueueUrl":', SQS)).toThrow(
      expect.objectContaining({
        code: 'SerializationException',
        message: expect.stringMatching(/^The request body is not valid JSON: /),
      }),
    );
  });

  it.each(['[]', 'null', '"text"', '12'])('refuses the JSON %s as SerializationException', (body) => {
    expect(() => parseJsonRequest('AmazonSQS.SendMessage', body, SQS)).toThrow(
      expect.objectContaining({
        code: 'SerializationException',
        message: 'The request body must be a JSON object.',
      }),
    );
  });

  it("makes its errors with the service's errorFor", () => {
    const errorFor = (code: string, message: string) =>
      new AwsError(code, message, { queryCode: 'MalformedQueryString' });

    expect(() => parseJsonRequest('AmazonSQS.X', '{', { ...SQS, errorFor })).toThrow(
      expect.objectContaining({ code: 'SerializationException', queryCode: 'MalformedQueryString' }),
    );
  });
});

describe('jsonResultReply', () => {
  it('is a 200 with the result, the content type of the version and the request id', () => {
    expect(jsonResultReply({ QueueUrls: [] }, { requestId: 'r-1', version: '1.1' })).toStrictEqual({
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' },
      body: '{"QueueUrls":[]}',
    });
  });

  it('writes no result as {} and makes a request id when given none', () => {
    const reply = jsonResultReply(undefined);

    expect(reply.body).toBe('{}');
    expect(reply.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(reply.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('jsonErrorReply', () => {
  const queueDoesNotExist = new AwsError('QueueDoesNotExist', 'The specified queue does not exist.', {
    queryCode: 'AWS.SimpleQueueService.NonExistentQueue',
  });

  it('writes __type in the namespace, the message, the status and x-amzn-ErrorType', () => {
    expect(
      jsonErrorReply(queueDoesNotExist, { requestId: 'r-2', namespace: 'com.amazonaws.sqs' }),
    ).toStrictEqual({
      status: 400,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': 'r-2',
        'x-amzn-errortype': 'QueueDoesNotExist',
      },
      body: '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}',
    });
  });

  it('gives a query-compatible service the legacy code and fault in x-amzn-query-error', () => {
    const reply = jsonErrorReply(queueDoesNotExist, { queryCompatible: true });

    expect(reply.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(JSON.parse(reply.body)).toStrictEqual({
      __type: 'QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
  });

  it('says Receiver for a service fault', () => {
    const reply = jsonErrorReply(new AwsError('InternalError', 'x', { httpStatus: 500 }), {
      queryCompatible: true,
    });

    expect(reply.status).toBe(500);
    expect(reply.headers['x-amzn-query-error']).toBe('InternalError;Receiver');
  });
});

describe('writeJsonResult and writeJsonError over HTTP', () => {
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/ok')
        writeJsonResult(response, { done: true }, { requestId: 'ok-1', version: '1.1' });
      else
        writeJsonError(
          response,
          new AwsError('ResourceNotFoundException', 'no such group', { httpStatus: 404 }),
        );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the result with its length and request id', async () => {
    const response = await fetch(`${endpoint}/ok`, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(response.headers.get('x-amzn-requestid')).toBe('ok-1');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('content-length')).toBe('13');
    expect(await response.json()).toStrictEqual({ done: true });
  });

  it('sends the error with its status and type', async () => {
    const response = await fetch(`${endpoint}/missing`, { method: 'POST' });

    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(await response.json()).toStrictEqual({
      __type: 'ResourceNotFoundException',
      message: 'no such group',
    });
  });
});
