import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Files above this size are taken as changed whenever they are touched, rather than read. */
const LARGEST_FINGERPRINTED_BYTES = 4 * 1024 * 1024;

/**
 * The content of each file seen changing, as a hash, to tell a save that changes a file from a
 * write that leaves it as it was: a build step in the app's command (`tsc && node lib/app.js`)
 * rewrites its output on every synthesis, which would otherwise reload the app for ever.
 *
 * @example
 * const fingerprints = new ContentFingerprints();
 * fingerprints.changed('/app/lib/app.js'); // true: never seen
 * fingerprints.changed('/app/lib/app.js'); // false: rewritten as it was
 */
export class ContentFingerprints {
  private readonly hashes = new Map<string, string>();

  /**
   * Whether `path` differs from when it was last asked about. A path never seen, a folder, a
   * removed file and a file too large to read count as changed.
   */
  changed(path: string): boolean {
    const hash = fingerprint(path);
    const previous = this.hashes.get(path);
    if (hash === undefined) {
      this.hashes.delete(path);
      return true;
    }
    this.hashes.set(path, hash);
    return hash !== previous;
  }
}

function fingerprint(path: string): string | undefined {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || stats.size > LARGEST_FINGERPRINTED_BYTES) return undefined;
    return createHash('sha256').update(readFileSync(path)).digest('base64');
  } catch {
    return undefined;
  }
}
