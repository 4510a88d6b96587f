import { type Dirent, type FSWatcher, readdirSync, type Stats, statSync, watch } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ContentFingerprints } from './content-fingerprints';
import type { WatchIgnoreRules } from './watch-ignore';

/** Options of an {@link AppWatcher}. */
export interface AppWatcherOptions {
  /** The app's folder; everything below it is watched. */
  readonly root: string;
  /** What not to watch, and whose changes not to report. */
  readonly ignore: WatchIgnoreRules;
  /**
   * Told about every change that is not ignored, with the absolute path that changed. A file
   * written again with the content it had is no change.
   */
  readonly onChange: (path: string) => void;
  /** Told about a folder that cannot be watched, so its changes go unseen. @default - nobody */
  readonly onProblem?: (message: string) => void;
  /**
   * Watches the whole tree with one recursive `fs.watch`. Where the system watches a tree natively
   * (macOS, Windows) that is cheapest. On Linux, Node.js 20 emulates it with a watcher per file of
   * the tree, node_modules included, so the watcher walks the folders itself instead, skipping the
   * ignored ones, with one (inotify) watcher per folder.
   * @default - true on macOS and Windows, false elsewhere
   */
  readonly recursive?: boolean;
}

/** Platforms whose `fs.watch` watches a tree natively. */
const NATIVE_RECURSIVE_PLATFORMS: readonly string[] = ['darwin', 'win32'];

/**
 * Watches an app's source for changes: every file below its folder but those the ignore rules
 * leave out. Folders made (or moved in) after the start are watched as they appear.
 *
 * @example
 * const watcher = new AppWatcher({ root: app, ignore: new WatchIgnoreRules(app), onChange: console.log });
 * watcher.start();
 * watcher.close();
 */
export class AppWatcher {
  private readonly root: string;
  private readonly recursive: boolean;
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly fingerprints = new ContentFingerprints();
  private closed = false;

  constructor(private readonly options: AppWatcherOptions) {
    this.root = resolve(options.root);
    this.recursive = options.recursive ?? NATIVE_RECURSIVE_PLATFORMS.includes(process.platform);
  }

  /** Starts watching. */
  start(): void {
    if (!this.recursive) {
      this.watchTree(this.root);
      return;
    }
    const watcher = watch(this.root, { recursive: true }, (_event, name) =>
      this.changed(name === null ? this.root : join(this.root, name)),
    );
    // The app's folder was removed: there is nothing left to watch, and the cloud keeps serving.
    watcher.on('error', () => this.unwatch(this.root));
    this.watchers.set(this.root, watcher);
  }

  /** The folders watched one by one (none with a recursive watcher), for tests. */
  get folders(): string[] {
    return this.recursive ? [] : [...this.watchers.keys()];
  }

  /** Stops watching for good. */
  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Watches a folder and those below it that are not ignored. */
  private watchTree(folder: string): void {
    if (this.closed || this.watchers.has(folder) || this.options.ignore.ignores(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => this.changedIn(folder, name));
      // A folder that is removed ends its watcher with an error on some systems.
      watcher.on('error', () => this.unwatch(folder));
      this.watchers.set(folder, watcher);
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        // A symbolic link is not followed: it may lead out of the app, or back into it.
        if (entry.isDirectory()) this.watchTree(join(folder, entry.name));
      }
    } catch (error) {
      // ENOENT: gone before it could be watched (a save's temporary folder); its parent's event told of it.
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') return;
      const hint =
        code === 'ENOSPC' ? ' (the system watches no more folders: raise fs.inotify.max_user_watches)' : '';
      this.options.onProblem?.(`changes in ${folder} go unseen: ${(error as Error).message}${hint}`);
    }
  }

  /** A change in a folder watched on its own: a new folder is watched, a removed one forgotten. */
  private changedIn(folder: string, name: string | null): void {
    const path = name === null ? folder : join(folder, name);
    if (this.closed || this.options.ignore.ignores(path)) return;
    const stats = statOrUndefined(path);
    if (stats === undefined) this.unwatch(path);
    else if (stats.isDirectory()) this.watchTree(path);
    this.changed(path);
  }

  private changed(path: string): void {
    if (this.closed || this.options.ignore.ignores(path) || !this.fingerprints.changed(path)) return;
    this.options.onChange(path);
  }

  /** Stops watching a folder that is gone, and the folders below it. */
  private unwatch(folder: string): void {
    for (const [watched, watcher] of this.watchers) {
      if (watched === folder || watched.startsWith(folder + sep)) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }
}

/**
 * The latest modification time (epoch ms) of the files below `folder` that the rules do not ignore:
 * what changed before a watcher started, while the app synthesized for the first time.
 */
export function latestChange(folder: string, ignore: WatchIgnoreRules): number {
  let latest = 0;
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    // Gone meanwhile, or not readable: nothing of it is watched either.
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (ignore.ignores(path)) continue;
    if (entry.isDirectory()) latest = Math.max(latest, latestChange(path, ignore));
    else if (entry.isFile()) latest = Math.max(latest, statOrUndefined(path)?.mtimeMs ?? 0);
  }
  return latest;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}
