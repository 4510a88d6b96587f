import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AwsCli, awsCliEnvironment, debianAwsCli, notRunHere, pathAwsCli, runAwsCli } from 'local-cloud';
import { type ServingCloud, serveLocally } from '../../tools/cli';
import { parseRunOptions } from '../../tools/run-options';
import { pipelineAssembly } from '../support/pipeline-assembly';
import { rawPost } from '../support/raw-post';

/** The AWS CLI to drive the served stack with: Debian's (CI installs it), else the one on PATH. */
function findCli(): AwsCli | string {
  const debian = debianAwsCli();
  if (typeof debian !== 'string') return debian;
  const onPath = pathAwsCli();
  return typeof onPath === 'string' ? `${debian}; ${onPath}` : onPath;
}

const cli = findCli();

async function aws(endpoint: string, args: string[]): Promise<string> {
  if (typeof cli === 'string') throw new Error(cli);
  const { stdout, stderr, code } = await runAwsCli(
    cli.path,
    ['--endpoint-url', endpoint, '--output', 'json', ...args],
    {
      env: awsCliEnvironment(),
    },
  );
  if (code !== 0) throw new Error(`aws ${args.join(' ')}: ${stderr}`);
  return stdout;
}

if (typeof cli === 'string') {
  describe('npm start -- --serve with the AWS CLI', () => {
    notRunHere('skipping the --serve tests', cli);
  });
} else {
  describe(`npm start -- --serve with the AWS CLI (${cli.version} at ${cli.path})`, () => {
    const folder = mkdtempSync(join(tmpdir(), 'order-pipeline-serve-'));
    let serving: ServingCloud;
    let printed = '';
    const outputs = () => serving.cloud.stack.outputs;

    beforeAll(async () => {
      const output = new PassThrough();
      output.on('data', (chunk) => {
        printed += chunk;
      });
      const options = parseRunOptions(['--serve', '--port', '0']);
      if (options === 'help') throw new Error('unexpected --help');
      serving = await serveLocally(options, output as unknown as NodeJS.WriteStream, {
        assemblyDirectory: pipelineAssembly(),
        logsRoot: join(folder, 'logs'),
        synthesized: true,
      });
    }, 120_000);

    afterAll(async () => {
      await serving?.stop();
      rmSync(folder, { recursive: true, force: true });
    });

    /**
     * Asks again every half second until the answer is `done`, or a minute has passed; resolves to
     * the last answer either way, for the test to assert on.
     */
    async function pollUntil<T>(read: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const answer = await read();
        if (done(answer) || Date.now() > deadline) return answer;
        await sleep(500);
      }
    }

    /** Scans a table through the CLI until it holds `count` items (bounded). */
    function waitForItems(tableName: string, count: number): Promise<Record<string, unknown>[]> {
      return pollUntil(
        async () =>
          JSON.parse(await aws(serving.endpoint, ['dynamodb', 'scan', '--table-name', tableName]))
            .Items as Record<string, unknown>[],
        (items) => items.length >= count,
      );
    }

    test('prints the endpoint and the stack outputs, whose queue URLs are on that same endpoint', async () => {
      expect(printed).toContain(`The local cloud answers at ${serving.endpoint}`);
      expect(printed).toContain(`OrdersQueueUrl = ${outputs().OrdersQueueUrl}`);
      expect(outputs().OrdersQueueUrl).toMatch(
        new RegExp(`^${serving.endpoint.replace(/\./g, '\\.')}/000000000000/OrderPipeline-`),
      );
      const { QueueUrls } = JSON.parse(await aws(serving.endpoint, ['sqs', 'list-queues']));
      expect(QueueUrls).toContain(outputs().OrdersQueueUrl);
    });

    test("prints the web console's address, on a port of its own, which serves the page", async () => {
      const address = /^Web console: (http:\/\/127\.0\.0\.1:(\d+)\/_console\/)/m.exec(printed);
      expect(address).not.toBeNull();
      expect(address?.[2]).not.toBe(new URL(serving.endpoint).port);
      const page = await fetch(address?.[1] ?? '');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('local-cloud-console-token');
    });

    test("the walkthrough's `outputs` helper works: `aws cloudformation describe-stacks` gives the local outputs", async () => {
      const answer = await aws(serving.endpoint, [
        'cloudformation',
        'describe-stacks',
        '--stack-name',
        'OrderPipeline',
        '--query',
        "Stacks[0].Outputs[?OutputKey=='OrdersQueueUrl'].OutputValue",
      ]);
      expect(JSON.parse(answer)).toStrictEqual([outputs().OrdersQueueUrl]);
    });

    test("the lecture's message (file://message.json) is rejected, and `aws logs filter-log-events` finds why", async () => {
      const sent = JSON.parse(
        await aws(serving.endpoint, [
          'sqs',
          'send-message',
          '--queue-url',
          outputs().OrdersQueueUrl,
          '--message-body',
          `file://${join(__dirname, '..', 'fixtures', 'message.json')}`,
        ]),
      );
      const events = await pollUntil(
        async () =>
          JSON.parse(
            await aws(serving.endpoint, [
              'logs',
              'filter-log-events',
              '--log-group-name',
              outputs().ProcessOrdersLogGroupName,
              '--filter-pattern',
              `"${sent.MessageId}"`,
            ]),
          ).events as { message: string; logStreamName: string }[],
        (found) => found.length > 0,
      );
      expect(events).toHaveLength(1);
      const line = JSON.parse(events[0].message);
      expect(line).toMatchObject({
        level: 'WARN',
        message: 'order rejected and forwarded to the dead-letter queue',
        messageId: sent.MessageId,
        reason: 'INVALID_ORDER',
      });
      expect(line.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^orderId: is required/)]));
    });

    test('the dead-letter alarm fires: `aws cloudwatch describe-alarms` shows it in ALARM, and the run says so', async () => {
      const alarmName = outputs().DeadLetteredOrdersAlarmName;
      const alarms = await pollUntil(
        async () =>
          JSON.parse(await aws(serving.endpoint, ['cloudwatch', 'describe-alarms', '--state-value', 'ALARM']))
            .MetricAlarms as { AlarmName: string; StateValue: string }[],
        (found) => found.length > 0,
      );
      expect(alarms.map((alarm) => alarm.AlarmName)).toContain(alarmName);
      expect(printed).toMatch(new RegExp(`ALARM  ${alarmName}: [A-Z_]+ -> ALARM \\(1 datapoint`));
    });

    test("`aws logs tail` shows the consumer's log streams and their lines", async () => {
      const { logStreams } = JSON.parse(
        await aws(serving.endpoint, [
          'logs',
          'describe-log-streams',
          '--log-group-name',
          outputs().ProcessOrdersLogGroupName,
        ]),
      );
      const tailed = await aws(serving.endpoint, [
        'logs',
        'tail',
        outputs().ProcessOrdersLogGroupName,
        '--since',
        '1d',
        '--format',
        'detailed',
      ]);
      for (const { logStreamName } of logStreams) expect(tailed).toContain(logStreamName);
      expect(tailed).toMatch(/START RequestId: [0-9a-f-]{36}/);
      expect(tailed).toMatch(/REPORT RequestId: [0-9a-f-]{36}\s+Duration: [\d.]+ ms/);
    });

    test('refuses requests whose Host is not this machine (DNS rebinding)', async () => {
      const answer = await rawPost(`${serving.endpoint}/`, {
        host: 'evil.example.com',
        'x-amz-target': 'AmazonSQS.ListQueues',
      });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ __type: 'AccessDeniedException' });
    });

    test("`aws lambda invoke` runs GenerateOrders, and the demo's orders land in the table", async () => {
      const answer = await aws(serving.endpoint, [
        'lambda',
        'invoke',
        '--function-name',
        outputs().GenerateOrdersFunctionName,
        '--cli-binary-format',
        'raw-in-base64-out',
        '--payload',
        '{}',
        join(folder, 'invoke-answer.json'),
      ]);
      expect(JSON.parse(answer)).toMatchObject({ StatusCode: 200 });
      expect(JSON.parse(readFileSync(join(folder, 'invoke-answer.json'), 'utf8'))).toStrictEqual({
        queued: 11,
        failed: [],
      });
      const stored = await waitForItems(outputs().OrdersTableName, 10);
      expect(stored.map((item) => (item.customerName as { S: string }).S).sort()).toStrictEqual(
        Array.from({ length: 10 }, (_, i) => `User${i}`),
      );
    });

    test('`aws sqs send-message` of "Hello world." ends up rejected as not JSON', async () => {
      const sent = JSON.parse(
        await aws(serving.endpoint, [
          'sqs',
          'send-message',
          '--queue-url',
          outputs().OrdersQueueUrl,
          '--message-body',
          'Hello world.',
        ]),
      );
      type Item = Record<string, { S?: string; L?: { S: string }[] }>;
      const rejection = await pollUntil(
        async () =>
          ((await waitForItems(outputs().RejectedOrdersTableName, 1)) as Item[]).find(
            (item) => item.messageId?.S === sent.MessageId,
          ),
        (found) => found !== undefined,
      );
      expect(rejection?.reason?.S).toBe('INVALID_ORDER');
      expect(rejection?.errors?.L?.[0].S).toMatch(/^body is not JSON/);
    });

    test('`aws logs describe-log-streams` lists the ProcessOrders instances', async () => {
      const { logStreams } = JSON.parse(
        await aws(serving.endpoint, [
          'logs',
          'describe-log-streams',
          '--log-group-name',
          outputs().ProcessOrdersLogGroupName,
        ]),
      );
      expect(logStreams.length).toBeGreaterThanOrEqual(1);
      expect(logStreams[0].logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    });
  });
}
