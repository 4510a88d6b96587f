import { GROUP, seededLogsApi } from './logs-api-fixture';

// The Logs API over raw HTTP: requests no SDK would send, and requests it leaves to the server.
describe('logsApi through the AWS SDK', () => {
  const fixture = seededLogsApi();
  let endpoint: string;
  beforeAll(() => {
    ({ endpoint } = fixture);
  });

  describe('over raw HTTP', () => {
    async function call(target: string, body: string): Promise<{ status: number; text: string }> {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
        body,
      });
      return { status: response.status, text: await response.text() };
    }

    test('answers an unknown operation and a malformed body with their errors', async () => {
      const unknown = await call('Logs_20140328.StartLiveTail', '{}');
      const malformed = await call('Logs_20140328.DescribeLogGroups', '{not json');

      expect(unknown.status).toBe(400);
      expect(JSON.parse(unknown.text)).toMatchObject({ __type: 'UnknownOperationException' });
      expect(JSON.parse(malformed.text)).toMatchObject({ __type: 'SerializationException' });
    });

    test('refuses parameters of the wrong type with InvalidParameterException', async () => {
      const streams = await call(
        'Logs_20140328.FilterLogEvents',
        JSON.stringify({ logGroupName: GROUP, logStreamNames: 'not a list' }),
      );
      const limit = await call('Logs_20140328.DescribeLogGroups', JSON.stringify({ limit: 51 }));

      expect(streams.status).toBe(400);
      expect(JSON.parse(streams.text)).toStrictEqual({
        __type: 'InvalidParameterException',
        message: 'logStreamNames must be a list of strings (given "not a list")',
      });
      expect(JSON.parse(limit.text)).toStrictEqual({
        __type: 'InvalidParameterException',
        message: 'limit must be between 1 and 50 (given 51)',
      });
    });

    test('leaves requests for other services to the server', async () => {
      const other = await call('AmazonSQS.ListQueues', '{}');

      expect(other.status).toBe(418);
    });
  });
});
