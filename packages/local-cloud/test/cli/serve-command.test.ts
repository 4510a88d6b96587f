import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { synthesizeApp } from '../../src/cli/synthesize-app';
import { COMMAND_DEADLINE_MS, startCli, waitForOutput } from './cli-process';

const SAMPLE_APP = join(__dirname, '..', 'apps', 'queue-to-function');

describe('local-cloud serve and invoke, as a user runs them on their own CDK app', () => {
  let assembly: string;

  beforeAll(() => {
    assembly = synthesizeApp(SAMPLE_APP);
  }, COMMAND_DEADLINE_MS);

  test(
    'serve --app synthesizes and serves the app; invoke runs a function; a queued message reaches its consumer; SIGTERM stops it',
    async () => {
      const serving = startCli(['serve', '--app', SAMPLE_APP, '--port', '0']);
      try {
        const [, endpoint] = await waitForOutput(
          serving.output,
          /local-cloud ready at (http:\/\/127\.0\.0\.1:\d+)/,
        );
        const [, inboxUrl] = await waitForOutput(serving.output, /InboxUrl = (\S+)/);
        const [, consoleUrl] = await waitForOutput(
          serving.output,
          /^Console: (http:\/\/127\.0\.0\.1:\d+\/_console\/)$/m,
        );
        const page = await fetch(consoleUrl);
        expect([page.status, page.headers.get('content-type')]).toStrictEqual([
          200,
          'text/html; charset=utf-8',
        ]);
        // what runs and what does not, resource by resource
        expect(serving.output()).toMatch(
          /^InboxA8E05DC3 +AWS::SQS::Queue +emulated +queue on the local SQS endpoint$/m,
        );
        expect(serving.output()).toMatch(/^ConsumerServiceRole\w+ +AWS::IAM::Role +not-enforced /m);

        const invoked = await startCli([
          'invoke',
          'Echo',
          '--payload',
          '{"order":7}',
          '--port',
          endpoint.split(':')[2],
        ]).finished;
        expect(invoked).toMatchObject({ code: 0, stdout: '{"echoed":{"order":7}}\n' });

        const sqs = new SQSClient({
          endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        });
        await sqs.send(new SendMessageCommand({ QueueUrl: inboxUrl, MessageBody: 'hello from a test' }));
        sqs.destroy();
        await waitForOutput(serving.output, /Consumer \w+ \| .*INFO\treceived hello from a test/);
      } finally {
        serving.child.kill('SIGTERM');
      }
      const ended = await serving.finished;
      expect(ended.code).toBe(0);
      expect(ended.stdout).toMatch(/Stopping the local cloud\.\.\.\n$/);
    },
    COMMAND_DEADLINE_MS * 2,
  );

  test(
    'a folder that is not a CDK app gets one line saying what was expected, and exit code 1',
    async () => {
      const empty = mkdtempSync(join(tmpdir(), 'not-an-app-'));
      try {
        const asApp = await startCli(['serve', '--app', empty, '--port', '0']).finished;
        const asAssembly = await startCli(['serve', '--assembly', empty, '--port', '0']).finished;

        expect(asApp.code).toBe(1);
        expect(asApp.stderr).toBe(
          `local-cloud: ${empty} is not a CDK app: it has no cdk.json (--app takes a CDK app's folder, --assembly a synthesized cdk.out)\n`,
        );
        expect(asAssembly.code).toBe(1);
        expect(asAssembly.stderr).toMatch(
          /^local-cloud: .* is not a cloud assembly: it has no manifest\.json .*\n$/,
        );
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    },
    COMMAND_DEADLINE_MS * 2,
  );

  test(
    'a stack that does not exist is named, with the stacks there are',
    async () => {
      const ended = await startCli(['serve', '--assembly', assembly, '--stack', 'Nope', '--port', '0'])
        .finished;

      expect(ended.code).toBe(1);
      expect(ended.stderr).toMatch(
        /^local-cloud: cloud assembly .* has no stack Nope \(stacks: QueueToFunction\)\n$/,
      );
    },
    COMMAND_DEADLINE_MS,
  );

  test(
    'a port in use is named, and nothing is left running',
    async () => {
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as { port: number }).port;
      try {
        const ended = await startCli(['serve', '--assembly', assembly, '--port', String(port)]).finished;

        expect(ended.code).toBe(1);
        expect(ended.stderr).toBe(
          `local-cloud: port ${port} is in use on 127.0.0.1: choose another with --port (0 picks a free one)\n`,
        );
      } finally {
        taken.close();
      }
    },
    COMMAND_DEADLINE_MS,
  );

  test(
    'a console port in use is named with the way out, and nothing is left running; --no-console serves none',
    async () => {
      const taken: Server = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as { port: number }).port;
      try {
        const ended = await startCli([
          'serve',
          '--assembly',
          assembly,
          '--port',
          '0',
          '--console-port',
          String(port),
        ]).finished;

        expect(ended.code).toBe(1);
        expect(ended.stderr).toBe(
          `local-cloud: the console's port ${port} is in use on 127.0.0.1: choose another with --console-port (0 picks a free one), or run without it with --no-console\n`,
        );
      } finally {
        taken.close();
      }
      const serving = startCli(['serve', '--assembly', assembly, '--port', '0', '--no-console']);
      try {
        await waitForOutput(serving.output, /local-cloud ready at/);
        expect(serving.output()).not.toMatch(/Console:/);
      } finally {
        serving.child.kill('SIGTERM');
      }
      expect((await serving.finished).code).toBe(0);
    },
    COMMAND_DEADLINE_MS * 2,
  );

  test(
    'invoke with no cloud running says how to start one',
    async () => {
      const free: Server = createServer();
      await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
      const port = (free.address() as { port: number }).port;
      await new Promise((resolve) => free.close(resolve));

      const ended = await startCli(['invoke', 'Echo', '--port', String(port)]).finished;

      expect(ended.code).toBe(1);
      expect(ended.stderr).toBe(
        `local-cloud: no local cloud answers at http://127.0.0.1:${port}: start one with local-cloud serve (or name its port with --port)\n`,
      );
    },
    COMMAND_DEADLINE_MS,
  );
});
