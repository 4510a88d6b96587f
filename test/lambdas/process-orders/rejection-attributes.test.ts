import {
  capErrors,
  MAX_ERRORS_ATTRIBUTE_BYTES,
  rejectionMessageAttributes,
} from '../../../lambdas/process-orders/rejection-attributes';
import { SQS_LIMITS } from '../../../shared/sqs-limits';
import { ORDERS_QUEUE_ARN, rejectionFactory } from '../support/sqs-record-factory';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('rejectionMessageAttributes', () => {
  it('carries reason, errors as a JSON array, source message id and source queue ARN as strings', () => {
    expect(rejectionMessageAttributes(rejectionFactory())).toStrictEqual({
      RejectionReason: { DataType: 'String', StringValue: 'INVALID_ORDER' },
      RejectionErrors: { DataType: 'String', StringValue: '["customerAddress: is required"]' },
      SourceMessageId: { DataType: 'String', StringValue: 'm-1' },
      SourceQueueArn: { DataType: 'String', StringValue: ORDERS_QUEUE_ARN },
    });
  });

  it('caps the errors at 4 KiB', () => {
    const errors = Array.from(
      { length: 1000 },
      (_, index) => `items[${index}]: must NOT have fewer than 1 characters`,
    );

    const attributes = rejectionMessageAttributes(rejectionFactory({ errors }));

    const value = attributes.RejectionErrors.StringValue ?? '';
    expect(bytes(value)).toBeLessThanOrEqual(MAX_ERRORS_ATTRIBUTE_BYTES);
    expect(JSON.parse(value).at(-1)).toMatch(
      /more error\(s\) not shown: RejectionErrors is capped at 4096 bytes/,
    );
  });

  it('shrinks the errors further when the body leaves less room, keeping body and attributes within 1 MiB', () => {
    const body = 'x'.repeat(SQS_LIMITS.maxMessageBytes - 1500);
    const errors = Array.from({ length: 200 }, (_, index) => `error number ${index}`);

    const attributes = rejectionMessageAttributes(rejectionFactory({ body, errors }));

    const attributeBytes = Object.entries(attributes).reduce(
      (total, [name, { DataType, StringValue }]) =>
        total + bytes(name) + bytes(DataType ?? '') + bytes(StringValue ?? ''),
      0,
    );
    expect(bytes(body) + attributeBytes).toBeLessThanOrEqual(SQS_LIMITS.maxMessageBytes);
    expect(JSON.parse(attributes.RejectionErrors.StringValue ?? '')[0]).toBe('error number 0');
  });
});

describe('capErrors', () => {
  it('returns every error when they fit', () => {
    expect(capErrors(['a', 'b'], 100)).toBe('["a","b"]');
  });

  it('keeps whole errors, shortens the next one and says how many more were left out', () => {
    const capped = capErrors(['first error', 'x'.repeat(200), 'third', 'fourth'], 120);

    expect(bytes(capped)).toBeLessThanOrEqual(120);
    expect(JSON.parse(capped)).toStrictEqual([
      'first error',
      `${'x'.repeat(29)}…`,
      '(2 more error(s) not shown: RejectionErrors is capped at 120 bytes)',
    ]);
  });

  it('leaves an error out rather than keep a stub of it', () => {
    const capped = capErrors(
      ['first error', 'second error, which is far too long to fit', 'third error', 'fourth error'],
      88,
    );

    expect(JSON.parse(capped)).toStrictEqual([
      'first error',
      '(3 more error(s) not shown: RejectionErrors is capped at 88 bytes)',
    ]);
  });

  it('shortens a single error that is too long on its own', () => {
    const capped = capErrors([`body is not JSON: ${'é'.repeat(500)}`], 120);

    expect(bytes(capped)).toBeLessThanOrEqual(120);
    expect(JSON.parse(capped)).toStrictEqual([
      expect.stringMatching(/^body is not JSON: é+…$/),
      '(error shortened: RejectionErrors is capped at 120 bytes)',
    ]);
  });
});
