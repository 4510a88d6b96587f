import { renameSync, writeFileSync } from 'node:fs';

/**
 * Replaces a file's content all at once: written beside it, then renamed over it, so a `kill -9`
 * leaves either the old content or the new, never half of one.
 */
export function writeFileAtomically(path: string, content: string): void {
  const next = `${path}.next`;
  writeFileSync(next, content);
  renameSync(next, path);
}
