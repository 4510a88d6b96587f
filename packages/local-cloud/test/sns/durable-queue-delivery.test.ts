import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDeliveryTargets } from '../../src/sns';
import { type SqsServer, startSqsServer } from '../../src/sqs';

/**
 * SNS marks a delivery done once its target has it: for a queue with a journal, only once the
 * message is in the journal on disk, or a `kill -9` between the two would lose an acknowledged publish.
 */
describe('an SNS delivery to a queue of a durable SQS', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'sns-durable-queue-'));
  let sqs: SqsServer;

  beforeAll(async () => {
    sqs = await startSqsServer({ port: 0, stateDir });
    sqs.model.createQueue({ QueueName: 'audit' });
    await sqs.flushJournal();
  });

  afterAll(async () => {
    await sqs?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('resolves only once the SQS journal holds the message', async () => {
    const targets = localDeliveryTargets({
      sqs: sqs.model,
      invokeAsync: () => undefined,
      print: () => undefined,
      durable: () => sqs.flushJournal(),
    });

    await targets.sendToQueue('arn:aws:sqs:us-east-1:000000000000:audit', 'kept through kill -9', {});
    const journal = readFileSync(join(stateDir, 'sqs-journal.jsonl'), 'utf8');

    expect(journal).toContain('kept through kill -9');
  });
});
