import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { PutCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * A DynamoDB table in memory that answers `PutItem` the way DynamoDB does for
 * `attribute_not_exists(<key>)` with `ReturnValuesOnConditionCheckFailure: ALL_OLD`: the existing
 * item comes back, marshalled, on the error. Plug `put` into aws-sdk-client-mock's `callsFake`.
 */
export class FakeTable {
  readonly items = new Map<string, Record<string, unknown>>();
  /** Errors to throw instead of writing, by key value. */
  readonly failures = new Map<string, unknown>();

  constructor(private readonly key: string) {}

  put = async (input: PutCommandInput): Promise<Record<string, never>> => {
    const item = input.Item ?? {};
    const keyValue = String(item[this.key]);
    const failure = this.failures.get(keyValue);
    if (failure !== undefined) throw failure;
    if (input.ConditionExpression !== `attribute_not_exists(${this.key})`) {
      throw new Error(
        `FakeTable only supports attribute_not_exists(${this.key}), got ${input.ConditionExpression}`,
      );
    }
    const existing = this.items.get(keyValue);
    if (existing) {
      throw new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: input.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' ? marshallStrings(existing) : undefined,
      });
    }
    this.items.set(keyValue, item);
    return {};
  };
}

/** Enough of DynamoDB's marshalling for these tests: strings, numbers and lists of them. */
function marshallStrings(item: Record<string, unknown>): Record<string, AttributeValue> {
  const marshall = (value: unknown): AttributeValue =>
    Array.isArray(value)
      ? { L: value.map(marshall) }
      : typeof value === 'number'
        ? { N: String(value) }
        : { S: String(value) };
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, marshall(value)]));
}
