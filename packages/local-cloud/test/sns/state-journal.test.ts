import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnsService } from '../../src/sns';
import { FakeTargets } from './fake-targets';
import { queueArn } from './support';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:orders';

/** Targets that never finish a delivery, so every publish stays pending in the journal. */
function holdingTargets(): FakeTargets {
  const targets = new FakeTargets();
  targets.sendToQueue = () => new Promise<never>(() => {});
  return targets;
}

describe('the SNS state journal', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sns-journal-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replays pending deliveries and ignores a line torn by a crash', async () => {
    const first = SnsService.start({ targets: holdingTargets(), stateDir: dir, retryDelaysMs: [] });
    first.model.createTopic('orders', {}, {});
    first.model.subscribe(TOPIC, 'sqs', queueArn('q'), { RawMessageDelivery: 'true' });
    first.publish(TOPIC, { message: 'kept', messageAttributes: {} });
    // What a crash in the middle of the next append leaves behind.
    appendFileSync(join(dir, 'sns-journal.jsonl'), '{"kind":"publish","publi');
    const targets = new FakeTargets();
    const second = SnsService.start({ targets, stateDir: dir, retryDelaysMs: [] });
    await second.idle();
    expect(targets.bodies(queueArn('q'))).toEqual(['kept']);
    await second.close();
  });

  it('compacts itself once it has grown, keeping state and pending deliveries', async () => {
    const service = SnsService.start({
      targets: holdingTargets(),
      stateDir: dir,
      retryDelaysMs: [],
      compactAfterBytes: 4096,
    });
    service.model.createTopic('orders', {}, {});
    service.model.subscribe(TOPIC, 'sqs', queueArn('q'), { RawMessageDelivery: 'true' });
    for (let index = 0; index < 200; index++)
      service.model.setTopicAttribute(TOPIC, 'DisplayName', `name ${index}`);
    service.publish(TOPIC, { message: 'pending', messageAttributes: {} });
    expect(statSync(join(dir, 'sns-journal.jsonl')).size).toBeLessThan(8192);
    const targets = new FakeTargets();
    const restarted = SnsService.start({ targets, stateDir: dir, retryDelaysMs: [] });
    await restarted.idle();
    expect(restarted.model.getTopicAttributes(TOPIC).DisplayName).toBe('name 199');
    expect(targets.bodies(queueArn('q'))).toEqual(['pending']);
    await restarted.close();
    // Delivered and closed: the next start has nothing left to deliver.
    const lines = readFileSync(join(dir, 'sns-journal.jsonl'), 'utf8').trim().split('\n');
    expect(lines.at(-1)).toContain('"kind":"delivered"');
  });
});
