import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateQueueCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { COMMAND_DEADLINE_MS, startCli, waitForOutput } from './cli-process';

const SAMPLE_APP = join(__dirname, '..', 'apps', 'queue-to-function');
/** The repository's node_modules, where the copied app finds aws-cdk-lib as it would find its own. */
const NODE_MODULES = dirname(dirname(require.resolve('aws-cdk-lib/package.json')));
const CLIENT_SETTINGS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
};

/** The sample app, copied where a test may edit it. */
function copySampleApp(): string {
  const app = mkdtempSync(join(tmpdir(), 'watched-app-'));
  for (const entry of ['app.js', 'cdk.json', 'handlers']) {
    cpSync(join(SAMPLE_APP, entry), join(app, entry), { recursive: true });
  }
  symlinkSync(NODE_MODULES, join(app, 'node_modules'), 'dir');
  return app;
}

/** Invokes a function until its answer passes `accept` (bounded), and returns that answer. */
async function invokeUntil(
  lambda: LambdaClient,
  functionName: string,
  accept: (answer: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + COMMAND_DEADLINE_MS;
  for (;;) {
    const { Payload } = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify({ order: 7 }) }),
    );
    const answer = JSON.parse(Buffer.from(Payload ?? []).toString('utf8')) as Record<string, unknown>;
    if (accept(answer) || Date.now() > deadline) return answer;
    await sleep(25);
  }
}

/** The ids of the REPORT lines in a function's log group. */
async function reportEventIds(logs: CloudWatchLogsClient, functionName: string): Promise<string[]> {
  const { events = [] } = await logs.send(
    new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: 'REPORT' }),
  );
  return events.map((event) => event.eventId ?? '');
}

describe('local-cloud serve --app --watch', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  });

  test(
    'a saved handler runs in the next invocations while queues and logs keep their state; a broken app keeps the last good code; a new queue needs a restart',
    async () => {
      const app = copySampleApp();
      copies.push(app);
      const serving = startCli(['serve', '--app', app, '--watch', '--port', '0']);
      try {
        const [, endpoint] = await waitForOutput(
          serving.output,
          /local-cloud ready at (http:\/\/127\.0\.0\.1:\d+)/,
        );
        const [, echoName] = await waitForOutput(serving.output, /EchoName = (\S+)/);
        const [, inboxUrl] = await waitForOutput(serving.output, /InboxUrl = (\S+)/);
        await waitForOutput(serving.output, /^Watching .* for changes/m);
        const lambda = new LambdaClient({ endpoint, ...CLIENT_SETTINGS });
        const sqs = new SQSClient({ endpoint, ...CLIENT_SETTINGS });
        const logs = new CloudWatchLogsClient({ endpoint, ...CLIENT_SETTINGS });
        expect(await invokeUntil(lambda, echoName, () => true)).toEqual({ echoed: { order: 7 } });
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kept-across-reloads' }));
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'sent before the reload' }));

        const reportsBefore = await reportEventIds(logs, echoName);
        expect(reportsBefore).toHaveLength(1);

        // A save of the handler: new invocations run it.
        const savedAt = Date.now();
        writeFileSync(
          join(app, 'handlers', 'echo.js'),
          'exports.handler = async (event) => ({ echoed: event, version: 2 });\n',
        );
        const answer = await invokeUntil(lambda, echoName, (candidate) => candidate.version === 2);
        const saveToNewCodeMs = Date.now() - savedAt;
        const [, , reloadMs] = await waitForOutput(
          serving.output,
          /^Reloaded 2 functions from (\S+) in (\d+) ms$/m,
        );
        console.log(
          `save to the first invocation on new code: ${saveToNewCodeMs} ms (reload line: ${reloadMs} ms)`,
        );

        expect(answer).toEqual({ echoed: { order: 7 }, version: 2 });
        expect(saveToNewCodeMs).toBeLessThan(COMMAND_DEADLINE_MS);
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
        expect(Messages.map((message) => message.Body)).toEqual(['sent before the reload']);
        const reportsNow = await reportEventIds(logs, echoName);
        expect(reportsNow).toEqual(expect.arrayContaining(reportsBefore));
        expect(reportsNow.length).toBeGreaterThan(reportsBefore.length);
        // The queue's event source mapping runs the swapped consumer.
        await sqs.send(new SendMessageCommand({ QueueUrl: inboxUrl, MessageBody: 'after the reload' }));
        await waitForOutput(serving.output, /Consumer \w+ \| .*INFO\treceived after the reload/);

        // A save that breaks the app: the last good code keeps serving.
        const appSource = readFileSync(join(app, 'app.js'), 'utf8');
        appendFileSync(join(app, 'app.js'), 'const broken = (;\n');
        await waitForOutput(
          serving.output,
          /^Reload failed, still serving the last good code: synthesizing .* failed \(exit code 1\): SyntaxError: .* \(at .*app\.js:\d+\)$/m,
        );
        expect(await invokeUntil(lambda, echoName, () => true)).toEqual({ echoed: { order: 7 }, version: 2 });

        // The next save tries again; the queue it adds is named, not created.
        writeFileSync(
          join(app, 'app.js'),
          appSource.replace('app.synth();', "new Queue(stack, 'Outbox');\napp.synth();"),
        );
        writeFileSync(
          join(app, 'handlers', 'echo.js'),
          'exports.handler = async (event) => ({ echoed: event, version: 3 });\n',
        );
        await waitForOutput(
          serving.output,
          /^warning: the new template adds queue Outbox\w+: restart local-cloud serve to pick it up$/m,
        );
        expect(serving.output().match(/^Reloaded 2 functions /gm)).toHaveLength(2);
        expect(await invokeUntil(lambda, echoName, (candidate) => candidate.version === 3)).toMatchObject({
          version: 3,
        });
        lambda.destroy();
        sqs.destroy();
        logs.destroy();
      } finally {
        serving.child.kill('SIGTERM');
      }
      const ended = await serving.finished;
      const synthesisFolders = readdirSync(join(app, 'cdk.out')).filter((name) =>
        name.startsWith('local-cloud-watch-'),
      );

      expect(ended.code).toBe(0);
      expect(synthesisFolders).toEqual([]);
    },
    COMMAND_DEADLINE_MS * 2,
  );

  test(
    '--watch with --assembly is refused in one line: there is no app to synthesize again',
    async () => {
      const ended = await startCli(['serve', '--assembly', SAMPLE_APP, '--watch', '--port', '0']).finished;

      expect(ended.code).toBe(2);
      expect(ended.stderr.split('\n')[0]).toBe(
        'local-cloud: --watch synthesizes the app again when its source changes: it goes with --app, not --assembly',
      );
    },
    COMMAND_DEADLINE_MS,
  );
});
