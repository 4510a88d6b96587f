import { join } from 'node:path';
import { WatchIgnoreRules } from '../../src/cli/watch-ignore';

describe('what a change of does not synthesize a watched app again', () => {
  const app = join('/work', 'orders-app');
  const rules = new WatchIgnoreRules(app, [
    join(app, '.local-state'),
    join(app, 'cdk.out', 'local-cloud-watch-x'),
  ]);

  test.each([
    ['the app', 'bin/app.ts'],
    ['a handler', join(app, 'lambda', 'consumer.ts')],
    ['cdk.json', 'cdk.json'],
    ['a file whose name only starts like an ignored folder', 'node_modules_notes.md'],
  ])('%s is watched', (_what, path) => {
    expect(rules.ignores(path)).toBe(false);
  });

  test.each([
    ['cdk.out', 'cdk.out/manifest.json'],
    ['node_modules, at any depth', 'packages/api/node_modules/left-pad/index.js'],
    ['.git', '.git/index'],
    ['the state folder', '.local-state/sqs/journal.jsonl'],
    ['the state folder itself', join(app, '.local-state')],
    ['the synthesis folder', join(app, 'cdk.out', 'local-cloud-watch-x', 'synth-2', 'manifest.json')],
    ['a path outside the app', join('/work', 'other-app', 'app.js')],
    ['a Vim swap file', 'lambda/.consumer.ts.swp'],
    ["Vim's write probe", 'lambda/4913'],
    ['a backup file', 'lambda/consumer.ts~'],
    ['an Emacs lock file', 'lambda/.#consumer.ts'],
  ])('%s is not', (_what, path) => {
    expect(rules.ignores(path)).toBe(true);
  });

  test('a relative state folder is taken from the working directory, as --state takes it', () => {
    const relative = new WatchIgnoreRules(process.cwd(), ['state']);

    expect(relative.ignores(join(process.cwd(), 'state', 'logs', 'x.jsonl'))).toBe(true);
    expect(relative.ignores(join(process.cwd(), 'statement.ts'))).toBe(false);
  });
});
