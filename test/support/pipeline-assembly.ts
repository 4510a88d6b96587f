import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesize } from '../../tools/cli';

/**
 * The environment variable through which `global-setup.ts` hands every test worker the folder of
 * this run's shared assemblies. Outside a jest run with that setup, each process makes its own.
 */
export const SHARED_ASSEMBLIES_VARIABLE = 'ORDER_PIPELINE_TEST_ASSEMBLIES';

let processRoot: string | undefined;

function assembliesRoot(): string {
  const shared = process.env[SHARED_ASSEMBLIES_VARIABLE];
  if (shared !== undefined) return shared;
  if (processRoot === undefined) {
    const root = mkdtempSync(join(tmpdir(), 'order-pipeline-assemblies-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    processRoot = root;
  }
  return processRoot;
}

/** A short, stable name for a context: the same settings give the same folder in every worker. */
function contextKey(context: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(context)
    .sort()
    .map((key) => [key, context[key]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

/**
 * The cloud assembly of the order pipeline synthesized as `npm start` does (bundles, cdk-nag and
 * all) with `context`, made once per test run and shared by every suite that asks for the same
 * context. Synthesis with bundling costs seconds of CPU; two dozen suites used to pay it each.
 *
 * **Read-only:** a suite must never write into the folder (the local cloud only reads it; its
 * state, logs and journals go to folders of their own). Workers that ask at the same moment may
 * both synthesize; each writes a folder of its own and renames it into place, so the folder a
 * suite gets is always complete.
 */
export function pipelineAssembly(context: Readonly<Record<string, string>> = {}): string {
  const root = assembliesRoot();
  const directory = join(root, contextKey(context));
  if (existsSync(join(directory, 'manifest.json'))) return directory;
  mkdirSync(root, { recursive: true });
  const building = mkdtempSync(join(root, 'building-'));
  synthesize(building, { ...context });
  try {
    renameSync(building, directory);
  } catch (error) {
    // Another worker finished the same context first: its folder is as good as ours.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(directory, 'manifest.json'))) throw error;
  }
  return directory;
}
