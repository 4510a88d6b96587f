import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { startSqsServer } from '../../src/sqs/server';
import { sqsClient } from './support';

const PACKAGE = join(__dirname, '..', '..');

/** Starts `npm run sqs` as a child process (without npm, so kill -9 hits the server itself). */
async function spawnServer(stateDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/sqs/cli.ts', '--port', '0', '--state', stateDir],
    { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /SQS endpoint ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
  return { child, endpoint };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function drain(sqs: SQSClient, QueueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let round = 0; round < 200; round++) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600 }),
    );
    if (!Messages || Messages.length === 0) break;
    bodies.push(...Messages.map((message) => message.Body ?? ''));
  }
  return bodies;
}

/** Receives up to 10 messages and deletes them in one batch; returns them. */
async function receiveAndDelete(sqs: SQSClient, QueueUrl: string): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
  const Entries = Messages.map((message, index) => ({
    Id: `d${index}`,
    ReceiptHandle: message.ReceiptHandle,
  }));
  await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries }));
  return Messages;
}

describe('local SQS durability with --state', () => {
  const directories: string[] = [];
  const children: ChildProcess[] = [];

  function stateDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'sqs-state-'));
    directories.push(dir);
    return dir;
  }

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of directories) rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged send and resurrects no acknowledged delete after kill -9', async () => {
    const dir = stateDir();
    const first = await spawnServer(dir);
    children.push(first.child);
    let sqs = sqsClient(first.endpoint, 'json');
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: 'durable', Attributes: { VisibilityTimeout: '600' } }),
    );
    const acknowledged = new Set<string>();
    for (let batch = 0; batch < 10; batch++) {
      const Entries = Array.from({ length: 10 }, (_, index) => ({
        Id: `e${index}`,
        MessageBody: `message ${batch * 10 + index}`,
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      for (const entry of Entries) acknowledged.add(entry.MessageBody);
    }
    const Messages = await receiveAndDelete(sqs, QueueUrl ?? '');
    for (const message of Messages) acknowledged.delete(message.Body ?? '');
    // Sends racing the kill: only those acknowledged before it must survive.
    const inFlight = Array.from({ length: 20 }, (_, index) =>
      sqs
        .send(new SendMessageCommand({ QueueUrl, MessageBody: `racing ${index}` }))
        .then(() => acknowledged.add(`racing ${index}`))
        .catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    const acknowledgedAtKill = new Set(acknowledged);
    await killHard(first.child);
    await Promise.all(inFlight);
    sqs.destroy();

    const second = await spawnServer(dir);
    children.push(second.child);
    sqs = sqsClient(second.endpoint, 'json');
    const restoredUrl = `${second.endpoint}/000000000000/durable`;
    const survivors = new Set(await drain(sqs, restoredUrl));
    sqs.destroy();
    await killHard(second.child);

    expect(Messages).toHaveLength(10);
    for (const body of acknowledgedAtKill) expect(survivors).toContain(body);
    for (const message of Messages) expect(survivors).not.toContain(message.Body);
    expect([...survivors].every((body) => body.startsWith('message ') || body.startsWith('racing '))).toBe(
      true,
    );
  });

  it('compacts the journal so that deleted messages stop taking space', async () => {
    const dir = stateDir();
    const server = await startSqsServer({ port: 0, stateDir: dir, compactAfterBytes: 4096 });
    const sqs = sqsClient(server.endpoint, 'json');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'churn' }));
    let journaled = 0;
    for (let round = 0; round < 20; round++) {
      const Entries = Array.from({ length: 10 }, (_, index) => ({
        Id: `e${index}`,
        MessageBody: `churn ${round} ${index}`,
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
      const Messages = await receiveAndDelete(sqs, QueueUrl ?? '');
      journaled += Messages.length;
    }
    const size = statSync(join(dir, 'sqs-journal.jsonl')).size;
    sqs.destroy();
    await server.close();

    // 200 sends, receives and deletes journal about 100 KB; compaction keeps the file near its threshold.
    expect(journaled).toBe(200);
    expect(size).toBeLessThan(8 * 1024);
  });

  it('keeps queues, attributes, receive counts and in-flight state across a clean restart, compacting the journal', async () => {
    const dir = stateDir();
    const first = await startSqsServer({ port: 0, stateDir: dir, compactAfterBytes: 4096 });
    let sqs = sqsClient(first.endpoint, 'json');
    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({
        QueueName: 'kept',
        Attributes: { VisibilityTimeout: '600', DelaySeconds: '0' },
        tags: { team: 'orders' },
      }),
    );
    for (let index = 0; index < 50; index++) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl,
          MessageBody: `kept ${index}`,
          MessageAttributes: { n: { DataType: 'Number', StringValue: String(index) } },
        }),
      );
    }
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 5 }));
    sqs.destroy();
    await first.close();

    const second = await startSqsServer({ port: 0, stateDir: dir });
    const linesAfterReopen = readFileSync(join(dir, 'sqs-journal.jsonl'), 'utf8').trim().split('\n').length;
    sqs = sqsClient(second.endpoint, 'json');
    const url = `${second.endpoint}/000000000000/kept`;
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }),
    );
    const rest = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    sqs.destroy();
    await second.close();

    expect(Messages).toHaveLength(5);
    expect(Attributes).toMatchObject({
      VisibilityTimeout: '600',
      ApproximateNumberOfMessages: '45',
      ApproximateNumberOfMessagesNotVisible: '5',
    });
    expect(rest.Messages?.[0].MessageAttributes?.n.DataType).toBe('Number');
    expect(rest.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe('1');
    // Opening compacts the journal to one line for the queue and one per message.
    expect(linesAfterReopen).toBe(51);
  });
});
