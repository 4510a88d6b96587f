import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/clock';
import { postToLoopback } from '../../src/sns';
import { queueArn, testService } from './support';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:hooks';

describe('SNS delivery to loopback http endpoints', () => {
  let server: Server;
  let url: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  let status = 200;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    received.length = 0;
    status = 200;
  });

  it('posts the envelope, or the raw message, with the SNS headers', async () => {
    const { service, targets } = testService();
    targets.postHttp = postToLoopback;
    service.model.createTopic('hooks', {}, {});
    const enveloped = service.model.subscribe(TOPIC, 'http', url, {});
    service.model.subscribe(TOPIC, 'http', `${url}?raw`, { RawMessageDelivery: 'true' });
    const { messageId } = service.publish(TOPIC, { message: 'ping', messageAttributes: {} });
    await service.idle();
    const byRaw = Object.fromEntries(received.map((post) => [post.headers['x-amz-sns-rawdelivery'], post]));
    expect(JSON.parse(byRaw.false.body)).toMatchObject({
      Type: 'Notification',
      MessageId: messageId,
      Message: 'ping',
    });
    expect(byRaw.false.headers).toMatchObject({
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': 'Notification',
      'x-amz-sns-message-id': messageId,
      'x-amz-sns-topic-arn': TOPIC,
      'x-amz-sns-subscription-arn': enveloped.arn,
    });
    expect(byRaw.true.body).toBe('ping');
  });

  it('retries an endpoint that fails, then dead-letters the message', async () => {
    const { service, targets } = testService({ retryDelaysMs: [1, 1], clock: systemClock });
    targets.postHttp = postToLoopback;
    status = 503;
    service.model.createTopic('hooks', {}, {});
    service.model.subscribe(TOPIC, 'http', url, {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('dlq') }),
    });
    service.publish(TOPIC, { message: 'ping', messageAttributes: {} });
    await service.idle();
    expect(received).toHaveLength(3);
    expect(targets.queues.get(queueArn('dlq'))?.[0].messageAttributes.ErrorMessage?.StringValue).toContain(
      'HTTP 503',
    );
  });

  it('refuses to post anywhere but this machine', async () => {
    await expect(postToLoopback('http://example.com/', 'x', {})).rejects.toThrow('not a loopback address');
  });
});
