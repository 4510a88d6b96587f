import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { queryRequest } from './http';

/**
 * boto3 and Debian's AWS CLI send an empty list on the Query protocol as the bare member name with
 * no value; SQS reads it as an empty list, and an empty batch as EmptyBatchRequest.
 */
describe('local SQS endpoint: empty lists on the Query protocol', () => {
  let server: SqsServer;
  let queueUrl: string;

  beforeAll(async () => {
    server = await startSqsServer({ port: 0 });
    const created = await queryRequest(server.endpoint, 'Action=CreateQueue&QueueName=empty-lists');
    queueUrl = /<QueueUrl>([^<]+)<\/QueueUrl>/.exec(created.body)?.[1] ?? '';
  });

  afterAll(async () => {
    await server?.close();
  });

  const call = (action: string, parameters: string) =>
    queryRequest(
      server.endpoint,
      `Action=${action}&Version=2012-11-05&QueueUrl=${encodeURIComponent(queueUrl)}&${parameters}`,
    );

  it('reads AttributeNames= and MessageAttributeNames= as empty lists on ReceiveMessage', async () => {
    await call('SendMessage', 'MessageBody=hello');

    const response = await call(
      'ReceiveMessage',
      'AttributeNames=&MessageAttributeNames=&MessageSystemAttributeNames=&VisibilityTimeout=0',
    );

    expect(response.status).toBe(200);
    expect(response.body).toContain('<Body>hello</Body>');
    expect(response.body).not.toContain('<Attribute>');
  });

  it('reads AttributeNames= as an empty list on GetQueueAttributes, and TagKeys= on UntagQueue', async () => {
    const attributes = await call('GetQueueAttributes', 'AttributeNames=');
    const untag = await call('UntagQueue', 'TagKeys=');

    expect(attributes.status).toBe(200);
    expect(attributes.body).toContain('<GetQueueAttributesResult></GetQueueAttributesResult>');
    expect(untag.status).toBe(200);
  });

  it.each([
    ['SendMessageBatch', 'SendMessageBatchRequestEntry'],
    ['DeleteMessageBatch', 'DeleteMessageBatchRequestEntry'],
    ['ChangeMessageVisibilityBatch', 'ChangeMessageVisibilityBatchRequestEntry'],
  ])('answers %s with Entries= as EmptyBatchRequest naming %s', async (action, entryName) => {
    const response = await call(action, 'Entries=');

    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>AWS.SimpleQueueService.EmptyBatchRequest</Code>');
    expect(response.body).toContain(
      `<Message>There should be at least one ${entryName} in the request.</Message>`,
    );
  });
  it('reads the flattened name with no value (AttributeName=, TagKey=) as an empty list too', async () => {
    const attributes = await call('GetQueueAttributes', 'AttributeName=');
    const untag = await call('UntagQueue', 'TagKey=');

    expect(attributes.status).toBe(200);
    expect(attributes.body).toContain('<GetQueueAttributesResult></GetQueueAttributesResult>');
    expect(untag.status).toBe(200);
  });

  it('answers SendMessageBatchRequestEntry= (the flattened name) as EmptyBatchRequest', async () => {
    const response = await call('SendMessageBatch', 'SendMessageBatchRequestEntry=');

    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>AWS.SimpleQueueService.EmptyBatchRequest</Code>');
  });
});
