import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPOSITORY = join(__dirname, '..', '..');

/** Starts `npm start -- --serve` as a user would, and resolves once it says it is ready. */
function startServing(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--require', 'ts-node/register/transpile-only', 'tools/cli.ts', '--serve', '--port', '0', ...args],
    { cwd: REPOSITORY, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`--serve was not ready after 120 s:\n${output}`));
    }, 120_000);
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Press Ctrl+C to stop.')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`--serve exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('npm start -- --serve as a process', () => {
  const state = mkdtempSync(join(tmpdir(), 'order-pipeline-signals-'));
  afterAll(() => rmSync(state, { recursive: true, force: true }));

  test.each(['SIGINT', 'SIGTERM'] as const)(
    'stops cleanly on %s, exit code 0',
    async (signal) => {
      const { child, output } = await startServing(['--state', state]);
      const exited = exitOf(child);
      child.kill(signal);
      expect(await exited).toStrictEqual({ code: 0, signal: null });
      expect(output()).toContain('Stopping the local cloud...');
      expect(readdirSync(state).sort()).toEqual([
        'clock.json',
        'console',
        'dynamodb',
        'lambda',
        'logs',
        'sns',
        'sqs',
      ]);
    },
    180_000,
  );
});
