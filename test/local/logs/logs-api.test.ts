import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../../local/clock';
import { LogsService, logsApi } from '../../../local/logs';

const GROUP = '/aws/lambda/OrderPipeline-ProcessOrders';
const STREAM_A = '2026/01/01/[$LATEST]aaaaaaaa000000000000000000000000';
const STREAM_B = '2026/01/01/[$LATEST]bbbbbbbb000000000000000000000000';

describe('logsApi', () => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const logs = new LogsService({ clock });
  let server: Server;
  let endpoint: string;

  beforeAll(async () => {
    logs.createLogGroup(GROUP, 'ProcessOrders');
    logs.createLogStream(GROUP, STREAM_A);
    logs.createLogStream(GROUP, STREAM_B);
    logs.putLogEvents(GROUP, STREAM_A, ['START a']);
    clock.advance(10);
    logs.putLogEvents(GROUP, STREAM_B, ['START b']);
    clock.advance(10);
    logs.putLogEvents(GROUP, STREAM_A, ['REPORT a']);
    const api = logsApi(logs);
    server = createServer(async (request, response) => {
      if (!(await api(request, response))) response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function call(
    operation: string,
    input: object,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': `Logs_20140328.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  test('describes the log groups, by prefix, and their streams', async () => {
    const groups = await call('DescribeLogGroups', { logGroupNamePrefix: '/aws/lambda/' });
    const none = await call('DescribeLogGroups', { logGroupNamePrefix: '/other' });
    const streams = await call('DescribeLogStreams', { logGroupName: GROUP });

    expect(groups.body.logGroups).toStrictEqual([
      { logGroupName: GROUP, creationTime: Date.UTC(2026, 0, 1), storedBytes: 0 },
    ]);
    expect(none.body.logGroups).toStrictEqual([]);
    expect(
      (streams.body.logStreams as { logStreamName: string }[]).map((stream) => stream.logStreamName),
    ).toStrictEqual([STREAM_A, STREAM_B]);
  });

  test("returns one stream's events in order", async () => {
    const { body } = await call('GetLogEvents', {
      logGroupName: GROUP,
      logStreamName: STREAM_A,
      startFromHead: true,
    });

    expect((body.events as { message: string }[]).map((event) => event.message)).toStrictEqual([
      'START a',
      'REPORT a',
    ]);
  });

  test("filters the group's events across streams, by text and time", async () => {
    const { body } = await call('FilterLogEvents', {
      logGroupName: GROUP,
      filterPattern: 'START',
      startTime: Date.UTC(2026, 0, 1) + 5,
    });

    expect(body.events).toStrictEqual([
      {
        logStreamName: STREAM_B,
        timestamp: Date.UTC(2026, 0, 1) + 10,
        message: 'START b',
        ingestionTime: Date.UTC(2026, 0, 1) + 10,
        eventId: '0',
      },
    ]);
  });

  test("answers CloudWatch Logs' error for a missing group, and an unknown operation", async () => {
    const missing = await call('GetLogEvents', { logGroupName: '/missing', logStreamName: STREAM_A });
    const unknown = await call('PutRetentionPolicy', {});

    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ __type: 'ResourceNotFoundException' });
    expect(unknown.body).toMatchObject({ __type: 'UnknownOperationException' });
  });

  test('leaves requests for other services to the server', async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.ListQueues' },
    });

    expect(response.status).toBe(418);
  });
});
