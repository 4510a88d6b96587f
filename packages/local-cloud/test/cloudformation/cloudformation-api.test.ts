import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudFormationApi } from '../../src/cloudformation';
import { rawPost } from '../support/raw-post';

const STACK = {
  stackName: 'OrderPipeline',
  outputs: { QueueUrl: 'http://127.0.0.1:4566/000000000000/Orders&<1>' },
  environment: { accountId: '000000000000', region: 'us-east-1', partition: 'aws' },
};

const SIGNED_FOR_CLOUDFORMATION = {
  'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  authorization:
    'AWS4-HMAC-SHA256 Credential=test/20261203/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0',
};

describe('the local CloudFormation API on the wire (Query protocol)', () => {
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    const api = cloudFormationApi([STACK]);
    server = createServer((request, response) => {
      void api(request, response).then((handled) => {
        if (!handled) response.writeHead(418).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (form: string) => rawPost(endpoint, SIGNED_FOR_CLOUDFORMATION, form);

  it('answers DescribeStacks with the XML declaration, the stack and its escaped outputs', async () => {
    const { status, body } = await post('Action=DescribeStacks&Version=2010-05-15&StackName=OrderPipeline');

    expect(status).toBe(200);
    expect(body).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?><DescribeStacksResponse xmlns="http:\/\/cloudformation\.amazonaws\.com\/doc\/2010-05-15\/"><DescribeStacksResult><Stacks><member><StackId>arn:aws:cloudformation:us-east-1:000000000000:stack\/OrderPipeline\/[0-9a-f-]{36}<\/StackId><StackName>OrderPipeline<\/StackName>/,
    );
    expect(body).toContain(
      '<Outputs><member><OutputKey>QueueUrl</OutputKey><OutputValue>http://127.0.0.1:4566/000000000000/Orders&amp;&lt;1&gt;</OutputValue></member></Outputs>',
    );
  });

  it('answers an unknown stack with a ValidationError, the sender at fault', async () => {
    const { status, body } = await post('Action=DescribeStacks&Version=2010-05-15&StackName=Other');

    expect(status).toBe(400);
    expect(body).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?><ErrorResponse xmlns="http:\/\/cloudformation\.amazonaws\.com\/doc\/2010-05-15\/"><Error><Type>Sender<\/Type><Code>ValidationError<\/Code><Message>Stack with id Other does not exist<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it('answers another action with InvalidAction', async () => {
    const { status, body } = await post('Action=CreateStack&Version=2010-05-15&StackName=s');

    expect(status).toBe(400);
    expect(body).toContain(
      '<Code>InvalidAction</Code><Message>CreateStack is not an action of the local CloudFormation API</Message>',
    );
  });

  it('answers bad percent-encoding with MalformedQueryString', async () => {
    const { status, body } = await post('Action=DescribeStacks&StackName=%ZZ');

    expect(status).toBe(400);
    expect(body).toContain('<Code>MalformedQueryString</Code>');
  });

  it('answers a body over 64 KiB with a 413 ValidationError', async () => {
    const { status, body } = await post(`Action=DescribeStacks&StackName=${'x'.repeat(66 * 1024)}`);

    expect(status).toBe(413);
    expect(body).toContain('<Code>ValidationError</Code>');
  });
});
