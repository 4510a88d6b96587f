import { resolve } from 'node:path';
import type { CloudReload, LocalCloud } from '../cloud';
import { notPickedUpLine } from '../reload-plan';
import { AppWatcher, latestChange } from './app-watcher';
import { ReloadScheduler } from './reload-scheduler';
import { synthesisFailureLine } from './synthesis-failure';
import type { SynthesisFolders } from './synthesis-folders';
import { AppSynthesisError, synthesizeAppInBackground } from './synthesize-app';
import { IGNORED_FOLDER_NAMES, WatchIgnoreRules } from './watch-ignore';

/** Options of an {@link AppReloader}. */
export interface AppReloaderOptions {
  /** The CDK app's folder, watched and synthesized. */
  readonly appDirectory: string;
  /** CDK context for every synthesis, as with `cdk synth -c`. */
  readonly context: Readonly<Record<string, string>>;
  /** The cloud serving the app: its functions are swapped on each good synthesis. */
  readonly cloud: LocalCloud;
  /** Where each synthesis goes, and whence it is removed once no instance runs it. */
  readonly folders: SynthesisFolders;
  /** More folders whose changes never reload, such as the state folder. @default [] */
  readonly ignoredFolders?: readonly string[];
  /** Prints one line for the user. */
  readonly write: (line: string) => void;
  /** Real milliseconds of quiet after a change before the app synthesizes. @default 150 */
  readonly quietMs?: number;
}

/**
 * `local-cloud serve --watch`: synthesizes the app again after each burst of changes to its source,
 * then swaps the functions' code in the running cloud (see {@link LocalCloud.reload}) and says so
 * in one line. A synthesis that fails leaves the last good code serving; the next save tries again.
 * The CDK's template validation is left out of these syntheses, as it takes most of a small app's
 * synthesis time; the first synthesis, at the start, ran it.
 *
 * @example
 * const reloader = new AppReloader({ appDirectory, context, cloud, folders, write: console.log });
 * reloader.start();
 * await reloader.stop();
 */
export class AppReloader {
  private readonly ignore: WatchIgnoreRules;
  private readonly watcher: AppWatcher;
  private readonly scheduler: ReloadScheduler;
  /** Ends a synthesis that runs when the reloader stops. */
  private readonly stopping = new AbortController();

  constructor(private readonly options: AppReloaderOptions) {
    this.ignore = new WatchIgnoreRules(options.appDirectory, [
      options.folders.root,
      ...(options.ignoredFolders ?? []),
    ]);
    this.scheduler = new ReloadScheduler({
      quietMs: options.quietMs,
      run: (firstChangeAt) => this.reload(firstChangeAt),
      onError: (error) =>
        options.write(`Reload failed, still serving the last good code: ${messageOf(error)}`),
    });
    this.watcher = new AppWatcher({
      root: options.appDirectory,
      ignore: this.ignore,
      onChange: () => this.scheduler.changed(),
      onProblem: (problem) => options.write(`warning: ${problem}`),
    });
  }

  /**
   * Starts watching, and says what is watched.
   *
   * @param synthesizedAt when the synthesis that serves now started (epoch ms): a file saved since
   *   then reloads the app at once. @default - no reload before the next change
   */
  start(synthesizedAt?: number): void {
    this.watcher.start();
    if (synthesizedAt !== undefined && latestChange(this.options.appDirectory, this.ignore) > synthesizedAt) {
      this.scheduler.changed();
    }
    this.options.write(
      `Watching ${resolve(this.options.appDirectory)} for changes (not ${IGNORED_FOLDER_NAMES.join(', ')}): each save synthesizes the app again and swaps its functions' code`,
    );
  }

  /** Stops watching, and ends a synthesis that runs. */
  async stop(): Promise<void> {
    this.watcher.close();
    this.stopping.abort();
    await this.scheduler.close();
  }

  private async reload(firstChangeAt: number): Promise<void> {
    const { cloud, folders, write } = this.options;
    const outdir = folders.next();
    let reload: CloudReload;
    try {
      await synthesizeAppInBackground(
        this.options.appDirectory,
        { context: this.options.context, outdir, validate: false },
        this.stopping.signal,
      );
      reload = cloud.reload(outdir);
    } catch (error) {
      folders.remove(outdir);
      if (this.stopping.signal.aborted) return;
      throw error;
    }
    folders.settled(outdir);
    const count = reload.swapped.length;
    const unchanged =
      reload.unchanged.length === 0 ? '' : ` (${reload.unchanged.length} unchanged, kept warm)`;
    write(
      `Reloaded ${count} function${count === 1 ? '' : 's'} from ${outdir} in ${Date.now() - firstChangeAt} ms${unchanged}`,
    );
    if (reload.notPickedUp.length > 0) write(`warning: ${notPickedUpLine(reload.notPickedUp)}`);
    void reload.retired
      .then(() => folders.removeUnused(cloud.lambda.foldersInUse()))
      .catch((error: Error) => write(`warning: an old synthesis stays until the end: ${error.message}`));
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AppSynthesisError) return synthesisFailureLine(error.message);
  return error instanceof Error ? error.message : String(error);
}
