import { type Gateway, startGateway } from '../../src/gateway';
import { rawPost } from '../support/raw-post';

const LIST_TABLES = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.ListTables',
};

describe('the gateway before it serves a cloud', () => {
  let gateway: Gateway;

  beforeAll(async () => {
    gateway = await startGateway(0);
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('answers every request with a 503 ServiceUnavailableException in the JSON error shape', async () => {
    const { status, body } = await rawPost(gateway.endpoint, {
      ...LIST_TABLES,
      host: `127.0.0.1:${gateway.port}`,
    });

    expect(status).toBe(503);
    expect(JSON.parse(body)).toStrictEqual({
      __type: 'ServiceUnavailableException',
      message: 'the local cloud is still starting',
    });
  });

  it('refuses a request for another Host with a 403 AccessDeniedException', async () => {
    const { status, body } = await rawPost(gateway.endpoint, { ...LIST_TABLES, host: 'evil.example.com' });

    expect(status).toBe(403);
    expect(JSON.parse(body)).toStrictEqual({
      __type: 'AccessDeniedException',
      message:
        'the local cloud answers only requests addressed to 127.0.0.1 or localhost (Host: evil.example.com)',
    });
  });
});
