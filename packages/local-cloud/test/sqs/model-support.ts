import { SqsError } from '../../src/sqs/errors';

/** The SqsError an operation of the model throws; fails the test when it throws nothing or something else. */
export function sqsErrorOf(action: () => unknown): SqsError {
  try {
    action();
  } catch (error) {
    if (error instanceof SqsError) return error;
    throw error;
  }
  throw new Error('expected an SqsError');
}
