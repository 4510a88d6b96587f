import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppWatcher, latestChange } from '../../src/cli/app-watcher';
import { WatchIgnoreRules } from '../../src/cli/watch-ignore';

/** Real milliseconds a change may take to be reported. */
const REPORT_DEADLINE_MS = 5_000;
/** How long to wait before concluding that a change is not reported. */
const SILENCE_MS = 300;

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + REPORT_DEADLINE_MS;
  while (!condition() && Date.now() < deadline) await sleep(10);
}

describe.each([
  ['folder by folder', false],
  ['with a recursive watcher', true],
])('an app watched %s', (_how, recursive) => {
  let app: string;
  let changes: string[];
  let watcher: AppWatcher;

  beforeEach(() => {
    app = mkdtempSync(join(tmpdir(), 'watched-app-'));
    for (const folder of ['lambda', 'cdk.out', 'node_modules/left-pad', '.state']) {
      mkdirSync(join(app, folder), { recursive: true });
    }
    writeFileSync(join(app, 'app.js'), '// v1');
    changes = [];
    watcher = new AppWatcher({
      root: app,
      ignore: new WatchIgnoreRules(app, [join(app, '.state')]),
      onChange: (path) => changes.push(path),
      recursive,
    });
    watcher.start();
  });

  afterEach(() => {
    watcher.close();
    rmSync(app, { recursive: true, force: true });
  });

  test('reports a saved file, in the app and in a folder below it', async () => {
    writeFileSync(join(app, 'app.js'), '// v2');
    writeFileSync(join(app, 'lambda', 'handler.js'), 'exports.handler = async () => 1;');
    await waitFor(() => changes.includes(join(app, 'lambda', 'handler.js')));

    expect(changes).toContain(join(app, 'app.js'));
    expect(changes).toContain(join(app, 'lambda', 'handler.js'));
  });

  test('does not report what the CDK, npm or the state folder write', async () => {
    writeFileSync(join(app, 'cdk.out', 'manifest.json'), '{}');
    writeFileSync(join(app, 'node_modules', 'left-pad', 'index.js'), '');
    writeFileSync(join(app, '.state', 'journal.jsonl'), '');
    await sleep(SILENCE_MS);

    expect(changes).toEqual([]);
  });

  test('reports a file in a folder made after the start', async () => {
    mkdirSync(join(app, 'lambda', 'orders'));
    await sleep(SILENCE_MS);
    writeFileSync(join(app, 'lambda', 'orders', 'index.js'), '');
    await waitFor(() => changes.includes(join(app, 'lambda', 'orders', 'index.js')));

    expect(changes).toContain(join(app, 'lambda', 'orders', 'index.js'));
  });

  test('does not report a file written again as it was, as a build step in the app command writes it', async () => {
    writeFileSync(join(app, 'lambda', 'built.js'), 'exports.v = 1;');
    await waitFor(() => changes.includes(join(app, 'lambda', 'built.js')));
    await sleep(SILENCE_MS);
    changes.length = 0;

    writeFileSync(join(app, 'lambda', 'built.js'), 'exports.v = 1;');
    await sleep(SILENCE_MS);
    expect(changes).toEqual([]);

    writeFileSync(join(app, 'lambda', 'built.js'), 'exports.v = 2;');
    await waitFor(() => changes.length > 0);
    expect(changes).toContain(join(app, 'lambda', 'built.js'));
  });

  test('stops reporting once closed', async () => {
    watcher.close();
    writeFileSync(join(app, 'app.js'), '// v3');
    await sleep(SILENCE_MS);

    expect(changes).toEqual([]);
  });
});

describe('what changed before the watch started', () => {
  test('is the latest modification of a file that is not ignored', () => {
    const app = mkdtempSync(join(tmpdir(), 'watched-app-'));
    try {
      mkdirSync(join(app, 'lambda'));
      mkdirSync(join(app, 'cdk.out'));
      writeFileSync(join(app, 'lambda', 'handler.js'), '');
      writeFileSync(join(app, 'cdk.out', 'manifest.json'), '');
      utimesSync(join(app, 'lambda', 'handler.js'), 1000, 1000);
      utimesSync(join(app, 'cdk.out', 'manifest.json'), 5000, 5000);

      expect(latestChange(app, new WatchIgnoreRules(app))).toBe(1_000_000);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});

describe('an app watched folder by folder', () => {
  test('leaves the ignored folders and symbolic links unwatched, and forgets a removed folder', async () => {
    const app = mkdtempSync(join(tmpdir(), 'watched-app-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'linked-'));
    try {
      mkdirSync(join(app, 'lambda', 'orders'), { recursive: true });
      mkdirSync(join(app, 'node_modules', 'left-pad'), { recursive: true });
      mkdirSync(join(app, 'cdk.out'));
      symlinkSync(elsewhere, join(app, 'linked'));
      const watcher = new AppWatcher({
        root: app,
        ignore: new WatchIgnoreRules(app),
        onChange: () => undefined,
        recursive: false,
      });
      watcher.start();

      expect(watcher.folders.sort()).toEqual([app, join(app, 'lambda'), join(app, 'lambda', 'orders')]);

      rmSync(join(app, 'lambda'), { recursive: true });
      await waitFor(() => watcher.folders.length === 1);
      const afterRemoval = watcher.folders;
      watcher.close();

      expect(afterRemoval).toEqual([app]);
    } finally {
      rmSync(app, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
