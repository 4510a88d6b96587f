import { createHash } from 'node:crypto';

/**
 * The UUID of an event source mapping, derived from its logical id so that it stays the same across
 * restarts of the local cloud (in AWS it stays the same for as long as the stack keeps the
 * resource): a name-based UUID (version 5 layout) of the SHA-1 of the logical id.
 *
 * @example
 * eventSourceMappingUuid('ProcessOrdersSqsEventSourceOrderPipelineQueuesOrdersQueue1A58492072F3E8C4');
 * // 'a3f1c2d4-…-5…' (the same string every time)
 */
export function eventSourceMappingUuid(logicalId: string): string {
  const bytes = createHash('sha1')
    .update(`AWS::Lambda::EventSourceMapping/${logicalId}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
