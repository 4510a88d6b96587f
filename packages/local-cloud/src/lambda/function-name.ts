import { ResourceNotFoundException } from './errors';

/**
 * A function named as Lambda's API accepts it: a name, a full or partial ARN, each optionally with a
 * `:$LATEST` qualifier. The local cloud runs only `$LATEST`.
 */
export function functionNameOf(identifier: string, qualifier?: string): string {
  const match = /^(?:arn:[^:]+:lambda:[^:]*:\d*:function:|\d{12}:function:)?([^:]+)(?::([^:]+))?$/.exec(
    identifier,
  );
  const name = match?.[1] ?? identifier;
  const version = qualifier ?? match?.[2];
  if (version !== undefined && version !== '$LATEST') {
    throw new ResourceNotFoundException(`${name}:${version} (the local cloud runs $LATEST only)`);
  }
  return name;
}
