import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ManualClock } from '../../src/clock';
import { LogsService, logsApi } from '../../src/logs';

export const NOW = Date.UTC(2026, 0, 1, 12);
export const GROUP = '/aws/lambda/OrderPipeline-ProcessOrders';
export const STREAM_A = '2026/01/01/[$LATEST]aaaaaaaa000000000000000000000000';
export const STREAM_B = '2026/01/01/[$LATEST]bbbbbbbb000000000000000000000000';

/** A Powertools log line as the stack's functions write them. */
export function powertools(level: string, message: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ level, message, service: 'ProcessOrders', ...fields });
}

/** Awaits `promise` and returns the name and message of the error it rejects with; fails if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

/** The Logs service behind `logsApi` on a loopback port, and an SDK client for it. */
export class LogsApiFixture {
  readonly clock = new ManualClock(NOW);
  readonly logs = new LogsService({ clock: this.clock });
  /** The SDK client; it asks for the endpoint at each request, so it exists before the server listens. */
  readonly client = new CloudWatchLogsClient({
    endpoint: async () => ({ url: new URL(this.endpoint) }),
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  private started?: { readonly server: Server; readonly endpoint: string };

  /** The server's base URL; set once the suite's `beforeAll` has run. */
  get endpoint(): string {
    return this.connection().endpoint;
  }

  /**
   * Seeds one function's group with two streams, events 10 ms apart (a START line, a Powertools
   * ERROR, a Powertools INFO and a REPORT), then serves the API; other requests get a 418.
   */
  async start(): Promise<void> {
    this.seed();
    const api = logsApi(this.logs);
    const server = createServer(async (request, response) => {
      if (!(await api(request, response))) response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.started = { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  async stop(): Promise<void> {
    this.client.destroy();
    if (!this.started) return;
    const { server } = this.started;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private seed(): void {
    const { logs, clock } = this;
    logs.createLogGroup(GROUP, 'ProcessOrders');
    logs.createLogStream(GROUP, STREAM_A);
    logs.createLogStream(GROUP, STREAM_B);
    logs.putLogEvents(GROUP, STREAM_A, ['START RequestId: a Version: $LATEST']);
    clock.advance(10);
    logs.putLogEvents(GROUP, STREAM_B, [
      'START RequestId: b Version: $LATEST',
      powertools('ERROR', 'order rejected', { orderId: 'o-1', reason: 'not JSON', attempt: 1 }),
    ]);
    clock.advance(10);
    logs.putLogEvents(GROUP, STREAM_A, [
      powertools('INFO', 'order stored', { orderId: 'o-2', attempt: 2 }),
      'REPORT RequestId: a Duration: 3.00 ms',
    ]);
  }

  private connection(): { readonly endpoint: string } {
    if (!this.started) throw new Error('the Logs API starts in beforeAll, before the first test');
    return this.started;
  }
}

/** A seeded Logs API that starts before the enclosing `describe`'s tests and stops after them. */
export function seededLogsApi(): LogsApiFixture {
  const fixture = new LogsApiFixture();
  beforeAll(() => fixture.start());
  afterAll(() => fixture.stop());
  return fixture;
}
