import { ManualClock } from '../../src/clock';
import { md5OfBody, md5OfMessageAttributes } from '../../src/sqs/md5';
import { type SqsServer, startSqsServer } from '../../src/sqs/server';
import { type AwsCli, awsCliEnvironment } from '../../src/testing/aws-cli';
import { runAwsCli } from '../../src/testing/aws-cli-driver';
import { notRunHere } from '../../src/testing/not-run-here';

export { type AwsCli, awsCliEnvironment, debianAwsCli, pathAwsCli } from '../../src/testing/aws-cli';

interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/**
 * The AWS CLI conformance suite: every operation the CLI has, against the local endpoint, with dummy
 * credentials. It is smaller than the SDK suite because each CLI call costs about a second.
 */
export function describeAwsCliConformance(cli: AwsCli | string): void {
  if (typeof cli === 'string') {
    describe('local SQS through the AWS CLI', () => {
      notRunHere('AWS CLI conformance skipped', cli);
    });
    return;
  }

  const found: AwsCli = cli;
  describe(`local SQS through the AWS CLI (${found.version}, ${found.path})`, () => {
    let server: SqsServer;
    const clock = new ManualClock();
    const results = new Map<string, CliResult>();
    let supportsMoveTasks = false;
    let running = 0;
    const queued: (() => void)[] = [];

    // Each CLI call costs about a second of CPU, so independent flows run side by side, a few
    // processes at a time, and the tests below check what they recorded.
    async function aws(label: string, ...args: string[]): Promise<CliResult> {
      while (running >= CLI_CONCURRENCY) await new Promise<void>((resolve) => queued.push(resolve));
      running++;
      try {
        const result = await runCli(found.path, server.endpoint, args);
        results.set(label, result);
        return result;
      } finally {
        running--;
        queued.shift()?.();
      }
    }

    async function awsJson(label: string, ...args: string[]): Promise<Record<string, unknown>> {
      const result = await aws(label, ...args);
      if (result.code !== 0)
        throw new Error(`aws sqs ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return parsed(result);
    }

    function output(label: string): Record<string, unknown> {
      const result = results.get(label);
      if (!result) throw new Error(`the CLI call "${label}" did not run`);
      return parsed(result);
    }

    function stderr(label: string): string {
      return results.get(label)?.stderr ?? `the CLI call "${label}" did not run`;
    }

    const url = (name: string): string => `${server.endpoint}/000000000000/${name}`;
    const arn = (name: string): string => `arn:aws:sqs:us-east-1:000000000000:${name}`;
    const MESSAGE_ATTRIBUTES = {
      city: { DataType: 'String', StringValue: 'Any City' },
      count: { DataType: 'Number', StringValue: '7' },
    };
    const BODY = 'caf\u00e9 \u{1F600} <&>';

    async function queuesFlow(): Promise<void> {
      await awsJson(
        'create',
        'create-queue',
        '--queue-name',
        'cli-queues',
        '--attributes',
        'VisibilityTimeout=10',
      );
      await Promise.all([
        aws('get-url', 'get-queue-url', '--queue-name', 'cli-queues'),
        aws('list', 'list-queues', '--queue-name-prefix', 'cli-q'),
        aws('get-url-missing', 'get-queue-url', '--queue-name', 'no-such-queue'),
        aws(
          'create-conflict',
          'create-queue',
          '--queue-name',
          'cli-queues',
          '--attributes',
          'VisibilityTimeout=11',
        ),
      ]);
    }

    async function messagesFlow(): Promise<void> {
      const queue = url('cli-messages');
      await awsJson('create-messages', 'create-queue', '--queue-name', 'cli-messages');
      await awsJson(
        'send',
        'send-message',
        '--queue-url',
        queue,
        '--message-body',
        BODY,
        '--message-attributes',
        JSON.stringify(MESSAGE_ATTRIBUTES),
      );
      const received = await awsJson(
        'receive',
        ...[
          'receive-message',
          '--queue-url',
          queue,
          '--attribute-names',
          'All',
          '--message-attribute-names',
          'All',
          '--max-number-of-messages',
          '10',
        ],
      );
      const handle = String((received.Messages as Record<string, unknown>[])[0].ReceiptHandle);
      await awsJson(
        'change-visibility',
        'change-message-visibility',
        '--queue-url',
        queue,
        '--receipt-handle',
        handle,
        '--visibility-timeout',
        '0',
      );
      await awsJson('delete', 'delete-message', '--queue-url', queue, '--receipt-handle', handle);
      await awsJson('attributes', 'get-queue-attributes', '--queue-url', queue, '--attribute-names', 'All');
    }

    async function batchesFlow(): Promise<void> {
      const queue = url('cli-batches');
      await awsJson('create-batches', 'create-queue', '--queue-name', 'cli-batches');
      const entries = [
        { Id: 'a', MessageBody: 'batch a' },
        { Id: 'b', MessageBody: 'batch b' },
        { Id: 'bad', MessageBody: 'bell \u0007' },
      ];
      await awsJson(
        'send-batch',
        'send-message-batch',
        '--queue-url',
        queue,
        '--entries',
        JSON.stringify(entries),
      );
      const received = await awsJson(
        'receive-batch',
        'receive-message',
        '--queue-url',
        queue,
        '--max-number-of-messages',
        '10',
      );
      const handles = (received.Messages as Record<string, string>[]).map((message) => message.ReceiptHandle);
      const changes = handles.map((ReceiptHandle, index) => ({
        Id: `c${index}`,
        ReceiptHandle,
        VisibilityTimeout: 30,
      }));
      await awsJson(
        'change-visibility-batch',
        'change-message-visibility-batch',
        '--queue-url',
        queue,
        '--entries',
        JSON.stringify(changes),
      );
      const deletes = [
        ...handles.map((ReceiptHandle, index) => ({ Id: `d${index}`, ReceiptHandle })),
        { Id: 'bogus', ReceiptHandle: 'bogus' },
      ];
      await awsJson(
        'delete-batch',
        'delete-message-batch',
        '--queue-url',
        queue,
        '--entries',
        JSON.stringify(deletes),
      );
    }

    /** One queue through its whole life: tags, purge, deletion. */
    async function lifecycleFlow(): Promise<void> {
      const queue = url('cli-lifecycle');
      await awsJson('create-lifecycle', 'create-queue', '--queue-name', 'cli-lifecycle');
      await awsJson('tag', 'tag-queue', '--queue-url', queue, '--tags', 'team=orders,env=local');
      await awsJson('untag', 'untag-queue', '--queue-url', queue, '--tag-keys', 'env');
      await awsJson('tags', 'list-queue-tags', '--queue-url', queue);
      await awsJson('purge', 'purge-queue', '--queue-url', queue);
      await aws('purge-again', 'purge-queue', '--queue-url', queue);
      await awsJson('delete-queue', 'delete-queue', '--queue-url', queue);
      await aws('get-deleted', 'get-queue-url', '--queue-name', 'cli-lifecycle');
    }

    async function deadLetterFlow(): Promise<void> {
      await Promise.all([
        awsJson('create-dlq', 'create-queue', '--queue-name', 'cli-dlq'),
        awsJson('create-source', 'create-queue', '--queue-name', 'cli-source'),
      ]);
      const redrivePolicy = JSON.stringify({ deadLetterTargetArn: arn('cli-dlq'), maxReceiveCount: 3 });
      await Promise.all([
        awsJson(
          'set-attributes',
          'set-queue-attributes',
          '--queue-url',
          url('cli-source'),
          '--attributes',
          JSON.stringify({ RedrivePolicy: redrivePolicy }),
        ),
        awsJson('send-to-dlq', 'send-message', '--queue-url', url('cli-dlq'), '--message-body', 'dead'),
      ]);
      const [, started] = await Promise.all([
        awsJson('dead-letter-sources', 'list-dead-letter-source-queues', '--queue-url', url('cli-dlq')),
        aws(
          'start-move',
          'start-message-move-task',
          '--source-arn',
          arn('cli-dlq'),
          '--destination-arn',
          arn('cli-source'),
        ),
      ]);
      // CLIs older than the move task API (2023) refuse the command before calling the endpoint.
      supportsMoveTasks = !/Invalid choice|invalid choice/.test(started.stderr);
      if (!supportsMoveTasks) return;
      clock.advance(0);
      await Promise.all([
        awsJson('list-moves', 'list-message-move-tasks', '--source-arn', arn('cli-dlq')),
        aws('cancel-move', 'cancel-message-move-task', '--task-handle', String(parsed(started).TaskHandle)),
      ]);
    }

    beforeAll(async () => {
      server = await startSqsServer({ port: 0, clock });
      await Promise.all([queuesFlow(), messagesFlow(), batchesFlow(), lifecycleFlow(), deadLetterFlow()]);
    }, 120_000);

    afterAll(async () => {
      await server?.close();
    });

    it('creates queues and finds them by name and prefix', () => {
      expect(output('create').QueueUrl).toBe(url('cli-queues'));
      expect(output('get-url').QueueUrl).toBe(url('cli-queues'));
      expect(output('list').QueueUrls).toStrictEqual([url('cli-queues')]);
    });

    it('reports AWS error codes as AWS does', () => {
      expect(stderr('get-url-missing')).toContain(
        '(AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation',
      );
      expect(stderr('create-conflict')).toContain('(QueueAlreadyExists)');
      expect(stderr('purge-again')).toContain('(AWS.SimpleQueueService.PurgeQueueInProgress)');
      expect(stderr('get-deleted')).toContain('(AWS.SimpleQueueService.NonExistentQueue)');
    });

    it('sends with attributes and receives the message intact, with the MD5s AWS computes', () => {
      const sent = output('send');
      const [message] = output('receive').Messages as Record<string, unknown>[];

      expect(sent.MD5OfMessageBody).toBe(md5OfBody(BODY));
      expect(sent.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(MESSAGE_ATTRIBUTES));
      expect(message.Body).toBe(BODY);
      expect(message.MD5OfBody).toBe(md5OfBody(BODY));
      expect(message.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
      expect(message.MessageAttributes).toStrictEqual(MESSAGE_ATTRIBUTES);
      expect(message.Attributes).toMatchObject({
        ApproximateReceiveCount: '1',
        SenderId: 'test',
        SentTimestamp: String(clock.now()),
      });
    });

    it('changes visibility and deletes, leaving exact counts', () => {
      expect(results.get('change-visibility')?.code).toBe(0);
      expect(results.get('delete')?.code).toBe(0);
      expect(output('attributes').Attributes).toMatchObject({
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        QueueArn: arn('cli-messages'),
      });
    });

    it('sends, changes visibility and deletes in batches, reporting failed entries', () => {
      const sent = output('send-batch');
      const deleted = output('delete-batch');

      expect((sent.Successful as { Id: string }[]).map((entry) => entry.Id)).toStrictEqual(['a', 'b']);
      expect(sent.Failed).toStrictEqual([
        expect.objectContaining({ Id: 'bad', Code: 'InvalidMessageContents', SenderFault: true }),
      ]);
      expect(
        (output('receive-batch').Messages as Record<string, string>[]).map((message) => message.Body).sort(),
      ).toStrictEqual(['batch a', 'batch b']);
      expect(output('change-visibility-batch').Successful).toHaveLength(2);
      expect(deleted.Successful).toHaveLength(2);
      expect(deleted.Failed).toStrictEqual([
        expect.objectContaining({ Id: 'bogus', Code: 'ReceiptHandleIsInvalid' }),
      ]);
    });

    it('sets attributes, tags queues, lists dead-letter sources, purges and deletes', () => {
      expect(results.get('set-attributes')?.code).toBe(0);
      expect(output('tags').Tags).toStrictEqual({ team: 'orders' });
      expect(output('dead-letter-sources').queueUrls).toStrictEqual([url('cli-source')]);
      expect(results.get('untag')?.code).toBe(0);
      expect(results.get('purge')?.code).toBe(0);
      expect(results.get('delete-queue')?.code).toBe(0);
    });

    it('moves dead letters back with message move tasks, when this CLI has them', () => {
      if (!supportsMoveTasks) {
        console.log(
          `${found.path} ${found.version} has no message move task commands; the SDK suites cover them`,
        );
        expect(stderr('start-move')).toMatch(/invalid choice/i);
        return;
      }
      expect(output('list-moves').Results).toStrictEqual([
        expect.objectContaining({
          Status: 'COMPLETED',
          ApproximateNumberOfMessagesMoved: 1,
          SourceArn: arn('cli-dlq'),
        }),
      ]);
      expect(stderr('cancel-move')).toContain('(ResourceNotFoundException)');
    });
  });
}

// Starting the CLI is mostly waiting on the file system here, so more processes than cores pay off.
const CLI_CONCURRENCY = 8;

function parsed(result: CliResult): Record<string, unknown> {
  return result.stdout.trim() === '' ? {} : JSON.parse(result.stdout);
}

/** Runs `aws sqs <args>` against the endpoint with dummy credentials and no user configuration. */
function runCli(path: string, endpoint: string, args: readonly string[]): Promise<CliResult> {
  return runAwsCli(path, ['--endpoint-url', endpoint, '--output', 'json', 'sqs', ...args], {
    env: awsCliEnvironment(),
  });
}
