import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppSynthesisError, synthesizeAppInBackground } from '../../src/cli/synthesize-app';

/** Real milliseconds an abort may take to end the app's process. */
const END_DEADLINE_MS = 5_000;
/** Real milliseconds the app's node may take to start on a busy machine. */
const START_DEADLINE_MS = 30_000;

/** An "app" that writes a manifest and what it was given, after running `body` first. */
function fakeApp(body = ''): string {
  const app = mkdtempSync(join(tmpdir(), 'fake-cdk-app-'));
  writeFileSync(join(app, 'cdk.json'), JSON.stringify({ app: 'node app.js', context: { stage: 'dev' } }));
  writeFileSync(
    join(app, 'app.js'),
    `const { writeFileSync } = require('node:fs');
    const { join } = require('node:path');
    ${body}
    writeFileSync(join(process.env.CDK_OUTDIR, 'manifest.json'), '{}');
    writeFileSync(join(process.env.CDK_OUTDIR, 'given.json'), JSON.stringify({
      validation: process.env.CDK_VALIDATION ?? null,
      context: JSON.parse(process.env.CDK_CONTEXT_JSON),
    }));`,
  );
  return app;
}

/** Whether the process runs: a zombie (ended, not yet reaped by whoever adopted it) does not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // The state follows the command's closing parenthesis: `Z` for a zombie.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('synthesizing a watched app again while the cloud serves', () => {
  const apps: string[] = [];
  const track = (app: string) => {
    apps.push(app);
    return app;
  };
  afterAll(() => {
    for (const app of apps) rmSync(app, { recursive: true, force: true });
  });

  /** The variables the fake app was given, synthesized with no CDK_VALIDATION of the caller's own. */
  async function synthesizedWith(settings: Parameters<typeof synthesizeAppInBackground>[1]) {
    const app = track(fakeApp());
    const outdir = mkdtempSync(join(app, 'out-'));
    const validation = process.env.CDK_VALIDATION;
    delete process.env.CDK_VALIDATION;
    try {
      const assembly = await synthesizeAppInBackground(app, { ...settings, outdir });
      return { assembly, outdir, given: JSON.parse(readFileSync(join(outdir, 'given.json'), 'utf8')) };
    } finally {
      if (validation !== undefined) process.env.CDK_VALIDATION = validation;
    }
  }

  test('writes to the folder given, with the context and without the CDK template validation', async () => {
    const { assembly, outdir, given } = await synthesizedWith({ context: { region: 'eu' }, validate: false });

    expect(assembly).toBe(outdir);
    expect(given).toEqual({ validation: 'false', context: { stage: 'dev', region: 'eu' } });
  });

  test('leaves the CDK template validation on unless told otherwise, as cdk synth does', async () => {
    const { given } = await synthesizedWith({});

    expect(given).toEqual({ validation: null, context: { stage: 'dev' } });
  });

  test('an app that throws fails with its output', async () => {
    const app = track(fakeApp("throw new Error('no such stage');"));

    const failure = synthesizeAppInBackground(app, { outdir: mkdtempSync(join(app, 'out-')) });

    await expect(failure).rejects.toThrow(AppSynthesisError);
    await expect(failure).rejects.toThrow(/failed \(exit code 1\):\n[\s\S]*Error: no such stage/);
  });

  test('an abort ends the app, not only its shell, and keeps the event loop free meanwhile', async () => {
    const app = track(fakeApp());
    // An app that never ends, and says which process it is.
    writeFileSync(
      join(app, 'app.js'),
      "require('node:fs').writeFileSync(require('node:path').join(__dirname, 'pid'), String(process.pid));\nsetTimeout(() => {}, 60_000);\n",
    );
    const abort = new AbortController();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);

    const synthesis = synthesizeAppInBackground(
      app,
      { outdir: mkdtempSync(join(app, 'out-')) },
      abort.signal,
    );
    const started = Date.now() + START_DEADLINE_MS;
    while (!existsSync(join(app, 'pid')) && Date.now() < started) await sleep(10);
    const pid = Number(readFileSync(join(app, 'pid'), 'utf8'));
    abort.abort();

    await expect(synthesis).rejects.toMatchObject({ name: 'AbortError' });
    // Its own deadline from the abort: a slow start on a busy machine must not eat into it.
    const ended = Date.now() + END_DEADLINE_MS;
    while (alive(pid) && Date.now() < ended) await sleep(10);
    clearInterval(ticker);
    expect(alive(pid)).toBe(false);
    expect(ticks).toBeGreaterThan(0);
  });
});
