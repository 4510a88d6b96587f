import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogsService } from '../../src/logs';

const PACKAGE = join(__dirname, '..', '..');

/** Runs the writer until it has acknowledged `atLeast` events, kills it with SIGKILL, and returns the last count it printed. */
async function writeThenKill(stateDirectory: string, atLeast: number): Promise<number> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'fixtures', 'journal-writer.ts'),
      stateDirectory,
    ],
    { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const acknowledged = () => {
    const counts = output.split('\n').filter((line) => /^\d+$/.test(line));
    return counts.length === 0 ? 0 : Number(counts[counts.length - 1]);
  };
  const deadline = Date.now() + 60_000;
  try {
    while (acknowledged() < atLeast) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`the writer did not get going: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }
    });
  }
  // Only complete lines count: a count cut by the kill was never acknowledged.
  const lines = output.split('\n');
  lines.pop();
  const counts = lines.filter((line) => /^\d+$/.test(line));
  return Number(counts[counts.length - 1]);
}

describe('the log journal under kill -9', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'logs-kill-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  test('keeps every acknowledged event, in order, and takes writes again after each restart', async () => {
    const first = await writeThenKill(directory, 2_000);
    const second = await writeThenKill(directory, first + 2_000);

    const logs = new LogsService({ stateDirectory: directory, retainedEventsPerStream: 1_000_000 });
    const numbers = logs
      .getLogEvents('/crash/test', 'writer')
      .map((event) => Number(event.message.split(' ')[1]));
    logs.close();

    expect(numbers.length).toBeGreaterThanOrEqual(second);
    expect(numbers.every((number, index) => number === index)).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
  }, 150_000);
});
