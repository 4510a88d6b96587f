import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogsService, logsApi } from '../../src/logs';
import { type AwsCliResult, runAwsCli } from '../../src/testing/aws-cli-driver';
import { notRunHere } from '../../src/testing/not-run-here';
import { type AwsCli, awsCliEnvironment, debianAwsCli } from '../sqs/aws-cli';

const GROUP = '/aws/lambda/OrderPipeline-ProcessOrders';
const STREAM_A = '2026/01/01/[$LATEST]aaaaaaaa000000000000000000000000';
const STREAM_B = '2026/01/01/[$LATEST]bbbbbbbb000000000000000000000000';
const REJECTED = JSON.stringify({
  level: 'ERROR',
  message: 'order rejected',
  messageId: 'm-1',
  reason: 'the message body is not JSON',
});
const STORED = JSON.stringify({ level: 'INFO', message: 'order stored', messageId: 'm-2', orderId: 'o-2' });

/** `aws tail --follow` polls every 5 seconds; this bounds how long a test waits for a line. */
const FOLLOW_WAIT_MS = 30_000;

const cli = debianAwsCli();

function run(found: AwsCli, endpoint: string, args: string[]): Promise<AwsCliResult> {
  return runAwsCli(found.path, ['--endpoint-url', endpoint, '--output', 'json', 'logs', ...args], {
    env: awsCliEnvironment(),
  });
}

/** Resolves once `text()` contains `wanted`, or rejects after `timeoutMs`. */
async function waitFor(text: () => string, wanted: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!text().includes(wanted)) {
    if (Date.now() > deadline)
      throw new Error(`"${wanted}" did not appear within ${timeoutMs} ms; got:\n${text()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (typeof cli === 'string') {
  describe('local CloudWatch Logs through the AWS CLI', () => {
    notRunHere('AWS CLI logs tests skipped', cli);
  });
} else {
  const found: AwsCli = cli;

  describe(`local CloudWatch Logs through the AWS CLI (${found.version})`, () => {
    // The CLI computes --since from the wall clock, so these logs live on it too.
    const logs = new LogsService();
    let server: Server;
    let endpoint: string;
    const followers: ChildProcess[] = [];
    const aws = (...args: string[]) => run(found, endpoint, args);

    beforeAll(async () => {
      logs.createLogGroup(GROUP, 'ProcessOrders');
      logs.createLogStream(GROUP, STREAM_A);
      logs.createLogStream(GROUP, STREAM_B);
      logs.putLogEvents(GROUP, STREAM_A, ['START RequestId: a1 Version: $LATEST', STORED]);
      logs.putLogEvents(GROUP, STREAM_B, ['START RequestId: b1 Version: $LATEST', REJECTED]);
      logs.putLogEvents(GROUP, STREAM_A, ['REPORT RequestId: a1 Duration: 3.00 ms']);
      const api = logsApi(logs);
      server = createServer(async (request, response) => {
        if (!(await api(request, response))) response.writeHead(418).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      for (const follower of followers) follower.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    test('`aws logs filter-log-events --filter-pattern \'{ $.level = "ERROR" }\'` finds the rejection', async () => {
      const result = await aws(
        'filter-log-events',
        '--log-group-name',
        GROUP,
        '--filter-pattern',
        '{ $.level = "ERROR" }',
      );

      expect(result.stderr).toBe('');
      const events = (JSON.parse(result.stdout) as { events: Record<string, unknown>[] }).events;
      expect(events.map((event) => [event.logStreamName, event.message])).toStrictEqual([
        [STREAM_B, REJECTED],
      ]);
      expect(events[0].eventId).toMatch(/^\d{56}$/);
    }, 120_000);

    test("`aws logs tail --since 1h` shows every stream's lines, each after its stream's name", async () => {
      const result = await aws('tail', GROUP, '--since', '1h', '--format', 'detailed');

      expect(result.code).toBe(0);
      const lines = result.stdout.trim().split('\n');
      expect(lines.map((line) => line.split(' ').slice(1).join(' '))).toStrictEqual([
        `${STREAM_A} START RequestId: a1 Version: $LATEST`,
        `${STREAM_A} ${STORED}`,
        `${STREAM_B} START RequestId: b1 Version: $LATEST`,
        `${STREAM_B} ${REJECTED}`,
        `${STREAM_A} REPORT RequestId: a1 Duration: 3.00 ms`,
      ]);
    }, 120_000);

    test('`aws logs tail --since 10m --filter-pattern` shows only the matching lines', async () => {
      const result = await aws(
        'tail',
        GROUP,
        '--since',
        '10m',
        '--filter-pattern',
        '?REPORT ?"order stored"',
      );

      expect(result.code).toBe(0);
      expect(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => line.split(' ').slice(2).join(' ')),
      ).toStrictEqual([STORED, 'REPORT RequestId: a1 Duration: 3.00 ms']);
    }, 120_000);

    test('`aws logs get-log-events` reads one stream from the head', async () => {
      const result = await aws(
        'get-log-events',
        '--log-group-name',
        GROUP,
        '--log-stream-name',
        STREAM_A,
        '--start-from-head',
      );

      const answer = JSON.parse(result.stdout) as { events: { message: string }[]; nextForwardToken: string };
      expect(answer.events.map((event) => event.message)).toStrictEqual([
        'START RequestId: a1 Version: $LATEST',
        STORED,
        'REPORT RequestId: a1 Duration: 3.00 ms',
      ]);
      expect(answer.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    }, 120_000);

    test('an invalid pattern fails with InvalidParameterException, as against CloudWatch Logs', async () => {
      const result = await aws(
        'filter-log-events',
        '--log-group-name',
        GROUP,
        '--filter-pattern',
        '{ $.level = }',
      );

      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(
        '(InvalidParameterException) when calling the FilterLogEvents operation',
      );
    }, 120_000);

    test('the write side: create-log-group, put-retention-policy, create-log-stream, put-log-events', async () => {
      const group = '/my/tooling';
      await aws('create-log-group', '--log-group-name', group);
      await aws('put-retention-policy', '--log-group-name', group, '--retention-in-days', '30');
      await aws('create-log-stream', '--log-group-name', group, '--log-stream-name', 'run-1');
      const put = await aws(
        'put-log-events',
        '--log-group-name',
        group,
        '--log-stream-name',
        'run-1',
        '--log-events',
        JSON.stringify([{ timestamp: Date.now(), message: 'hello from my tool' }]),
      );
      const described = await aws('describe-log-groups', '--log-group-name-prefix', group);

      expect(put.code).toBe(0);
      expect((JSON.parse(described.stdout) as { logGroups: unknown[] }).logGroups).toStrictEqual([
        expect.objectContaining({ logGroupName: group, retentionInDays: 30 }),
      ]);
      expect(logs.getLogEvents(group, 'run-1').map((event) => event.message)).toStrictEqual([
        'hello from my tool',
      ]);
    }, 120_000);

    test('`aws logs tail --follow` prints an event put after it started, once', async () => {
      const follower = spawn(
        found.path,
        ['--endpoint-url', endpoint, 'logs', 'tail', GROUP, '--follow', '--since', '1h'],
        {
          // Python buffers a pipe in blocks; a terminal would see each line as it comes.
          env: { ...awsCliEnvironment(), PYTHONUNBUFFERED: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      followers.push(follower);
      let output = '';
      follower.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      follower.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      follower.on('exit', (code, signal) => {
        output += `\n[exited ${code ?? signal}]`;
      });
      follower.on('error', (error) => {
        output += `\n[failed to start: ${error.message}]`;
      });

      try {
        await waitFor(() => output, 'REPORT RequestId: a1', FOLLOW_WAIT_MS);
        logs.putLogEvents(GROUP, STREAM_B, ['REPORT RequestId: b1 Duration: 7.00 ms']);
        await waitFor(() => output, 'REPORT RequestId: b1', FOLLOW_WAIT_MS);
        // One more poll: the newest timestamp's events come back and must not be printed again.
        await new Promise((resolve) => setTimeout(resolve, 6_000));
      } finally {
        follower.kill('SIGKILL');
      }

      expect(output.split('\n').filter((line) => line.includes('REPORT RequestId: b1'))).toHaveLength(1);
      expect(output.split('\n').filter((line) => line.includes('START RequestId: a1'))).toHaveLength(1);
    }, 90_000);
  });
}
