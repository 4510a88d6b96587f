import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTopicCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SNSClient,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { functionArn, queueArn } from './support';

const PACKAGE = join(__dirname, '..', '..');

/** Starts test/sns/durable-child.ts in a process of its own, so SIGKILL hits the service itself. */
async function spawnService(stateDir: string, mode: 'hold' | 'deliver', deliveries: string) {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'test/sns/durable-child.ts', stateDir, mode, deliveries],
    { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`SNS did not start: ${output}`)), 30_000);
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /SNS endpoint ready at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`SNS exited with ${code}: ${output}`));
    });
  });
  const sns = new SNSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 't', secretAccessKey: 't' },
  });
  return { child, sns };
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

interface Delivery {
  readonly target: string;
  readonly payload: unknown;
}

function deliveriesIn(file: string): Delivery[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Delivery);
}

/** The SNS message id of a delivery: from the envelope of a queue message or the Lambda event. */
function messageIdOf(delivery: Delivery): string {
  if (typeof delivery.payload === 'string') return JSON.parse(delivery.payload).MessageId;
  return (delivery.payload as { Records: { Sns: { MessageId: string } }[] }).Records[0].Sns.MessageId;
}

async function waitForDeliveries(file: string, count: number): Promise<Delivery[]> {
  for (let round = 0; round < 300; round++) {
    const found = deliveriesIn(file);
    if (found.length >= count) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`only ${deliveriesIn(file).length} of ${count} deliveries arrived`);
}

describe('SNS durability across kill -9', () => {
  const children: ChildProcess[] = [];
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sns-durability-'));
  });

  afterEach(async () => {
    for (const child of children) await killHard(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every acknowledged publish to every matching subscription after SIGKILL', async () => {
    const stateDir = join(dir, 'state');
    const deliveries = join(dir, 'deliveries.jsonl');
    const first = await spawnService(stateDir, 'hold', deliveries);
    children.push(first.child);
    const { sns } = first;
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'orders' }));
    const fifo = await sns.send(
      new CreateTopicCommand({
        Name: 'orders.fifo',
        Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: queueArn('all') }));
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: queueArn('red'),
        Attributes: { FilterPolicy: '{"colour":["red"]}' },
      }),
    );
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: functionArn('f') }));
    await sns.send(
      new SubscribeCommand({ TopicArn: fifo.TopicArn, Protocol: 'sqs', Endpoint: queueArn('q.fifo') }),
    );

    const red = new Set<string>();
    const standard = new Set<string>();
    for (let index = 0; index < 30; index++) {
      const colour = index % 2 === 0 ? 'red' : 'blue';
      const { MessageId } = await sns.send(
        new PublishCommand({
          TopicArn,
          Message: `m${index}`,
          MessageAttributes: { colour: { DataType: 'String', StringValue: colour } },
        }),
      );
      standard.add(MessageId as string);
      if (colour === 'red') red.add(MessageId as string);
    }
    const batch = await sns.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: Array.from({ length: 10 }, (_, index) => ({
          Id: `b${index}`,
          Message: `b${index}`,
        })),
      }),
    );
    for (const entry of batch.Successful ?? []) standard.add(entry.MessageId as string);
    const ordered: string[] = [];
    for (let index = 0; index < 10; index++) {
      const { MessageId } = await sns.send(
        new PublishCommand({ TopicArn: fifo.TopicArn, Message: `f${index}`, MessageGroupId: 'g' }),
      );
      ordered.push(MessageId as string);
    }
    // Killed right after the last acknowledgement: no delivery has completed (hold mode).
    await killHard(first.child);
    sns.destroy();
    expect(deliveriesIn(deliveries)).toEqual([]);

    const second = await spawnService(stateDir, 'deliver', deliveries);
    children.push(second.child);
    const expected = standard.size * 2 + red.size + ordered.length;
    const delivered = await waitForDeliveries(deliveries, expected);
    const idsAt = (target: string) => delivered.filter((d) => d.target === target).map(messageIdOf);
    expect(new Set(idsAt(queueArn('all')))).toEqual(standard);
    expect(new Set(idsAt(functionArn('f')))).toEqual(standard);
    expect(new Set(idsAt(queueArn('red')))).toEqual(red);
    expect(idsAt(queueArn('q.fifo'))).toEqual(ordered);

    // Topics and subscriptions survived too.
    expect((await second.sns.send(new ListTopicsCommand({}))).Topics).toHaveLength(2);
    expect((await second.sns.send(new ListSubscriptionsCommand({}))).Subscriptions).toHaveLength(4);
    second.sns.destroy();

    // Once marked delivered, nothing is delivered again by the next start.
    await killHard(second.child);
    const third = await spawnService(stateDir, 'deliver', deliveries);
    children.push(third.child);
    await new Promise((resolve) => setTimeout(resolve, 500));
    third.sns.destroy();
    expect(deliveriesIn(deliveries)).toHaveLength(expected);
  });
});
