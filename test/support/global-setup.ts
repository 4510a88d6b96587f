import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipelineAssembly, SHARED_ASSEMBLIES_VARIABLE } from './pipeline-assembly';

/**
 * Jest's global setup of the end-to-end tests: one folder of shared assemblies for the run, with
 * the pipeline synthesized once with its default settings before any worker starts, so the suites
 * that need it do not all synthesize at the same moment. Workers inherit the variable.
 */
export default function globalSetup(): void {
  process.env[SHARED_ASSEMBLIES_VARIABLE] = mkdtempSync(join(tmpdir(), 'order-pipeline-assemblies-'));
  pipelineAssembly();
}
