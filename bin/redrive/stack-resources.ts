import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { STACK_OUTPUT_NAMES, type StackOutputName } from '../../lib/stack-outputs';

/** The stack's outputs by name, as DescribeStacks reports them. */
export type StackOutputs = Readonly<Record<StackOutputName, string>>;

/** The one CloudFormation call the redrive needs: a stack's status and outputs. */
export type DescribeStack = (stackName: string) => Promise<{
  readonly status: string;
  readonly outputs: Readonly<Record<string, string>>;
}>;

/** Adapts a CloudFormationClient to {@link DescribeStack}. */
export function cloudFormationDescribeStack(client: CloudFormationClient): DescribeStack {
  return async (stackName) => {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks[0];
    if (stack === undefined) throw new Error(`CloudFormation describes no stack named ${stackName}`);
    return {
      status: stack.StackStatus ?? 'UNKNOWN',
      outputs: Object.fromEntries(
        (stack.Outputs ?? []).flatMap(({ OutputKey, OutputValue }) =>
          OutputKey === undefined || OutputValue === undefined ? [] : [[OutputKey, OutputValue]],
        ),
      ),
    };
  };
}

/** Stack statuses in which every resource is in place and working. */
export const WORKING_STATUSES: readonly string[] = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
];

/**
 * Finds the pipeline's queues and tables by the stack's outputs, as the README's walkthrough does,
 * and checks that the stack is in a stable, working state.
 *
 * @throws Error naming the stack's status, or every output the stack lacks.
 */
export async function findStackOutputs(
  describeStack: DescribeStack,
  stackName: string,
): Promise<StackOutputs> {
  const { status, outputs } = await describeStack(stackName);
  if (!WORKING_STATUSES.includes(status)) {
    throw new Error(
      `stack ${stackName} is ${status}: redrive needs a stack in one of ${WORKING_STATUSES.join(', ')}`,
    );
  }
  const missing = STACK_OUTPUT_NAMES.filter((name) => outputs[name] === undefined);
  if (missing.length > 0) {
    throw new Error(
      `stack ${stackName} has no output ${missing.join(', ')}: is it this pipeline, deployed from this version?`,
    );
  }
  return outputs as StackOutputs;
}
