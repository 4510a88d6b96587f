import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import { isSnsRequest, type SnsServer, type SnsService } from '../../src/sns';
import { rawPost } from '../support/raw-post';
import { testServer } from './support';

/** Posts a form to the server, unsigned, and gives the status and XML body. */
function post(endpoint: string, form: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${endpoint}/`,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(form);
  });
}

describe('the SNS Query protocol on the wire', () => {
  let server: SnsServer;
  let service: SnsService;
  const topicArn = 'arn:aws:sns:us-east-1:000000000000:wire';

  beforeEach(async () => {
    ({ server, service } = await testServer());
  });

  afterEach(async () => {
    await server.close();
    await service.close();
  });

  it('answers in the SNS namespace with a Result and ResponseMetadata', async () => {
    const { status, body } = await post(server.endpoint, 'Action=CreateTopic&Version=2010-03-31&Name=wire');
    expect(status).toBe(200);
    expect(body).toMatch(
      /^<CreateTopicResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:000000000000:wire<\/TopicArn><\/CreateTopicResult><ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/CreateTopicResponse>$/,
    );
  });

  it('writes attribute maps as entry/key/value', async () => {
    await post(server.endpoint, 'Action=CreateTopic&Version=2010-03-31&Name=wire');
    const { body } = await post(
      server.endpoint,
      `Action=GetTopicAttributes&Version=2010-03-31&TopicArn=${topicArn}`,
    );
    expect(body).toContain(`<Attributes><entry><key>Policy</key><value>`);
    expect(body).toContain(`<entry><key>TopicArn</key><value>${topicArn}</value></entry>`);
  });

  it('answers errors with the ErrorResponse shape', async () => {
    const { status, body } = await post(
      server.endpoint,
      `Action=Publish&Version=2010-03-31&TopicArn=${topicArn}&Message=hi`,
    );
    expect(status).toBe(404);
    expect(body).toMatch(
      /^<ErrorResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><Error><Type>Sender<\/Type><Code>NotFound<\/Code><Message>Topic does not exist<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it('refuses unknown actions and malformed topic ARNs', async () => {
    const unknown = await post(server.endpoint, 'Action=CreatePlatformApplication&Version=2010-03-31');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<Code>InvalidAction</Code>');
    const malformed = await post(
      server.endpoint,
      'Action=GetTopicAttributes&Version=2010-03-31&TopicArn=nope',
    );
    expect(malformed.body).toContain('<Message>Invalid parameter: TopicArn</Message>');
  });

  it('reads the bare-name form of empty lists and maps (botocore, Debian CLI)', async () => {
    const created = await post(
      server.endpoint,
      'Action=CreateTopic&Version=2010-03-31&Name=wire&Attributes=&Tags=',
    );
    expect(created.status).toBe(200);
    const untagged = await post(
      server.endpoint,
      `Action=UntagResource&Version=2010-03-31&ResourceArn=${topicArn}&TagKeys=`,
    );
    expect(untagged.status).toBe(200);
    const emptyBatch = await post(
      server.endpoint,
      `Action=PublishBatch&Version=2010-03-31&TopicArn=${topicArn}&PublishBatchRequestEntries=`,
    );
    expect(emptyBatch.body).toContain('<Code>EmptyBatchRequest</Code>');
    const subscribed = await post(
      server.endpoint,
      `Action=Subscribe&Version=2010-03-31&TopicArn=${topicArn}&Protocol=email&Endpoint=a%40b.c&Attributes=`,
    );
    expect(subscribed.body).toContain('<SubscriptionArn>');
  });

  it('serves the UnsubscribeURL of a notification as an unsigned GET', async () => {
    await post(server.endpoint, 'Action=CreateTopic&Version=2010-03-31&Name=wire');
    const subscribed = await post(
      server.endpoint,
      `Action=Subscribe&Version=2010-03-31&TopicArn=${topicArn}&Protocol=email&Endpoint=a%40b.c`,
    );
    const arn = /<SubscriptionArn>([^<]+)</.exec(subscribed.body)?.[1] as string;
    const link = `${server.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(arn)}`;
    const answer = await fetch(link);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toMatch(/^<UnsubscribeResponse/);
    expect(service.model.listSubscriptions(undefined).items).toEqual([]);
  });

  it('answers a bug with InternalError, as the service is at fault, and stays up', async () => {
    const listTopics = service.model.listTopics.bind(service.model);
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    service.model.listTopics = () => {
      throw new Error('a bug');
    };
    const failed = await post(server.endpoint, 'Action=ListTopics&Version=2010-03-31');
    quiet.mockRestore();
    expect(failed.status).toBe(500);
    expect(failed.body).toContain('<Type>Receiver</Type><Code>InternalError</Code>');
    service.model.listTopics = listTopics;
    expect((await post(server.endpoint, 'Action=ListTopics&Version=2010-03-31')).status).toBe(200);
  });

  it('answers a result-less action with no Result element', async () => {
    await post(server.endpoint, 'Action=CreateTopic&Version=2010-03-31&Name=wire');
    const { body } = await post(
      server.endpoint,
      `Action=DeleteTopic&Version=2010-03-31&TopicArn=${topicArn}`,
    );
    expect(body).toMatch(/^<DeleteTopicResponse xmlns="[^"]+"><ResponseMetadata>/);
  });

  it('tells SNS requests from others by their signature or an unsigned Version', () => {
    const requestWith = (headers: Record<string, string>, url = '/') =>
      ({ headers, url }) as unknown as IncomingMessage;
    const signed = (service: string) => ({
      authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=x`,
    });
    expect(isSnsRequest(requestWith(signed('sns')))).toBe(true);
    expect(isSnsRequest(requestWith(signed('sqs')))).toBe(false);
    expect(isSnsRequest(requestWith({}, '/?Action=ListTopics&Version=2010-03-31'))).toBe(true);
    expect(isSnsRequest(requestWith({}, '/?Action=ListQueues&Version=2012-11-05'))).toBe(false);
    const unsubscribeLink = `/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(`${topicArn}:id`)}`;
    expect(isSnsRequest(requestWith({}, unsubscribeLink))).toBe(true);
  });
});

describe('the SNS endpoint refuses what it cannot read', () => {
  let server: SnsServer;
  let service: SnsService;

  beforeAll(async () => {
    ({ server, service } = await testServer());
  });

  afterAll(async () => {
    await server.close();
    await service.close();
  });

  it('answers bad percent-encoding with MalformedQueryString instead of reading the text as it is', async () => {
    const { status, body } = await post(
      server.endpoint,
      'Action=CreateTopic&Version=2010-03-31&Name=bad%E0%A4%A',
    );

    expect(status).toBe(400);
    expect(body).toContain('<Type>Sender</Type><Code>MalformedQueryString</Code>');
    expect(service.model.listTopics(undefined).items).toStrictEqual([]);
  });

  it("answers a request for another Host with SNS's AuthorizationError, in XML", async () => {
    const { status, body } = await rawPost(
      `${server.endpoint}/`,
      { host: 'evil.example.com', 'content-type': 'application/x-www-form-urlencoded' },
      'Action=ListTopics&Version=2010-03-31',
    );

    expect(status).toBe(403);
    expect(body).toMatch(
      /^<ErrorResponse xmlns="http:\/\/sns\.amazonaws\.com\/doc\/2010-03-31\/"><Error><Type>Sender<\/Type><Code>AuthorizationError<\/Code><Message>the local cloud answers only requests addressed to 127\.0\.0\.1 or localhost \(Host: evil\.example\.com\)<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });
});
