import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SynthesisFolders } from '../../src/cli/synthesis-folders';

describe("the folders a watched app's syntheses go to", () => {
  let app: string;

  beforeEach(() => {
    app = mkdtempSync(join(tmpdir(), 'watched-app-'));
  });

  afterEach(() => rmSync(app, { recursive: true, force: true }));

  test("each synthesis has a fresh folder in the app's cdk.out, apart from another run's", () => {
    const folders = SynthesisFolders.create(app);
    const other = SynthesisFolders.create(app);

    const first = folders.next();
    const second = folders.next();

    expect(dirname(folders.root)).toBe(join(app, 'cdk.out'));
    expect(basename(folders.root)).toMatch(/^local-cloud-watch-/);
    expect(other.root).not.toBe(folders.root);
    expect([first, second].map((folder) => dirname(folder))).toEqual([folders.root, folders.root]);
    expect(first).not.toBe(second);
    expect(readdirSync(folders.root)).toHaveLength(2);
  });

  test('a settled synthesis goes once no function uses its folders; one not yet taken up stays', () => {
    const folders = SynthesisFolders.create(app);
    const [old, current, unused, running] = [1, 2, 3, 4].map(() => folders.next());
    for (const folder of [old, current, unused]) folders.settled(folder);
    mkdirSync(join(current, 'asset.abc'));

    folders.removeUnused([join(current, 'asset.abc')]);

    expect([old, current, unused, running].map((folder) => existsSync(folder))).toEqual([
      false,
      true,
      false,
      true,
    ]);
  });

  test('at the end every synthesis goes, with the folder holding them', () => {
    const folders = SynthesisFolders.create(app);
    folders.settled(folders.next());

    folders.removeAll();
    folders.removeUnused([]);

    expect(readdirSync(join(app, 'cdk.out'))).toEqual([]);
  });
});
