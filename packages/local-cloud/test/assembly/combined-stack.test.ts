import { combinedStackDefinition, localStackDefinition } from '../../src/assembly';
import { stackFactory, TEST_ENVIRONMENT } from './template-factory';

/** A stack of one queue whose outputs are literal values. */
function definitionOf(stackName: string, outputs: Record<string, string>) {
  const stack = stackFactory(
    { Queue: { Type: 'AWS::SQS::Queue' } },
    { Outputs: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { Value: value }])) },
    stackName,
  );
  return localStackDefinition(stack, TEST_ENVIRONMENT);
}

describe('combinedStackDefinition', () => {
  test("keeps the given order of queues and gives the primary stack's outputs precedence", () => {
    const shared = definitionOf('Shared', { Url: 'shared-url', SharedOnly: 'a' });
    const consumer = definitionOf('Consumer', { Url: 'consumer-url', ConsumerOnly: 'b' });

    const combined = combinedStackDefinition([shared, consumer], 'Consumer');

    expect(combined.stackName).toBe('Consumer');
    expect(combined.resolver).toBe(consumer.resolver);
    expect(combined.queues.map((queue) => queue.queueName)).toStrictEqual(['Shared-Queue', 'Consumer-Queue']);
    expect(combined.outputs).toStrictEqual({ Url: 'consumer-url', SharedOnly: 'a', ConsumerOnly: 'b' });
  });

  test('returns a single definition as it is', () => {
    const only = definitionOf('Only', {});

    expect(combinedStackDefinition([only])).toBe(only);
  });

  test('fails when there is no stack to combine', () => {
    expect(() => combinedStackDefinition([])).toThrow(/no stack to combine/);
  });
});
