import { type DynamoDbService, startDynamoDb } from '../../src/dynamodb';
import { isLoopbackHost } from '../../src/loopback-host';
import { rawPost } from '../support/raw-post';

function post(endpoint: string, host: string): Promise<{ status?: number; body: string }> {
  return rawPost(`${endpoint}/`, {
    host,
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    'x-amz-date': '20261130T000000Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=test/20261130/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  });
}

describe('the local cloud refuses requests for another Host (DNS rebinding)', () => {
  test.each(['127.0.0.1', '127.0.0.1:4566', 'localhost:8000', '[::1]:4566', 'LOCALHOST'])(
    '%s is local',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  test.each(['evil.example.com', '127.0.0.1.evil.example', 'localhost.evil:80', '10.0.0.1', ''])(
    '%j is not',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  describe('the embedded DynamoDB', () => {
    let dynamodb: DynamoDbService;
    beforeAll(async () => {
      dynamodb = await startDynamoDb();
    });
    afterAll(() => dynamodb.stop());

    test('answers its own address, and refuses another Host before dynalite reads the request', async () => {
      const local = await post(dynamodb.endpoint, new URL(dynamodb.endpoint).host);
      const foreign = await post(dynamodb.endpoint, 'evil.example.com');

      expect(local.status).toBe(200);
      expect(JSON.parse(local.body)).toStrictEqual({ TableNames: [] });
      expect(foreign.status).toBe(403);
      expect(JSON.parse(foreign.body)).toMatchObject({ __type: 'AccessDeniedException' });
    });
  });
});
