import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/**
 * The folders a watched app is synthesized into, a fresh one each time: instances still running
 * the last code keep its files while the next synthesis writes its own. They sit together under
 * one folder of the app's `cdk.out` (where the CDK writes, so it is never watched), which goes at
 * the end; a synthesis that is no longer used goes as soon as that is known.
 *
 * @example
 * const folders = SynthesisFolders.create('/app');
 * const outdir = folders.next(); // /app/cdk.out/local-cloud-watch-AbC123/synth-1
 * folders.removeUnused([codeDirectory]);
 * folders.removeAll();
 */
export class SynthesisFolders {
  private count = 0;
  /** Folders handed out whose synthesis has not yet been taken up or removed: never removed as unused. */
  private readonly pending = new Set<string>();

  private constructor(
    /** The folder holding every synthesis of this run. */
    public readonly root: string,
  ) {}

  /** A folder of its own for this run, so that two runs on one app never remove each other's. */
  static create(appDirectory: string): SynthesisFolders {
    const cdkOut = join(resolve(appDirectory), 'cdk.out');
    mkdirSync(cdkOut, { recursive: true });
    return new SynthesisFolders(mkdtempSync(join(cdkOut, 'local-cloud-watch-')));
  }

  /** A new, empty folder to synthesize into. */
  next(): string {
    this.count++;
    const folder = join(this.root, `synth-${this.count}`);
    mkdirSync(folder);
    this.pending.add(folder);
    return folder;
  }

  /** The synthesis in `folder` is taken up: from now on it goes when no function uses it. */
  settled(folder: string): void {
    this.pending.delete(folder);
  }

  /** Removes one synthesis, such as one that failed. */
  remove(folder: string): void {
    this.pending.delete(folder);
    rmSync(folder, { recursive: true, force: true });
  }

  /**
   * Removes every settled synthesis that holds none of `inUse` (the code folders that functions
   * and their instances run).
   */
  removeUnused(inUse: Iterable<string>): void {
    if (!existsSync(this.root)) return;
    const used = [...inUse].map((folder) => resolve(folder));
    for (const folder of readdirSync(this.root).map((name) => join(this.root, name))) {
      if (this.pending.has(folder)) continue;
      if (!used.some((path) => path === folder || path.startsWith(folder + sep))) this.remove(folder);
    }
  }

  /** Removes every synthesis of this run: at the end, when no instance runs any more. */
  removeAll(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
