import { rmSync } from 'node:fs';
import { SHARED_ASSEMBLIES_VARIABLE } from './pipeline-assembly';

/** Removes the run's shared assemblies (see `global-setup.ts`). */
export default function globalTeardown(): void {
  const folder = process.env[SHARED_ASSEMBLIES_VARIABLE];
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
}
