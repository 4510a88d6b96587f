import { basename, isAbsolute, relative, resolve, sep } from 'node:path';

/** Folders whose changes never call for a synthesis, wherever they are: outputs, dependencies, history. */
export const IGNORED_FOLDER_NAMES: readonly string[] = ['cdk.out', 'node_modules', '.git'];

/**
 * Files editors write beside the one being saved (swap, backup and lock files, Vim's `4913` probe):
 * the save itself is seen on the file that is saved.
 */
const EDITOR_FILE_PATTERNS: readonly RegExp[] = [
  /~$/,
  /\.sw[a-p]$/,
  /^\.#/,
  /^#.*#$/,
  /^4913$/,
  /^\.DS_Store$/,
];

/**
 * Which paths under an app's folder a change of does not re-synthesize the app: anything in a
 * folder named in {@link IGNORED_FOLDER_NAMES}, anything under `ignoredFolders` (the state folder,
 * where synthesis writes), and editors' temporary files.
 *
 * @example
 * const rules = new WatchIgnoreRules('/app', ['/app/.state']);
 * rules.ignores('/app/cdk.out/manifest.json'); // true
 * rules.ignores('/app/handlers/echo.js'); // false
 */
export class WatchIgnoreRules {
  private readonly root: string;
  private readonly folders: readonly string[];

  /**
   * @param root the app's folder, which is watched
   * @param ignoredFolders more folders to leave out, absolute or relative to the working directory
   */
  constructor(root: string, ignoredFolders: readonly string[] = []) {
    this.root = resolve(root);
    this.folders = ignoredFolders.map((folder) => resolve(folder));
  }

  /** Whether a change of `path` (absolute, or relative to the app's folder) is to be left alone. */
  ignores(path: string): boolean {
    const absolute = isAbsolute(path) ? path : resolve(this.root, path);
    if (this.folders.some((folder) => absolute === folder || absolute.startsWith(folder + sep))) return true;
    const inside = relative(this.root, absolute);
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return true;
    if (inside.split(sep).some((segment) => IGNORED_FOLDER_NAMES.includes(segment))) return true;
    const name = basename(absolute);
    return EDITOR_FILE_PATTERNS.some((pattern) => pattern.test(name));
  }
}
