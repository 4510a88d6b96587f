import { loadConsoleAssets } from '../../src/console/console-assets';
import { CONSOLE_TOKEN_META } from '../../src/console/console-contract';

describe('loadConsoleAssets', () => {
  test('bundles the page once per process and serves app.js and app.css beside it', async () => {
    const assets = await loadConsoleAssets();

    expect(await loadConsoleAssets()).toBe(assets);
    expect([...assets.files.keys()].sort()).toStrictEqual(['app.css', 'app.js']);
    expect(assets.files.get('app.js')?.contentType).toMatch(/^text\/javascript/);
    expect(assets.files.get('app.js')?.body.length).toBeGreaterThan(1000);
    expect(assets.files.get('app.css')?.body).toContain('prefers-color-scheme');
  });

  test('the page hands the token to the script in a meta element, escaped', async () => {
    const page = (await loadConsoleAssets()).page('a"b<c');

    expect(page).toContain(`<meta name="${CONSOLE_TOKEN_META}" content="a&#34;b&#60;c">`);
    expect(page).toContain('<script src="app.js"></script>');
    expect(page).toContain('<link rel="stylesheet" href="app.css">');
  });

  test('nothing in the page or its files is loaded from the network', async () => {
    const assets = await loadConsoleAssets();
    const everything = [assets.page('token'), ...[...assets.files.values()].map((file) => file.body)].join(
      '\n',
    );

    expect(everything).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//);
    expect(everything).not.toMatch(/@import\s+url\(\s*["']?https?:/);
  });
});
