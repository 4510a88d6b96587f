import type {
  LocalEventSourceMappingDefinition,
  LocalQueueDefinition,
  LocalStackDefinition,
} from '../../src/assembly';
import { notPickedUpLine, planReload } from '../../src/reload-plan';
import { functionDefinitionFactory } from '../lambda/function-fixtures';

const HASH_V1 = 'a'.repeat(64);
const HASH_V2 = 'b'.repeat(64);

/** A function of a synthesis in `synth`, whose asset has content hash `hash`. */
function fn(name: 'echo' | 'consumer' | 'counter', synth: string, hash: string, overrides = {}) {
  return functionDefinitionFactory(`/app/cdk.out/${synth}`, name, {
    codeDirectory: `/app/cdk.out/${synth}/asset.${hash}`,
    ...overrides,
  });
}

function queue(logicalId: string, visibilityTimeout = '30'): LocalQueueDefinition {
  return {
    logicalId,
    queueName: `Orders-${logicalId}`,
    queueUrl: `http://127.0.0.1:4566/000000000000/Orders-${logicalId}`,
    queueArn: `arn:aws:sqs:us-east-1:000000000000:Orders-${logicalId}`,
    attributes: { VisibilityTimeout: visibilityTimeout },
  };
}

/** The parts of a stack a reload compares; the rest does not take part. */
function stack(parts: Partial<LocalStackDefinition>): LocalStackDefinition {
  return {
    queues: [],
    tables: [],
    functions: [],
    eventSourceMappings: [],
    alarms: [],
    ...parts,
  } as Partial<LocalStackDefinition> as LocalStackDefinition;
}

describe('what a new synthesis of a served app changes', () => {
  test('a function whose code changed is swapped; one whose asset hash is the same stays as it runs', () => {
    const running = [fn('echo', 'synth-1', HASH_V1), fn('consumer', 'synth-1', HASH_V1)];
    const echo = fn('echo', 'synth-2', HASH_V2);
    const consumer = fn('consumer', 'synth-2', HASH_V1);

    const plan = planReload([stack({ functions: running })], running, [
      stack({ functions: [echo, consumer] }),
    ]);

    expect(plan.swapped).toEqual([echo]);
    // The running definition, whose folder its instances use.
    expect(plan.unchanged).toEqual([running[1]]);
    expect(plan.notPickedUp).toEqual([]);
  });

  test('a function whose settings changed is swapped even with the same code', () => {
    const running = [fn('echo', 'synth-1', HASH_V1)];
    const echo = fn('echo', 'synth-2', HASH_V1, { timeoutSeconds: 10, environment: { STAGE: 'dev' } });

    const plan = planReload([stack({ functions: running })], running, [stack({ functions: [echo] })]);

    expect(plan.swapped).toEqual([echo]);
  });

  test("a layer's content counts as the code does: by its asset's content hash, whichever synthesis holds it", () => {
    const layer = (synth: string, hash: string) => ({
      arn: 'arn:aws:lambda:us-east-1:000000000000:layer:Shared:1',
      contentDirectory: `/app/cdk.out/${synth}/asset.${hash}`,
    });
    const running = [
      fn('echo', 'synth-1', HASH_V1, { layers: [layer('synth-1', HASH_V1)] }),
      fn('consumer', 'synth-1', HASH_V1, { layers: [layer('synth-1', HASH_V1)] }),
    ];
    const echo = fn('echo', 'synth-2', HASH_V1, { layers: [layer('synth-2', HASH_V1)] });
    const consumer = fn('consumer', 'synth-2', HASH_V1, { layers: [layer('synth-2', HASH_V2)] });

    const plan = planReload([], running, [stack({ functions: [echo, consumer] })]);

    expect(plan.unchanged).toEqual([running[0]]);
    expect(plan.swapped).toEqual([consumer]);
  });

  test('a code folder not named by its content hash is always taken as changed', () => {
    const running = [fn('echo', 'synth-1', HASH_V1, { codeDirectory: '/app/dist/echo' })];
    const echo = fn('echo', 'synth-2', HASH_V1, { codeDirectory: '/app/dist2/echo' });

    expect(planReload([], running, [stack({ functions: [echo] })]).swapped).toEqual([echo]);
  });

  test('queues, functions and mappings added, removed or changed are listed, not picked up', () => {
    const mapping = {
      logicalId: 'ConsumerSqsEventSource1A2B3C4D',
      functionName: 'OrderPipeline-consumer',
      eventSourceArn: queue('Inbox').queueArn,
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: false,
      enabled: true,
      filterPatterns: [],
    } satisfies LocalEventSourceMappingDefinition;
    const running = stack({
      queues: [queue('Inbox'), queue('Old')],
      functions: [fn('echo', 'synth-1', HASH_V1), fn('consumer', 'synth-1', HASH_V1)],
      eventSourceMappings: [mapping],
    });
    const next = stack({
      queues: [queue('Inbox', '60'), queue('Outbox')],
      functions: [fn('echo', 'synth-2', HASH_V1), fn('counter', 'synth-2', HASH_V1)],
      eventSourceMappings: [{ ...mapping, batchSize: 5 }],
    });

    const plan = planReload([running], running.functions, [next]);

    expect(plan.notPickedUp).toEqual([
      { change: 'changed', type: 'queue', logicalId: 'Inbox' },
      { change: 'added', type: 'queue', logicalId: 'Outbox' },
      { change: 'removed', type: 'queue', logicalId: 'Old' },
      { change: 'changed', type: 'event source mapping', logicalId: 'ConsumerSqsEventSource1A2B3C4D' },
      { change: 'added', type: 'function', logicalId: 'Counter0A1B2C3D' },
      { change: 'removed', type: 'function', logicalId: 'Consumer0A1B2C3D' },
    ]);
    expect(notPickedUpLine(plan.notPickedUp)).toBe(
      'the new template adds queue Outbox, function Counter0A1B2C3D and removes queue Old, function Consumer0A1B2C3D and changes queue Inbox, event source mapping ConsumerSqsEventSource1A2B3C4D: restart local-cloud serve to pick them up',
    );
  });

  test('one change is told as it', () => {
    expect(notPickedUpLine([{ change: 'added', type: 'queue', logicalId: 'Outbox1A2B3C4D' }])).toBe(
      'the new template adds queue Outbox1A2B3C4D: restart local-cloud serve to pick it up',
    );
  });
});
