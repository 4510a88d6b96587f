import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where every scenario of the fault-injection suite leaves its figures (`.local/` is git-ignored). */
export const FAULTS_REPORT_FILE = join(__dirname, '..', '..', '..', '.local', 'faults-report.json');

/** How long a scenario waits for another jest worker to finish writing the report. */
const LOCK_ATTEMPTS = 100;
const LOCK_WAIT_MS = 20;

/**
 * Adds or replaces one scenario's figures in {@link FAULTS_REPORT_FILE}. Jest may run scenarios in
 * parallel workers, so the read-modify-write holds a lock file and ends with an atomic rename.
 */
export function recordScenarioFigures(scenario: string, figures: Record<string, unknown>): void {
  mkdirSync(join(FAULTS_REPORT_FILE, '..'), { recursive: true });
  const lock = `${FAULTS_REPORT_FILE}.lock`;
  let descriptor: number | undefined;
  for (let attempt = 0; attempt < LOCK_ATTEMPTS && descriptor === undefined; attempt++) {
    try {
      descriptor = openSync(lock, 'wx');
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_WAIT_MS);
    }
  }
  // A lock left by a killed worker must not lose this scenario's figures: write anyway.
  try {
    const report = readReport();
    report.scenarios[scenario] = { ...figures, recordedAt: new Date().toISOString() };
    const partial = `${FAULTS_REPORT_FILE}.${process.pid}`;
    writeFileSync(partial, `${JSON.stringify(report, null, 2)}\n`);
    renameSync(partial, FAULTS_REPORT_FILE);
  } finally {
    if (descriptor !== undefined) {
      closeSync(descriptor);
      rmSync(lock, { force: true });
    }
  }
}

function readReport(): { scenarios: Record<string, unknown> } {
  try {
    const parsed = JSON.parse(readFileSync(FAULTS_REPORT_FILE, 'utf8')) as {
      scenarios?: Record<string, unknown>;
    };
    return { scenarios: parsed.scenarios ?? {} };
  } catch {
    return { scenarios: {} };
  }
}
