/**
 * Jest snapshot serializer that replaces asset hashes (64 hex digits) with a placeholder.
 *
 * A bundled asset's S3 key is the hash of the bundle, so any change to a handler or a dependency
 * would otherwise rewrite the template snapshot; the snapshot guards the infrastructure, and the
 * fine-grained assertions cover the code.
 */
const ASSET_HASH = /[0-9a-f]{64}/g;
const PLACEHOLDER = '[ASSET_HASH]';

export function test(value: unknown): boolean {
  return typeof value === 'string' && new RegExp(ASSET_HASH.source).test(value);
}

export function serialize(value: string): string {
  return JSON.stringify(value.replace(ASSET_HASH, PLACEHOLDER));
}
