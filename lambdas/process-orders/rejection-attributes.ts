import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { REJECTION_ATTRIBUTES } from '../../shared/rejection';
import { SQS_LIMITS } from '../../shared/sqs-limits';
import type { Rejection } from './types';

/**
 * Most bytes the `RejectionErrors` attribute may take. A reader needs the first few errors, not all
 * (`validateOrder` lists at most 20 and counts the rest), and the attribute must fit in a message
 * next to a body of up to 1 MiB.
 */
export const MAX_ERRORS_ATTRIBUTE_BYTES = 4 * 1024;

/** Room kept for the errors attribute even when the body leaves none, so the reason is still readable. */
const MIN_ERRORS_ATTRIBUTE_BYTES = 256;

const STRING = 'String';

/**
 * The message attributes ProcessOrders puts on a message it forwards to the dead-letter queue (the
 * contract in `shared/rejection.ts`). The errors attribute is capped so that body and attributes
 * stay within the SQS message limit whenever the body leaves room for them.
 */
export function rejectionMessageAttributes(
  rejection: Rejection,
  maxMessageBytes: number = SQS_LIMITS.maxMessageBytes,
): Record<string, MessageAttributeValue> {
  const fixed: Record<string, MessageAttributeValue> = {
    [REJECTION_ATTRIBUTES.reason]: { DataType: STRING, StringValue: rejection.reason },
    [REJECTION_ATTRIBUTES.sourceMessageId]: { DataType: STRING, StringValue: rejection.sourceMessageId },
    [REJECTION_ATTRIBUTES.sourceQueueArn]: { DataType: STRING, StringValue: rejection.sourceQueueArn },
  };
  // SQS counts the body plus each attribute's name, data type and value against the message limit.
  const used =
    utf8Bytes(rejection.body) +
    Object.entries(fixed).reduce(
      (total, [name, value]) => total + utf8Bytes(name) + STRING.length + utf8Bytes(value.StringValue ?? ''),
      0,
    ) +
    utf8Bytes(REJECTION_ATTRIBUTES.errors) +
    STRING.length;
  const errorsBudget = Math.max(
    MIN_ERRORS_ATTRIBUTE_BYTES,
    Math.min(MAX_ERRORS_ATTRIBUTE_BYTES, maxMessageBytes - used),
  );
  return {
    ...fixed,
    [REJECTION_ATTRIBUTES.errors]: {
      DataType: STRING,
      StringValue: capErrors(rejection.errors, errorsBudget),
    },
  };
}

/**
 * The errors as a JSON string array of at most `maxBytes` UTF-8 bytes. When they do not all fit,
 * it keeps as many whole errors as it can, cuts the next one short (ending in `…`) and ends with a
 * note saying how many were left out.
 *
 * @example capErrors(['a: is required', 'b: is required'], 4096) === '["a: is required","b: is required"]'
 */
export function capErrors(errors: readonly string[], maxBytes: number): string {
  const whole = JSON.stringify(errors);
  if (utf8Bytes(whole) <= maxBytes) return whole;
  const fits = (candidate: readonly string[]) => utf8Bytes(JSON.stringify(candidate)) <= maxBytes;
  const kept: string[] = [];
  for (const [index, error] of errors.entries()) {
    const noteIfShortened = omissionNote(errors.length - index - 1, maxBytes);
    if (fits([...kept, error, noteIfShortened])) {
      kept.push(error);
      continue;
    }
    const prefix = longestPrefix(error, (candidate) => fits([...kept, `${candidate}…`, noteIfShortened]));
    const capped =
      prefix === ''
        ? [...kept, omissionNote(errors.length - index, maxBytes)]
        : [...kept, `${prefix}…`, noteIfShortened];
    return fits(capped) ? JSON.stringify(capped) : '[]';
  }
  return JSON.stringify(kept);
}

function omissionNote(omitted: number, maxBytes: number): string {
  const cap = `${REJECTION_ATTRIBUTES.errors} is capped at ${maxBytes} bytes`;
  return omitted === 0 ? `(error shortened: ${cap})` : `(${omitted} more error(s) not shown: ${cap})`;
}

/** The longest prefix of `text`, whole code points only, that `fits` accepts ('' if none). */
function longestPrefix(text: string, fits: (prefix: string) => boolean): string {
  const codePoints = Array.from(text);
  let low = 0;
  let high = codePoints.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(codePoints.slice(0, middle).join(''))) low = middle;
    else high = middle - 1;
  }
  return codePoints.slice(0, low).join('');
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
