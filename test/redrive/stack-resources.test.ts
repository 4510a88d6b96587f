import { findStackOutputs } from '../../bin/redrive/stack-resources';
import { STACK_OUTPUT_NAMES } from '../../lib/stack-outputs';

const ALL_OUTPUTS = Object.fromEntries(STACK_OUTPUT_NAMES.map((name) => [name, `value-of-${name}`]));

describe('findStackOutputs', () => {
  test("gives the stack's outputs by name when it is deployed and complete", async () => {
    const outputs = await findStackOutputs(
      async () => ({ status: 'UPDATE_COMPLETE', outputs: ALL_OUTPUTS }),
      'S',
    );
    expect(outputs.RejectedOrdersTableName).toBe('value-of-RejectedOrdersTableName');
  });

  test('fails if the stack is not in a working state, naming it', async () => {
    await expect(
      findStackOutputs(async () => ({ status: 'UPDATE_IN_PROGRESS', outputs: ALL_OUTPUTS }), 'S'),
    ).rejects.toThrow(/stack S is UPDATE_IN_PROGRESS/);
  });

  test('fails if outputs are missing, naming each', async () => {
    const { OrdersQueueUrl: _orders, DeadLetterQueueUrl: _dlq, ...rest } = ALL_OUTPUTS;
    await expect(
      findStackOutputs(async () => ({ status: 'CREATE_COMPLETE', outputs: rest }), 'S'),
    ).rejects.toThrow(/stack S has no output OrdersQueueUrl, DeadLetterQueueUrl/);
  });
});
