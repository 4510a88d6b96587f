import type { IntrinsicResolver } from './intrinsic-resolver';
import type { LogicalResource } from './template';

/** A resource's `Properties`, unresolved; `{}` when it has none. */
export function properties(resource: LogicalResource): Record<string, unknown> {
  return (resource.resource.Properties ?? {}) as Record<string, unknown>;
}

/**
 * Resolves only the properties the local cloud reads, so that a reference it cannot resolve (a KMS
 * key, say) in a property it ignores does not stop the stack from running locally.
 */
export function resolveSome(
  resolver: IntrinsicResolver,
  resource: LogicalResource,
  names: readonly string[],
): Record<string, unknown> {
  const all = properties(resource);
  const resolved: Record<string, unknown> = {};
  for (const name of names) {
    if (all[name] !== undefined) {
      resolved[name] = resolver.resolve(all[name], `${resource.logicalId}.Properties.${name}`);
    }
  }
  return resolved;
}
